// Exact accounting under concurrency on every store: 100 concurrent allocations for 10 remaining copies give exactly
// 10 successes and 90 clear refusals (`insufficient-licences`, `remaining`), and the copies in use never pass the pool.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createPostgresStore } from '../../src/node/stores.js';
import { createMemoryStore, type Store } from '../../src/index.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { createTestPgliteStore } from '../helpers/pglite-template.js';
import { HEAD_A, ISSUER, pupil, S1 } from '../helpers/fixtures.js';
import { type AllocationWorld, buildWorld } from '../helpers/world.js';

const PUPILS = 100;

/** 100 allocations at once, one pupil each, on a subscription with 10 copies left (15 licences, 5 in use). */
async function race(w: AllocationWorld, via: 'service' | 'http') {
  const sub = (await w.store.getSubscription('INDIV-10'))!;
  await w.store.updateSubscription({ ...sub, licences: { kind: 'global', count: 15 } });
  await w.service.allocation.allocate(HEAD_A, S1, {
    subscriptionId: 'INDIV-10',
    targets: [1, 2, 3, 4, 5].map((i) => ({ kind: 'person' as const, personId: pupil(i) })),
  });
  const token = via === 'http' ? await w.assertion({ sub: 'head-a', uai: S1, aud: ISSUER }) : '';
  const outcomes = await Promise.all(
    Array.from({ length: PUPILS - 5 }, async (_, k) => {
      const body = { subscriptionId: 'INDIV-10', targets: [{ kind: 'person', personId: pupil(k + 6) }] };
      if (via === 'service') {
        try {
          await w.service.allocation.allocate(HEAD_A, S1, body);
          return { ok: true as const };
        } catch (e) {
          const err = e as { problem?: string; details?: { remaining?: number } };
          return { ok: false as const, problem: err.problem, remaining: err.details?.remaining };
        }
      }
      const res = await w.app.request(`/api/v1/schools/${S1}/allocations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status === 201) return { ok: true as const };
      const p = (await res.json()) as { code?: string; remaining?: number };
      return { ok: false as const, problem: p.code, remaining: p.remaining, status: res.status };
    }),
  );
  return outcomes;
}

function check(outcomes: Awaited<ReturnType<typeof race>>, copies: number): void {
  const wins = outcomes.filter((o) => o.ok).length;
  const refusals = outcomes.filter((o) => !o.ok);
  assert.equal(wins, 10, 'exactly the 10 remaining copies are given');
  assert.equal(refusals.length, PUPILS - 5 - 10);
  for (const r of refusals) {
    assert.equal(r.problem, 'insufficient-licences');
    assert.equal(r.remaining, 0);
  }
  assert.equal(copies, 15, 'copies in use equal the licences, never more');
}

async function run(store: Store, via: 'service' | 'http' = 'service'): Promise<void> {
  const w = await buildWorld({ data: 'allocation', store, pupils: PUPILS });
  const outcomes = await race(w, via);
  check(outcomes, (await w.store.listCopies({ subscriptionId: 'INDIV-10' })).length);
  const audit = (await w.store.listAudit({ uai: S1, limit: 1000 })).filter((a) => a.action === 'allocation.create');
  assert.equal(audit.length, 11, 'one audit entry per success (and the first allocation)');
}

const postgres = await startTestPostgres();
after(async () => {
  if (!('skip' in postgres)) await postgres.stop();
});

describe('concurrent allocations are counted exactly', () => {
  it('memory store, through the HTTP app', async () => {
    await run(createMemoryStore(), 'http');
  });

  it('PGlite', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opengar-alloc-'));
    const store = await createTestPgliteStore(join(dir, 'data'));
    try {
      await run(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL', { timeout: 120_000, skip: 'skip' in postgres ? postgres.skip : false }, async () => {
    if ('skip' in postgres) return;
    const { url } = await postgres.createDatabase();
    const store = await createPostgresStore({ url });
    try {
      await run(store);
    } finally {
      await store.close();
    }
  });
});
