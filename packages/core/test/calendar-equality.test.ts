// The calendar of the statistics grid, accent folding, target equality and JSON equality: the rules stores share.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addMonths,
  foldText,
  isMonth,
  monthOf,
  monthsOfYear,
  previousSchoolYear,
  sameJson,
  sameTarget,
  statsYearOfMonth,
  type AllocationTarget,
} from '../src/index.js';

const month = fc
  .record({ y: fc.integer({ min: 1970, max: 2200 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);

describe('statistics calendar', () => {
  it('a month lies in exactly one statistics year, September to August, and that year lists it', () => {
    assert.equal(statsYearOfMonth('2026-08'), '2025-2026');
    assert.equal(statsYearOfMonth('2026-09'), '2026-2027');
    fc.assert(
      fc.property(month, (m) => {
        const year = statsYearOfMonth(m);
        assert.ok(monthsOfYear(year).includes(m));
        assert.equal(monthsOfYear(year).filter((x) => statsYearOfMonth(x) === year).length, 12);
        assert.equal(statsYearOfMonth(addMonths(monthsOfYear(year)[0]!, -1)), previousSchoolYear(year));
      }),
    );
  });

  it('months are UTC and periods tell months from years', () => {
    assert.equal(monthOf('2026-08-31T23:30:00-01:00'), '2026-09');
    assert.equal(addMonths('2026-01', -2), '2025-11');
    assert.equal(isMonth('2026-10'), true);
    assert.equal(isMonth('2026-2027'), false);
    assert.throws(() => statsYearOfMonth('2026-13'), TypeError);
    assert.throws(() => monthsOfYear('2026-2028'), TypeError);
    assert.throws(() => monthOf('not a date'), TypeError);
  });
});

describe('shared equality and folding', () => {
  it('folds case and accents only', () => {
    assert.equal(foldText('Élodie LEFÈVRE-Ñúñez'), 'elodie lefevre-nunez');
    assert.equal(foldText('œuvre'), 'œuvre');
  });

  it('targets are the same when their kind and its own members agree', () => {
    const targets: AllocationTarget[] = [
      { kind: 'audience', audience: 'ELEVE' },
      { kind: 'audience', audience: 'ENS' },
      { kind: 'division', code: '3A' },
      { kind: 'group', code: '3A' },
      { kind: 'person', personId: '3A' },
    ];
    for (const [i, a] of targets.entries())
      for (const [j, b] of targets.entries()) assert.equal(sameTarget(a, b), i === j);
    assert.equal(
      sameTarget({ kind: 'division', code: '3A' }, { kind: 'division', code: '3A', label: 'x' } as AllocationTarget),
      true,
    );
  });

  it('JSON equality ignores member order and undefined members, not array order or types', () => {
    assert.equal(sameJson({ uai: 'U', personId: 'p', entId: 'E' }, { entId: 'E', personId: 'p', uai: 'U' }), true);
    assert.equal(sameJson({ a: 1, b: undefined }, { a: 1 }), true);
    assert.equal(sameJson({ a: [1, { x: 1, y: 2 }] }, { a: [1, { y: 2, x: 1 }] }), true);
    assert.equal(sameJson([1, 2], [2, 1]), false);
    assert.equal(sameJson({ a: 1 }, { a: '1' }), false);
    assert.equal(sameJson({ a: null }, { a: undefined }), false);
    assert.equal(sameJson({ a: [] }, { a: {} }), false);
    assert.equal(sameJson({ a: 1 }, { a: 1, b: 2 }), false);
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const reordered = JSON.parse(
          JSON.stringify(v, (_k, x: unknown) =>
            x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
          ),
        ) as unknown;
        assert.equal(sameJson(v, reordered), true);
        assert.equal(sameJson(v, structuredClone(v)), true);
      }),
    );
  });
});
