// Property: across random sequences of allocations, withdrawals, moves, membership changes, count changes, arrivals
// and departures, run against the real service on the memory store, the accounting stays exact: copies in use never
// grow past a pool's licences (a publisher may lower the count below them, and then nothing grows until enough copies
// are withdrawn), a person holds at most one copy, every holder is at the school, and a refused change changes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { licenceUsage, type AllocationTarget } from '@opengar/core';
import type { Store } from '../../src/index.js';
import { HEAD_A, pupil, S1, SYSTEM, X } from '../helpers/fixtures.js';
import { type AllocationWorld, buildWorld } from '../helpers/world.js';

const SUBS = ['INDIV-10', 'ETABL-5', 'NT-5'] as const;
const PEOPLE = [...Array.from({ length: 8 }, (_, i) => pupil(i + 1)), 'prof-a', 'n1', 'n2'];

const target: fc.Arbitrary<AllocationTarget> = fc.oneof(
  fc.constantFrom(...PEOPLE).map((personId) => ({ kind: 'person' as const, personId })),
  fc.constant({ kind: 'division' as const, code: '6A' }),
  fc.constant({ kind: 'group' as const, code: 'LATIN' }),
  fc.constantFrom('ELEVE' as const, 'ENSEIGNANT' as const).map((audience) => ({ kind: 'audience' as const, audience })),
);

const op = fc.oneof(
  fc.record({
    kind: fc.constant('allocate' as const),
    sub: fc.constantFrom(...SUBS),
    targets: fc.array(target, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('withdraw' as const),
    sub: fc.constantFrom(...SUBS),
    people: fc.uniqueArray(fc.constantFrom(...PEOPLE), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    sub: fc.constantFrom(...SUBS),
    from: fc.constantFrom(...PEOPLE),
    to: fc.constantFrom(...PEOPLE),
  }),
  fc.record({
    kind: fc.constant('join' as const),
    person: fc.constantFrom(...PEOPLE),
    group: fc.constantFrom('6A', 'LATIN'),
  }),
  fc.record({
    kind: fc.constant('leave' as const),
    person: fc.constantFrom(...PEOPLE),
    group: fc.constantFrom('6A', 'LATIN'),
  }),
  fc.record({
    kind: fc.constant('count' as const),
    sub: fc.constantFrom(...SUBS),
    count: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({ kind: fc.constant('arrive' as const), person: fc.constantFrom('n1', 'n2') }),
  fc.record({ kind: fc.constant('depart' as const), person: fc.constantFrom(...PEOPLE) }),
  fc.record({ kind: fc.constant('open' as const), sub: fc.constantFrom(...SUBS), person: fc.constantFrom(...PEOPLE) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function apply(w: AllocationWorld, o: Op): Promise<void> {
  const s = w.service;
  switch (o.kind) {
    case 'allocate':
      return void (await s.allocation.allocate(HEAD_A, S1, { subscriptionId: o.sub, targets: o.targets }));
    case 'withdraw':
      return void (await s.allocation.withdraw(HEAD_A, S1, { subscriptionId: o.sub, personIds: o.people }));
    case 'move':
      return void (await s.allocation.move(HEAD_A, S1, {
        subscriptionId: o.sub,
        fromPersonIds: [o.from],
        to: [{ kind: 'person', personId: o.to }],
      }));
    case 'join':
      return void (await s.directory.putMembership(SYSTEM, 'ENTA', {
        uai: S1,
        groupCode: o.group,
        personId: o.person,
      }));
    case 'leave':
      return s.directory.removeMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: o.group, personId: o.person });
    case 'count': {
      const { createdAt: _c, updatedAt: _u, deletedAt: _d, ...sub } = (await w.store.getSubscription(o.sub))!;
      const licences =
        sub.licences.kind === 'global'
          ? { kind: 'global' as const, count: o.count }
          : { ...sub.licences, counts: { ...sub.licences.counts, ELEVE: o.count } };
      return void (await s.subscriptions.update(X, o.sub, { ...sub, licences }));
    }
    case 'arrive':
      return void (await s.directory.putPerson(SYSTEM, {
        entId: 'ENTA',
        id: o.person,
        lastName: 'N',
        firstName: 'N',
        profiles: [{ uai: S1, profile: 'National_elv' }],
      }));
    case 'depart':
      return s.directory.removePerson(SYSTEM, 'ENTA', o.person);
    case 'open':
      return w.store.markCopyOpened(o.sub, o.person, w.clock.now().toISOString());
  }
}

type Usage = Map<string, Map<string, { used: number; licences: number | 'ILLIMITE' }>>;

async function usage(store: Store): Promise<Usage> {
  const out: Usage = new Map();
  for (const id of SUBS) {
    const sub = (await store.getSubscription(id))!;
    const copies = await store.listCopies({ subscriptionId: id });
    assert.equal(new Set(copies.map((c) => c.personId)).size, copies.length, 'one copy per person');
    const counted = await store.countCopies(id);
    assert.equal(
      Object.values(counted).reduce((a, b) => a + (b ?? 0), 0),
      copies.length,
      'countCopies agrees with the copies',
    );
    for (const c of copies) {
      const p = await store.getPerson('ENTA', c.personId);
      assert.ok(
        p?.profiles.some((x) => x.uai === S1),
        `${c.personId} holds a copy but is not at the school`,
      );
    }
    out.set(id, new Map(licenceUsage(sub, copies).map((u) => [u.pool, { used: u.used, licences: u.licences }])));
  }
  return out;
}

describe('allocation accounting (property)', () => {
  it('stays exact over random sequences of changes', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const w = await buildWorld({ data: 'allocation', pupils: 8 });
        // A start that makes the pools matter: an ETABL allocation following a small group.
        for (const id of [pupil(1), pupil(2)])
          await w.service.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: 'LATIN', personId: id });
        await w.service.allocation.allocate(HEAD_A, S1, {
          subscriptionId: 'ETABL-5',
          targets: [{ kind: 'group', code: 'LATIN' }],
        });
        let before = await usage(w.store);
        for (const o of ops) {
          const copiesBefore = await w.store.listCopies({ uai: S1 });
          let refused = false;
          try {
            await apply(w, o);
          } catch {
            refused = true;
          }
          const after = await usage(w.store);
          if (refused)
            assert.deepEqual(await w.store.listCopies({ uai: S1 }), copiesBefore, `refused ${o.kind} changed copies`);
          for (const [id, pools] of after) {
            for (const [pool, u] of pools) {
              if (u.licences === 'ILLIMITE') continue;
              const was = before.get(id)?.get(pool)?.used ?? 0;
              // Only a publisher's count change may leave a pool over its licences, and nothing grows an over pool.
              if (u.used > u.licences)
                assert.ok(
                  u.used <= was,
                  `${o.kind} grew ${id}/${pool} past its licences: ${was} → ${u.used} of ${u.licences}`,
                );
            }
          }
          before = after;
        }
      }),
      { numRuns: 60 },
    );
  });
});
