// Property tests of allocations to populations, levels and subject teachers: the licence invariants hold across random
// sequences of allocations and directory changes, and ETABL copies follow the directory as the rules say.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  AUDIENCES,
  checkAllocation,
  expandTarget,
  followMembership,
  licenceUsage,
  personFacts,
  previewByAudience,
  targetAudiences,
  targetCovers,
  type AllocationTarget,
  type LicenceCopy,
  type Person,
  type SchoolDirectory,
  type Subscription,
} from '../src/index.js';
import { UAI, person, subscription } from './fixtures.js';

const PROFILE_OF = {
  ELEVE: 'National_elv',
  ENSEIGNANT: 'National_ens',
  DOCUMENTALISTE: 'National_doc',
  'AUTRE PERSONNEL': 'National_etab',
} as const;
const GROUPS = ['5A', '5B', '6A', 'LV2'];
const LEVELS = ['1001', '1011'];
const SUBJECTS = ['FRANC', 'MATHS'];

const count = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant('ILLIMITE' as const));
const licences = fc.oneof(
  count.map((n) => ({ kind: 'global' as const, count: n })),
  fc
    .record({ ELEVE: count, ENSEIGNANT: count, DOCUMENTALISTE: count, 'AUTRE PERSONNEL': count })
    .map((counts) => ({ kind: 'perAudience' as const, counts })),
);
const sub = fc
  .record({
    licences,
    audiences: fc.uniqueArray(fc.constantFrom(...AUDIENCES), { minLength: 1, maxLength: 4 }),
    type: fc.constantFrom('ETABL' as const, 'INDIV' as const),
    category: fc.constantFrom('transferable' as const, 'non transferable' as const),
  })
  .map((f) => subscription('s', 'r', f));

/** One person's place in the directory: audience (or gone), groups, level, teachings. */
const place = fc.record({
  audience: fc.option(fc.constantFrom(...AUDIENCES), { nil: undefined, freq: 6 }),
  groups: fc.subarray(GROUPS),
  level: fc.option(fc.constantFrom(...LEVELS), { nil: undefined }),
  teaches: fc.array(fc.record({ groupCode: fc.constantFrom(...GROUPS), subject: fc.constantFrom(...SUBJECTS) }), {
    maxLength: 2,
  }),
});
type Place = typeof place extends fc.Arbitrary<infer T> ? T : never;
const N = 16;
const pid = fc.integer({ min: 0, max: N - 1 }).map((i) => `p${i}`);
const target: fc.Arbitrary<AllocationTarget> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('division' as const, 'group' as const),
    code: fc.constantFrom(...GROUPS),
    audiences: fc.option(fc.uniqueArray(fc.constantFrom(...AUDIENCES), { minLength: 1, maxLength: 4 }), {
      nil: undefined,
    }),
  }),
  fc.record({ kind: fc.constant('level' as const), mefStat4: fc.constantFrom(...LEVELS) }),
  fc.record({
    kind: fc.constant('subjectTeachers' as const),
    subject: fc.constantFrom(...SUBJECTS),
    divisions: fc.uniqueArray(fc.constantFrom(...GROUPS), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('audience' as const), audience: fc.constantFrom(...AUDIENCES) }),
  fc.record({ kind: fc.constant('person' as const), personId: pid }),
);
const op = fc.oneof(
  fc.record({ kind: fc.constant('allocate' as const), targets: fc.array(target, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('move' as const), who: pid, to: place }),
  fc.record({ kind: fc.constant('withdraw' as const), who: pid }),
  fc.record({ kind: fc.constant('open' as const), who: pid }),
  fc.record({ kind: fc.constant('lower' as const), licences }),
);

function directory(places: ReadonlyMap<string, Place>): SchoolDirectory {
  const people: Person[] = [];
  const dir: Required<SchoolDirectory> = { uai: UAI, people, memberships: [], mefs: [], teachings: [] };
  for (const [id, p] of places) {
    if (!p.audience) continue;
    people.push(
      person(id, PROFILE_OF[p.audience], UAI, { mefs: p.level ? [{ uai: UAI, code: `${p.level}0001110` }] : [] }),
    );
    for (const g of p.groups) dir.memberships.push({ uai: UAI, groupCode: g, personId: id });
    for (const t of p.teaches) dir.teachings.push({ uai: UAI, personId: id, ...t });
  }
  return dir;
}

const over = (s: Subscription, copies: readonly LicenceCopy[]) =>
  licenceUsage(s, copies).some((u) => u.remaining !== 'ILLIMITE' && u.remaining < 0);

describe('allocations to populations, levels and subject teachers (property)', () => {
  it('keep the accounting exact and make ETABL copies follow the directory', () => {
    fc.assert(
      fc.property(
        sub,
        fc.array(place, { minLength: N, maxLength: N }),
        fc.array(op, { maxLength: 25 }),
        (s0, init, ops) => {
          let s = s0;
          const places = new Map(init.map((p, i) => [`p${i}`, p]));
          let copies: LicenceCopy[] = [];
          const allocations: { id: string; target: AllocationTarget }[] = [];
          for (const [step, o] of ops.entries()) {
            const wasOver = over(s, copies);
            const before = copies.length;
            if (o.kind === 'allocate') {
              const dir = directory(places);
              const expanded = o.targets.map((t) => expandTarget(t, dir));
              const all = expanded.flat();
              // A target with a population never brings anyone outside it.
              for (const [i, t] of o.targets.entries()) {
                const pop = targetAudiences(t);
                if (pop) for (const c of expanded[i]!) assert.ok(c.audience && pop.includes(c.audience));
              }
              const preview = previewByAudience(s, copies, all);
              const fit = checkAllocation(s, copies, all, { mode: 'skip-uncovered' });
              if (fit.ok) {
                // The preview said exactly what the allocation takes, per audience.
                for (const p of preview)
                  assert.equal(p.takes, fit.grant.filter((g) => g.audience === p.audience).length);
                const id = `a${step}`;
                allocations.push(...o.targets.map((target, i) => ({ id: `${id}-${i}`, target })));
                for (const g of fit.grant) {
                  const i = expanded.findIndex((e) => e.some((c) => c.personId === g.personId));
                  copies.push({
                    subscriptionId: 's',
                    uai: UAI,
                    personId: g.personId,
                    audience: g.audience,
                    allocationId: `${id}-${i}`,
                    assignedAt: '2026-09-01T00:00:00Z',
                  });
                }
                assert.equal(over(s, copies), false);
              } else {
                assert.equal(copies.length, before);
                // A refusal for licences is what the preview showed: some pool left negative.
                if (fit.reason === 'insufficient_licences')
                  assert.ok(preview.some((p) => typeof p.remainingAfter === 'number' && p.remainingAfter < 0));
              }
            } else if (o.kind === 'move') {
              places.set(o.who, o.to);
              const facts = personFacts(directory(places));
              const f = facts.get(o.who) ?? {
                personId: o.who,
                audience: undefined,
                groups: new Set<string>(),
                levels: new Set<string>(),
                teachings: [],
              };
              if (!f.audience) {
                // Left the school: every copy comes back.
                copies = copies.filter((c) => c.personId !== o.who);
              } else if (s.type === 'ETABL') {
                const plan = followMembership(s, allocations, copies, [f]);
                const released = new Set(plan.release);
                const held = copies.find((c) => c.personId === o.who);
                copies = copies.filter((c) => !released.has(c.personId));
                for (const g of plan.grant)
                  copies.push({
                    subscriptionId: 's',
                    uai: UAI,
                    personId: g.personId,
                    audience: g.audience,
                    allocationId: plan.allocationOf.get(g.personId)!,
                    assignedAt: '2026-09-02T00:00:00Z',
                  });
                const covering = allocations.filter((a) => targetCovers(a.target, f));
                const holds = copies.some((c) => c.personId === o.who);
                // Covered (in an audience the subscription covers): a copy, or reported beyond the pool.
                if (covering.length > 0 && s.audiences.includes(f.audience) && !held)
                  assert.ok(holds || plan.beyondPool.some((b) => b.personId === o.who));
                // Covered by nothing: a copy a following allocation gave comes back, unless opened and non-transferable.
                const following = new Set(allocations.filter((a) => a.target.kind !== 'person').map((a) => a.id));
                if (covering.length === 0 && held && following.has(held.allocationId))
                  assert.equal(holds, s.category === 'non transferable' && held.firstOpenedAt !== undefined);
                if (!wasOver) assert.equal(over(s, copies), false);
              }
            } else if (o.kind === 'withdraw') {
              copies = copies.filter(
                (c) => c.personId !== o.who || (s.category === 'non transferable' && c.firstOpenedAt !== undefined),
              );
            } else if (o.kind === 'open') {
              copies = copies.map((c) =>
                c.personId === o.who ? { ...c, firstOpenedAt: c.firstOpenedAt ?? '2026-09-03T00:00:00Z' } : c,
              );
            } else {
              s = { ...s, licences: o.licences };
              assert.equal(copies.length, before);
            }
            if (wasOver && o.kind !== 'lower') assert.ok(copies.length <= before);
            const holders = copies.map((c) => c.personId);
            assert.equal(new Set(holders).size, holders.length);
            // Exact accounting: each pool's use is the number of its copies.
            const used = licenceUsage(s, copies).reduce((n, u) => n + u.used, 0);
            assert.equal(
              used,
              copies.filter((c) => s.audiences.includes(c.audience) || s.licences.kind === 'global').length,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
