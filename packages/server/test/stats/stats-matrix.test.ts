// Every caller × every statistics route × both schools: forbidden cells are refused (401/403/404, problem+json, no
// figure) and change nothing; allowed cells answer, so the matrix proves something.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { NATIONAL_SCOPE } from '../../src/store/types-stats.js';
import type { Store } from '../../src/index.js';
import { type CallerCredentials, callerHeaders } from '../helpers/caller-headers.js';
import { HEAD_A, HEAD_B, SYSTEM } from '../helpers/fixtures.js';
import { type AllocationWorld, snapshot } from '../helpers/world.js';
import { S1, S2, buildStatsWorld } from './world.js';

type Caller = 'anonymous' | 'pupil' | 'teacher' | 'managerA' | 'delegateA' | 'managerB' | 'publisher' | 'operator';
const CALLERS: Caller[] = [
  'anonymous',
  'pupil',
  'teacher',
  'managerA',
  'delegateA',
  'managerB',
  'publisher',
  'operator',
];

let w: AllocationWorld;
before(async () => {
  w = await buildStatsWorld();
  await w.service.directory.putPerson(SYSTEM, {
    entId: 'ENTA',
    id: 'prof-a',
    lastName: 'Prof',
    firstName: 'A',
    profiles: [{ uai: S1, profile: 'National_ens' }],
  });
  await w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'doc-a' });
  void HEAD_B;
});

/** Who each caller of the matrix is. */
const CREDENTIALS: Record<Caller, CallerCredentials> = {
  anonymous: 'anonymous',
  pupil: { sub: 'p01', uai: S1 },
  teacher: { sub: 'prof-a', uai: S1 },
  managerA: { sub: 'head-a', uai: S1 },
  delegateA: { sub: 'doc-a', uai: S1 },
  managerB: { sub: 'head-b', uai: S2, ent: 'B' },
  publisher: 'publisherX',
  operator: 'operator',
};

const schoolCells = (uai: string, allowed: Caller[]) =>
  ['?period=2026-2027', '?period=2026-10&format=csv', '/allocations', '/unused', '/quality'].map((p) => ({
    path: `/api/v1/schools/${uai}/stats${p}`,
    allowed,
  }));
const CELLS = [
  ...schoolCells(S1, ['managerA', 'delegateA']),
  ...schoolCells(S2, ['managerB']),
  { path: '/api/v1/admin/stats/national?year=2026-2027', allowed: ['operator'] as Caller[] },
  { path: '/api/v1/admin/stats/national?year=2026-2027&by=academie&format=csv', allowed: ['operator'] as Caller[] },
];

async function state(store: Store): Promise<unknown> {
  const counters = [];
  for (const scope of [S1, S2, NATIONAL_SCOPE])
    counters.push(
      await store.listStatsCounters({
        scope,
        dimensions: ['resource', 'profile', 'division', 'all', 'academie', 'degree'],
        periods: ['2026-10', '2026-11', '2026-2027'],
      }),
    );
  return {
    base: await snapshot(store),
    counters,
    events: await store.listHandoffEvents({}),
    people: await store.listStatsPeoplePeriods(),
  };
}

describe('caller × route × school matrix of the statistics routes', () => {
  it('refuses every forbidden cell with a problem and no figure, changing nothing; answers every allowed one', async () => {
    let refused = 0;
    let allowed = 0;
    for (const cell of CELLS)
      for (const caller of CALLERS) {
        const before = await state(w.store);
        const res = await w.app.request(cell.path, { headers: await callerHeaders(w, CREDENTIALS[caller]) });
        if (cell.allowed.includes(caller)) {
          assert.equal(res.status, 200, `${caller} → ${cell.path}`);
          allowed++;
          continue;
        }
        assert.ok([401, 403, 404].includes(res.status), `${caller} → ${cell.path}: ${res.status}`);
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, `${caller} → ${cell.path}`);
        const body = (await res.json()) as Record<string, unknown>;
        assert.equal(body.table, undefined);
        assert.deepEqual(await state(w.store), before, `${caller} → ${cell.path} changed the store`);
        refused++;
      }
    assert.equal(allowed, 5 * 3 + 2);
    assert.equal(refused, CELLS.length * CALLERS.length - allowed);
  });
});
