import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { band, HIDDEN_BAND, protectTable, type CountCell, type PublishedTable } from '../src/index.js';

const c = (accesses: number, people: number): CountCell => ({ accesses, people });

export function statusGrid(t: PublishedTable): string[][] {
  const row = (cells: PublishedTable['cells'][number], total: PublishedTable['total']) =>
    [...cells, total].map((x) => (x.status === 'published' ? 'P' : x.reason === 'primary' ? 'S' : 's'));
  return [...t.cells.map((r, i) => row(r, t.rowTotals[i]!)), row(t.columnTotals, t.total)];
}

describe('disclosure control', () => {
  it('publishes a table without small cells unchanged, with totals', () => {
    const t = protectTable({
      rows: ['a', 'b'],
      columns: ['m1', 'm2'],
      cells: [
        [c(10, 6), c(20, 9)],
        [c(7, 5), c(0, 0)],
      ],
    });
    assert.deepEqual(t.cells[0]![1], { status: 'published', accesses: 20, people: 9 });
    assert.deepEqual(t.cells[1]![1], { status: 'published', accesses: 0, people: 0 });
    assert.deepEqual(t.rowTotals[0], { status: 'published', accesses: 30, people: 15 });
    assert.deepEqual(t.total, { status: 'published', accesses: 37, people: 20 });
  });

  it('shows a small cell as "<5", never a number, and hides a second cell of its row and column', () => {
    const t = protectTable({
      rows: ['dico', 'maths'],
      columns: ['2026-09', '2026-10', '2026-11'],
      cells: [
        [c(9, 3), c(40, 12), c(50, 15)],
        [c(30, 10), c(31, 11), c(60, 20)],
      ],
    });
    assert.deepEqual(t.cells[0]![0], { status: 'suppressed', reason: 'primary', band: '<5' });
    const grid = statusGrid(t);
    // Row 0 and column 0 each hold a second hidden cell, so the small one cannot be recovered by subtraction.
    assert.ok(grid[0]!.filter((x) => x !== 'P').length >= 2);
    assert.ok(grid.map((r) => r[0]).filter((x) => x !== 'P').length >= 2);
    assert.doesNotMatch(JSON.stringify(t), /"accesses":9[,}]/);
  });

  it('says "hidden", not "<5", for a cell hidden only to protect a small one (it may count many people)', () => {
    const t = protectTable({
      rows: ['dico', 'maths'],
      columns: ['2026-09', '2026-10'],
      cells: [
        [c(9, 3), c(40, 12)],
        [c(30, 10), c(31, 11)],
      ],
    });
    const all = [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total];
    const secondary = all.filter((x) => x.status === 'suppressed' && x.reason === 'secondary');
    assert.ok(secondary.length > 0);
    for (const x of secondary) assert.deepEqual(x, { status: 'suppressed', reason: 'secondary', band: HIDDEN_BAND });
    assert.equal(HIDDEN_BAND, 'hidden');
  });

  it('suppresses small totals too, using the distinct people given for them', () => {
    const t = protectTable({
      rows: ['r'],
      columns: ['m1', 'm2'],
      cells: [[c(12, 6), c(14, 7)]],
      rowPeople: [4],
      columnPeople: [6, 7],
      totalPeople: 4,
    });
    assert.equal(t.rowTotals[0]!.status, 'suppressed');
    assert.equal(t.total.status, 'suppressed');
  });

  it('a single small cell hides the whole 1×1 table', () => {
    const t = protectTable({ rows: ['r'], columns: ['m'], cells: [[c(3, 2)]] });
    assert.deepEqual(statusGrid(t), [
      ['S', 'S'],
      ['S', 'S'],
    ]);
  });

  it('honours another k and rejects bad input', () => {
    const t = protectTable({ rows: ['r'], columns: ['m1', 'm2'], cells: [[c(30, 9), c(30, 12)]] }, { k: 10 });
    assert.deepEqual(t.cells[0]![0], { status: 'suppressed', reason: 'primary', band: '<10' });
    assert.throws(() => protectTable({ rows: ['r'], columns: ['m'], cells: [] }), TypeError);
    assert.throws(() => protectTable({ rows: ['r'], columns: ['m'], cells: [[c(1, 2)]] }), TypeError);
    assert.throws(() => protectTable({ rows: ['r'], columns: ['m'], cells: [[c(1, 1)]] }, { k: 0 }), TypeError);
  });

  it('bands small counts in lists', () => {
    assert.equal(band(3), '<5');
    assert.equal(band(0), 0);
    assert.equal(band(5), 5);
  });
});
