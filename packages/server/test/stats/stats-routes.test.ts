// The statistics routes over HTTP: answers match the core schemas, small figures are bands in JSON and CSV alike, the
// grid is fixed, a month is cut from its year.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  allocationStatsSchema,
  nationalStatsSchema,
  qualitySchema,
  schoolStatsSchema,
  unusedStatsSchema,
  type PublishedStatsCell,
} from '@opengar/core';
import { assertProblem } from '../http/helpers.js';
import { HEAD_A, pupil, R_DICO, R_MATHS } from '../helpers/fixtures.js';
import type { AllocationWorld } from '../helpers/world.js';
import { S1, buildStatsWorld } from './world.js';

const BASE = `/api/v1/schools/${S1}/stats`;
let w: AllocationWorld;
const as = async (sub = 'head-a') => ({ authorization: `Bearer ${await w.assertion({ sub, uai: S1 })}` });
const get = async (path: string, sub?: string) => w.app.request(path, { headers: await as(sub) });
const figures = (x: PublishedStatsCell) => (x.status === 'published' ? [x.accesses, x.people] : x.band);

before(async () => {
  w = await buildStatsWorld();
});

describe('school statistics routes', () => {
  it('a school year by resource: months so far, the year as row totals, small figures banded, never zero', async () => {
    const res = await get(`${BASE}?period=2026-2027&by=resource`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const s = schoolStatsSchema.parse(await res.json());
    assert.deepEqual(s.table.columns, ['2026-09', '2026-10', '2026-11']);
    assert.deepEqual(
      s.table.rows.map((r) => r.key),
      [R_DICO, R_MATHS].sort(),
    );
    const maths = s.table.rows.findIndex((r) => r.key === R_MATHS);
    const dico = s.table.rows.findIndex((r) => r.key === R_DICO);
    assert.deepEqual(s.table.cells[dico]!.map(figures), [[0, 0], '<5', [0, 0]]);
    assert.equal(s.table.cells[dico]![1]!.status === 'suppressed' && s.table.cells[dico]![1]!.reason, 'primary');
    assert.deepEqual(figures(s.table.cells[maths]![0]!), [0, 0]);
    // November's 3 maths people are hidden; so must be something else in November and in the maths row.
    assert.equal(figures(s.table.cells[maths]![2]!), '<5');
    const all = [...s.table.cells.flat(), ...s.table.rowTotals, ...s.table.columnTotals, s.table.total];
    for (const x of all) if (x.status === 'published') assert.ok(x.people === 0 || x.people >= 5);
    assert.ok(all.filter((x) => x.status === 'suppressed').length >= 4);
  });

  it('a month is the column of its year, with the same figures', async () => {
    const year = schoolStatsSchema.parse(await (await get(`${BASE}?period=2026-2027`)).json());
    const oct = schoolStatsSchema.parse(await (await get(`${BASE}?period=2026-10`)).json());
    assert.equal(oct.schoolYear, '2026-2027');
    assert.deepEqual(oct.table.columns, ['2026-10']);
    assert.deepEqual(
      oct.table.cells.map((r) => r[0]),
      year.table.cells.map((r) => r[1]),
    );
    assert.deepEqual(oct.table.total, year.table.columnTotals[1]);
  });

  it('by profile and by division, with labels', async () => {
    const d = schoolStatsSchema.parse(await (await get(`${BASE}?period=2026-10&by=division`)).json());
    assert.deepEqual(d.table.rows, [{ key: '6A', label: '6e A' }]);
    // One division: its 3 November people are hidden, so October is too (else October = the year − November).
    assert.deepEqual(d.table.cells[0]![0], { status: 'suppressed', reason: 'secondary', band: 'hidden' });
    const y = schoolStatsSchema.parse(await (await get(`${BASE}?period=2026-2027&by=division`)).json());
    assert.deepEqual(figures(y.table.rowTotals[0]!), [29, 12]);
    const p = schoolStatsSchema.parse(await (await get(`${BASE}?period=2026-10&by=profile`)).json());
    assert.deepEqual(
      p.table.rows.map((r) => r.key),
      ['National_elv'],
    );
  });

  it('CSV carries the same figures, hidden ones as their band', async () => {
    const res = await get(`${BASE}?period=2026-2027&format=csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    assert.equal(lines[0], 'resource,label,period,accesses,people,status');
    assert.ok(lines.some((l) => l.includes(`${R_DICO},`) && l.includes(',2026-10,<5,<5,suppressed-primary')));
    assert.ok(
      lines.some((l) => l.startsWith(`${R_MATHS},`) && l.includes(',2026-10,hidden,hidden,suppressed-secondary')),
    );
    assert.ok(lines.includes('total,,total,29,12,published'));
    for (const l of lines.slice(1)) {
      const [people] = l.split(',').slice(-2);
      assert.ok(people === '<5' || people === 'hidden' || Number(people) === 0 || Number(people) >= 5, l);
    }
  });

  it('refuses free ranges, unknown dimensions and periods not begun', async () => {
    await assertProblem(await get(`${BASE}?period=2026-10-01`), 400, 'validation');
    await assertProblem(await get(`${BASE}?period=2026-2028`), 400, 'validation');
    await assertProblem(await get(`${BASE}?period=2026-10&from=2026-10-01`), 400, 'validation');
    await assertProblem(await get(`${BASE}?period=2026-10&by=person`), 400, 'validation');
    await assertProblem(await get(`${BASE}?period=2026-12`), 400, 'validation');
    await assertProblem(await get(`${BASE}`), 400, 'validation');
  });

  it('allocations: copies allocated and used per subscription and audience, under disclosure control', async () => {
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: Array.from({ length: 8 }, (_, i) => ({ kind: 'person' as const, personId: pupil(i + 1) })),
    });
    for (let i = 1; i <= 6; i++) await w.store.markCopyOpened('INDIV-10', pupil(i), '2026-11-10T08:00:00.000Z');
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [1, 2].map((i) => ({ kind: 'person' as const, personId: pupil(i) })),
    });
    await w.store.markCopyOpened('NT-5', pupil(1), '2026-11-10T08:00:00.000Z');
    const a = allocationStatsSchema.parse(await (await get(`${BASE}/allocations`)).json());
    const indiv = a.allocated.rows.findIndex((r) => r.key === 'INDIV-10');
    assert.deepEqual(figures(a.allocated.cells[indiv]![0]!), [8, 8]);
    // One pupil opened NT-5: hidden, and INDIV-10's 6 with it (the pupils' column total would give it away).
    const nt = a.used.rows.findIndex((r) => r.key === 'NT-5');
    assert.deepEqual(a.used.cells[nt]![0], { status: 'suppressed', reason: 'primary', band: '<5' });
    assert.deepEqual(a.used.cells[indiv]![0], { status: 'suppressed', reason: 'secondary', band: 'hidden' });
    assert.deepEqual(figures(a.used.total), [7, 7]);
    for (const x of [...a.used.cells.flat(), ...a.allocated.cells.flat()])
      if (x.status === 'published') assert.ok(x.people === 0 || x.people >= 5);

    const u = unusedStatsSchema.parse(await (await get(`${BASE}/unused`)).json());
    assert.deepEqual(
      u.openedByFew.map((x) => [x.subscriptionId, x.people, x.allocatedCopies]),
      [['NT-5', '<5', '<5']],
    );
    assert.deepEqual(
      u.neverOpened.map((x) => [x.subscriptionId, x.allocatedCopies]),
      [
        ['ABO-MATHS-S1', '<5'],
        ['ABO-OLD-S1', '<5'],
      ],
    );
    const csv = await (await get(`${BASE}/unused?format=csv`)).text();
    assert.match(csv, /^opened-by-few,NT-5,.*,<5,<5\r$/m);
    await assertProblem(await get(`${BASE}/allocations?year=2025-2026`), 400, 'validation');
  });

  it('quality: hand-offs per day with refusal reasons (banded), the service health and probes', async () => {
    await w.store.putResourceProbe({
      resourceId: R_MATHS,
      at: '2026-11-15T09:00:00.000Z',
      ok: false,
      error: 'timeout',
    });
    await w.app.request('/readyz');
    await w.service.stats.serviceMetrics.flush(w.store);
    const q = qualitySchema.parse(await (await get(`${BASE}/quality?month=2026-11`)).json());
    assert.deepEqual(
      q.handoffs.map((h) => [h.day, h.resourceId, h.successes, h.refusals]),
      [
        ['2026-11-04', R_MATHS, '<5', {}],
        ['2026-11-05', R_MATHS, 0, { no_copy: '<5' }],
      ],
    );
    assert.deepEqual(
      q.probes.map((p) => [p.resourceId, p.ok, p.error]),
      [[R_MATHS, false, 'timeout']],
    );
    const today = q.service.find((d) => d.day === '2026-11-15');
    assert.ok(today && today.requests >= 1 && today.readyChecks === 1 && today.readyFailures === 0);
    const oct = qualitySchema.parse(await (await get(`${BASE}/quality?month=2026-10`)).json());
    assert.equal(oct.handoffs.find((h) => h.day === '2026-10-03')?.successes, 12);
  });
});

describe('national statistics route', () => {
  it('operators get académie, profile and degree aggregates in JSON and CSV; anyone else is refused', async () => {
    const op = { authorization: `Bearer ${w.operatorSecret}` };
    const res = await w.app.request('/api/v1/admin/stats/national?year=2026-2027&by=degree', { headers: op });
    assert.equal(res.status, 200);
    const n = nationalStatsSchema.parse(await res.json());
    assert.deepEqual(figures(n.table.total), [35, 18]);
    for (const x of [...n.table.cells.flat(), ...n.table.rowTotals, ...n.table.columnTotals])
      if (x.status === 'published') assert.ok(x.people === 0 || x.people >= 5);
    const csv = await w.app.request('/api/v1/admin/stats/national?year=2026-2027&by=academie&format=csv', {
      headers: op,
    });
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(await csv.text(), /^total,,total,35,18,published\r$/m);
    await assertProblem(
      await w.app.request('/api/v1/admin/stats/national?year=2026-2027', { headers: await as() }),
      [401, 403],
    );
    await assertProblem(
      await w.app.request('/api/v1/admin/stats/national?year=2026-10', { headers: op }),
      400,
      'validation',
    );
  });
});
