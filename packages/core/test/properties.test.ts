// Property-based tests of the core's invariants (fast-check): they generate many random cases and shrink failures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  ATTRIBUTE_NAMES,
  AUDIENCES,
  PROFILES,
  checkAllocation,
  licenceUsage,
  pairwisePseudonym,
  planMembershipChange,
  protectTable,
  releaseAttributes,
  type Audience,
  type AttributeName,
  type CountCell,
  type LicenceCopy,
  type Subscription,
} from '../src/index.js';
import { UAI, person, subscription } from './fixtures.js';

const audience = fc.constantFrom(...AUDIENCES);
const count = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant('ILLIMITE' as const));
const licences = fc.oneof(
  count.map((n) => ({ kind: 'global' as const, count: n })),
  fc
    .record({ ELEVE: count, ENSEIGNANT: count, DOCUMENTALISTE: count, 'AUTRE PERSONNEL': count })
    .map((counts) => ({ kind: 'perAudience' as const, counts })),
);
const sub = fc
  .record({
    licences,
    audiences: fc.uniqueArray(audience, { minLength: 1, maxLength: 4 }),
    type: fc.constantFrom('ETABL' as const, 'INDIV' as const),
    category: fc.constantFrom('transferable' as const, 'non transferable' as const),
  })
  .map((f) => subscription('s', 'r', f));

const personIds = fc.integer({ min: 0, max: 25 }).map((i) => `p${i}`);
const candidate = fc.record({ personId: personIds, audience: fc.option(audience, { nil: undefined }) });
const op = fc.oneof(
  fc.record({ kind: fc.constant('allocate' as const), who: fc.array(candidate, { maxLength: 8 }) }),
  fc.record({ kind: fc.constant('withdraw' as const), who: personIds, opened: fc.boolean() }),
  fc.record({ kind: fc.constant('open' as const), who: personIds }),
  fc.record({
    kind: fc.constant('membership' as const),
    join: fc.array(candidate, { maxLength: 6 }),
    leave: fc.array(personIds, { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('lower' as const), licences }),
);

function overLimit(s: Subscription, copies: readonly LicenceCopy[]): boolean {
  return licenceUsage(s, copies).some((u) => u.remaining !== 'ILLIMITE' && u.remaining < 0);
}

describe('licence invariants (property)', () => {
  it('never more copies in use than licences, and at most one copy per person, across random sequences', () => {
    fc.assert(
      fc.property(sub, fc.array(op, { maxLength: 30 }), (initial, ops) => {
        let s: Subscription = initial;
        let copies: LicenceCopy[] = [];
        const give = (g: { personId: string; audience: Audience }) =>
          copies.push({
            subscriptionId: 's',
            uai: UAI,
            personId: g.personId,
            audience: g.audience,
            allocationId: 'a',
            assignedAt: '2026-09-01T00:00:00Z',
          });
        for (const o of ops) {
          const wasOver = overLimit(s, copies);
          const before = copies.length;
          if (o.kind === 'allocate') {
            const fit = checkAllocation(s, copies, o.who);
            if (fit.ok) fit.grant.forEach(give);
            // An accepted allocation never takes a pool past its licences.
            if (fit.ok) assert.equal(overLimit(s, copies), false);
            if (!fit.ok) assert.equal(copies.length, before);
          } else if (o.kind === 'withdraw') {
            copies = copies.filter(
              (c) => c.personId !== o.who || (s.category === 'non transferable' && c.firstOpenedAt !== undefined),
            );
          } else if (o.kind === 'open') {
            copies = copies.map((c) =>
              c.personId === o.who ? { ...c, firstOpenedAt: c.firstOpenedAt ?? '2026-09-02T00:00:00Z' } : c,
            );
          } else if (o.kind === 'membership' && s.type === 'ETABL') {
            const plan = planMembershipChange(s, copies, o.join, o.leave);
            const released = new Set(plan.release);
            copies = copies.filter((c) => !released.has(c.personId));
            plan.grant.forEach(give);
            if (!wasOver) assert.equal(overLimit(s, copies), false);
          } else if (o.kind === 'lower') {
            // The publisher changes the counts: nothing is taken from anyone.
            s = { ...s, licences: o.licences };
            assert.equal(copies.length, before);
          }
          // Growth never happens while over-allocated.
          if (wasOver && o.kind !== 'lower') assert.ok(copies.length <= before);
          const holders = copies.map((c) => c.personId);
          assert.equal(new Set(holders).size, holders.length);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('attribute release (property)', () => {
  it('never adds an undeclared attribute, never a pupil e-mail', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILES),
        fc.uniqueArray(fc.constantFrom(...ATTRIBUTE_NAMES), { maxLength: ATTRIBUTE_NAMES.length }),
        fc.boolean(),
        (profile, declared, withEmail) => {
          const p = person('x', profile, UAI, {
            civility: 'M.',
            ...(withEmail ? { email: 'x@example.fr' } : {}),
            mefs: [{ uai: UAI, code: 'M1' }],
          });
          const out = releaseAttributes({
            person: p,
            uai: UAI,
            resource: { declaredAttributes: declared },
            ido: 'ido',
            groups: [
              { uai: UAI, code: 'D', label: 'Div', status: 'DIVISION' },
              { uai: UAI, code: 'G', label: 'Grp', status: 'GROUPE' },
            ],
            mefs: [{ uai: UAI, code: 'M1', label: 'm', mefStat11: '12345678901' }],
          });
          const allowed = new Set<AttributeName>([...declared, 'IDO']);
          for (const key of Object.keys(out)) assert.ok(allowed.has(key as AttributeName), `undeclared ${key}`);
          assert.equal(out.IDO, 'ido');
          if (profile === 'National_elv') assert.equal(out.P_MEL, undefined);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('pairwise pseudonym (property)', () => {
  const text = fc.string({ minLength: 1, maxLength: 40 });
  it('is stable per (person, scope) and differs across scopes and people', () => {
    fc.assert(
      fc.property(text, text, text, text, (entId, personId, scope1, scope2) => {
        const secret = 'prop-secret';
        const a = pairwisePseudonym({ secret, entId, personId, scope: scope1 });
        assert.equal(a, pairwisePseudonym({ secret, entId, personId, scope: scope1 }));
        if (scope1 !== scope2) assert.notEqual(a, pairwisePseudonym({ secret, entId, personId, scope: scope2 }));
        assert.notEqual(a, pairwisePseudonym({ secret, entId, personId: `${personId}'`, scope: scope1 }));
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Which hidden cells an attacker could compute exactly from the published cells and totals (accesses add up):
 * unknown j is determined iff the unit vector e_j lies in the row space of the constraint matrix.
 */
function recoverable(grid: (number | null)[][]): boolean[][] {
  const R = grid.length - 1;
  const C = grid[0]!.length - 1;
  const unknowns: [number, number][] = [];
  grid.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null) unknowns.push([r, c]);
    });
  });
  const index = new Map(unknowns.map(([r, c], i) => [`${r},${c}`, i]));
  const sign = (r: number, c: number) => ((r === R) !== (c === C) ? -1 : 1);
  const rows: number[][] = [];
  for (let r = 0; r <= R; r++) {
    const eq = new Array(unknowns.length).fill(0);
    for (let c = 0; c <= C; c++) {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) eq[i] = c === C ? -1 : 1;
    }
    if (r < R) rows.push(eq);
  }
  for (let c = 0; c <= C; c++) {
    const eq = new Array(unknowns.length).fill(0);
    for (let r = 0; r <= R; r++) {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) eq[i] = r === R ? -1 : 1;
    }
    if (c < C) rows.push(eq);
  }
  // Grand total consistency: sum of row totals = sum of column totals = grand total.
  const rowTotalsEq = new Array(unknowns.length).fill(0);
  const colTotalsEq = new Array(unknowns.length).fill(0);
  for (let r = 0; r <= R; r++) {
    const i = index.get(`${r},${C}`);
    if (i !== undefined) rowTotalsEq[i] = r === R ? -1 : 1;
  }
  for (let c = 0; c <= C; c++) {
    const i = index.get(`${R},${c}`);
    if (i !== undefined) colTotalsEq[i] = c === C ? -1 : 1;
  }
  rows.push(rowTotalsEq, colTotalsEq);
  void sign;
  const rank = (m: number[][]) => {
    const a = m.map((r) => [...r]);
    let rk = 0;
    const cols = a[0]?.length ?? 0;
    for (let col = 0; col < cols && rk < a.length; col++) {
      let piv = rk;
      for (let i = rk; i < a.length; i++) if (Math.abs(a[i]![col]!) > Math.abs(a[piv]![col]!)) piv = i;
      if (Math.abs(a[piv]![col]!) < 1e-9) continue;
      [a[rk], a[piv]] = [a[piv]!, a[rk]!];
      for (let i = 0; i < a.length; i++) {
        if (i === rk) continue;
        const f = a[i]![col]! / a[rk]![col]!;
        if (f !== 0) for (let j = col; j < cols; j++) a[i]![j]! -= f * a[rk]![j]!;
      }
      rk++;
    }
    return rk;
  };
  const base = rank(rows);
  return grid.map((row, r) =>
    row.map((v, c) => {
      if (v !== null) return false;
      const e = new Array(unknowns.length).fill(0);
      e[index.get(`${r},${c}`)!] = 1;
      return rank([...rows, e]) === base;
    }),
  );
}

describe('disclosure control (property)', () => {
  const cell = fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 4 }))
    .map(([people, extra]): CountCell => ({ people, accesses: people + (people ? extra * people : 0) }));
  const table = fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }))
    .chain(([R, C]) => fc.array(fc.array(cell, { minLength: C, maxLength: C }), { minLength: R, maxLength: R }));

  it('publishes no figure below k, and no hidden figure can be recovered by subtraction from published ones', () => {
    fc.assert(
      fc.property(table, (cells) => {
        const R = cells.length;
        const C = cells[0]!.length;
        const t = protectTable({
          rows: cells.map((_, i) => `r${i}`),
          columns: cells[0]!.map((_, i) => `c${i}`),
          cells,
        });
        const all = [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total];
        for (const x of all)
          if (x.status === 'published') assert.ok(x.people === 0 || x.people >= 5, 'small figure published');
        const grid: (number | null)[][] = [
          ...t.cells.map((row, r) => [...row, t.rowTotals[r]!]),
          [...t.columnTotals, t.total],
        ].map((row) => row.map((x) => (x.status === 'published' ? x.accesses : null)));
        const rec = recoverable(grid);
        for (let r = 0; r <= R; r++)
          for (let c = 0; c <= C; c++) assert.equal(rec[r]![c], false, `cell ${r},${c} recoverable`);
      }),
      { numRuns: 300 },
    );
  });
});
