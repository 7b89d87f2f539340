// For random usage, the published school-year table and its monthly tables (as the API answers them) publish no
// figure below k, show every hidden figure as the band, never as zero, and let no hidden figure be computed from any
// combination of published ones, within one answer or across the year and its months.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PublishedTable } from '@opengar/core';
import { monthsOfYear } from '@opengar/core';
import { monthOfYearTable, protectYear } from '../../src/stats/stats-tables.js';
import { protectClassUsage } from '../../src/classroom/protect-class-usage.js';
import { createMemoryStore } from '../../src/store/index.js';
import { recoverableFigures, type Figure } from './attacker.js';

const UAI = '0000001A';
const YEAR = '2026-2027';
const MONTHS = monthsOfYear(YEAR).slice(0, 4);
const RESOURCES = ['r0', 'r1', 'r2'];

const event = fc.record({
  person: fc.integer({ min: 0, max: 24 }),
  resource: fc.integer({ min: 0, max: RESOURCES.length - 1 }),
  month: fc.integer({ min: 0, max: MONTHS.length - 1 }),
  repeat: fc.integer({ min: 1, max: 3 }),
});

/** Every figure of the year answer and of each month answer, as sums over interior cells (row r, month m → r*M+m). */
function figures(year: PublishedTable, months: PublishedTable[]): Figure[] {
  const M = year.columns.length;
  const R = year.rows.length;
  const id = (r: number, m: number) => r * M + m;
  const out: Figure[] = [];
  year.cells.forEach((row, r) => {
    row.forEach((x, m) => {
      out.push({ cells: [id(r, m)], published: x });
    });
  });
  year.rowTotals.forEach((x, r) => {
    out.push({ cells: year.columns.map((_, m) => id(r, m)), published: x });
  });
  year.columnTotals.forEach((x, m) => {
    out.push({ cells: year.rows.map((_, r) => id(r, m)), published: x });
  });
  out.push({ cells: Array.from({ length: R * M }, (_, i) => i), published: year.total });
  for (const t of months) {
    const m = year.columns.indexOf(t.columns[0]!);
    t.cells.forEach((row, r) => {
      out.push({ cells: [id(r, m)], published: row[0]! });
    });
    t.rowTotals.forEach((x, r) => {
      out.push({ cells: [id(r, m)], published: x });
    });
    out.push({ cells: year.rows.map((_, r) => id(r, m)), published: t.columnTotals[0]! });
    out.push({ cells: year.rows.map((_, r) => id(r, m)), published: t.total });
  }
  return out;
}

describe('statistics disclosure control (property)', () => {
  it('no figure below k, hidden ones banded, none recoverable within or across the year and its months', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 0, maxLength: 120 }), async (events) => {
        const store = createMemoryStore();
        let n = 0;
        for (const e of events)
          for (let i = 0; i < e.repeat; i++)
            await store.appendHandoffEvent({
              id: `e${n++}`,
              at: `${MONTHS[e.month]}-1${i}T08:00:00.000Z`,
              uai: UAI,
              resourceId: RESOURCES[e.resource]!,
              statsPseudonym: `p${e.person}`,
              profile: 'National_elv',
              divisionCodes: [],
              outcome: 'success',
              protocol: 'jwt',
            });
        assert.equal(await store.aggregateHandoffEvents(10_000), n);
        const counters = await store.listStatsCounters({
          scope: UAI,
          dimensions: ['resource', 'all'],
          periods: [...MONTHS, YEAR],
        });
        const year = protectYear(counters, { dimension: 'resource', months: MONTHS, year: YEAR });
        const months = MONTHS.map((m) => monthOfYearTable(year, m));

        // The truth, from the raw events: published figures are exact.
        const truth = (rows: readonly string[], cols: readonly string[]) => {
          const hit = events.filter((e) => rows.includes(RESOURCES[e.resource]!) && cols.includes(MONTHS[e.month]!));
          return { accesses: hit.reduce((a, e) => a + e.repeat, 0), people: new Set(hit.map((e) => e.person)).size };
        };
        const check = (x: PublishedTable['total'], rows: readonly string[], cols: readonly string[]) => {
          const t = truth(rows, cols);
          if (x.status === 'published') {
            assert.deepEqual({ accesses: x.accesses, people: x.people }, t, 'published figures are exact');
            assert.ok(x.people === 0 || x.people >= 5, 'no figure below k');
          } else {
            // A small figure is the band `<5`; one hidden only to protect it says `hidden`, never `<5`.
            assert.equal(x.band, x.reason === 'primary' ? '<5' : 'hidden');
            if (x.reason === 'primary') assert.ok(t.people > 0 && t.people < 5);
          }
        };
        year.cells.forEach((row, r) => {
          row.forEach((x, m) => {
            check(x, [year.rows[r]!], [MONTHS[m]!]);
          });
        });
        year.rowTotals.forEach((x, r) => {
          check(x, [year.rows[r]!], MONTHS);
        });
        year.columnTotals.forEach((x, m) => {
          check(x, year.rows, [MONTHS[m]!]);
        });
        check(year.total, year.rows, MONTHS);

        const all = figures(year, months);
        const leaks = recoverableFigures(year.rows.length * MONTHS.length, all);
        assert.deepEqual(leaks, [], 'a hidden figure is recoverable from published ones');
      }),
      { numRuns: 120 },
    );
  });

  it('the attacker is not blind: a month published apart from its year would leak', () => {
    // One resource, two months: October has 3 people (hidden), November 10; the year 13. Publishing November and the
    // year, as separate tables would, gives October by subtraction.
    const fig = (cells: number[], people: number): Figure => ({
      cells,
      published:
        people < 5
          ? { status: 'suppressed', reason: 'primary', band: '<5' }
          : { status: 'published', accesses: people, people },
    });
    assert.equal(recoverableFigures(2, [fig([0], 3), fig([1], 10), fig([0, 1], 13)]).length, 1);
  });

  it('class usage (issue 19): overlapping classes, no figure below k, none recoverable by subtraction', () => {
    // Pupils 0–11; 6A = 0–5 and 6B = 6–11 (divisions), plus up to three groups of any pupils (equal to a division, a
    // union of both, a part of one…). Per resource: who holds it (the teacher knows) and who of them opened it.
    const pupils = Array.from({ length: 12 }, (_, i) => `p${i}`);
    const subset = fc
      .array(fc.boolean(), { minLength: 12, maxLength: 12 })
      .map((bits) => pupils.filter((_, i) => bits[i]));
    fc.assert(
      fc.property(
        fc.array(subset, { minLength: 0, maxLength: 3 }),
        fc.array(fc.record({ holders: subset, opened: subset }), { minLength: 1, maxLength: 3 }),
        (groups, resources) => {
          const classes = [pupils.slice(0, 6), pupils.slice(6), ...groups];
          const columns = classes.map((_, c) => `c${c}`);
          const rows = resources.map((_, r) => `r${r}`);
          const holders = resources.map((res) =>
            classes.map((members) => members.filter((p) => res.holders.includes(p))),
          );
          const opened = resources.map((res) => new Set(res.opened.filter((p) => res.holders.includes(p))));
          const t = protectClassUsage({ rows, columns, holders, opened }, 5);
          // Unknowns: whether each holder of each resource opened it (index r * 12 + pupil).
          const id = (r: number, p: string) => r * 12 + pupils.indexOf(p);
          const all: Figure[] = [];
          rows.forEach((_, r) => {
            columns.forEach((_, c) => {
              const x = t.cells[r]![c]!;
              const truth = holders[r]![c]!.filter((p) => opened[r]!.has(p)).length;
              if (x.status === 'published') {
                assert.equal(x.people, truth, 'published figures are exact');
                assert.ok(x.people === 0 || x.people >= 5, 'no figure below k');
              } else if (x.reason === 'primary') {
                assert.equal(x.band, '<5');
                assert.ok(truth > 0 && truth < 5);
              } else assert.equal(x.band, 'hidden');
              all.push({ cells: holders[r]![c]!.map((p) => id(r, p)), published: x });
            });
            // A row total sums its class cells (a pupil in two classes counts twice): never published here.
            assert.equal(t.rowTotals[r]!.status, 'suppressed');
          });
          assert.equal(t.total.status, 'suppressed');
          assert.ok(t.columnTotals.every((x) => x.status === 'suppressed'));
          // Overlaps make some cells sums of others (6A = G + H): the attacker's rank test over the pupils sees them.
          const leaks = recoverableFigures(rows.length * 12, all);
          assert.deepEqual(leaks, [], 'a hidden figure is recoverable from published ones');
        },
      ),
      { numRuns: 300 },
    );
  });
});
