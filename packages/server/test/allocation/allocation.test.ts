import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AllocationRuleError } from '../../src/allocation/allocation-rule-error.js';
import { DOC_A, HEAD_A, PROF_A, pupil, RESP_A, S1 } from '../helpers/fixtures.js';
import { buildWorld, failure, holders } from '../helpers/world.js';

describe('allocation engine', () => {
  it('allocates a division (INDIV: one copy each), a person, an audience and a group', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 6 });
    const r = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    assert.deepEqual(r.granted.sort(), [1, 2, 3, 4, 5, 6].map(pupil));
    const p = await w.service.allocation.allocate(RESP_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: 'prof-a' }],
    });
    assert.deepEqual(p.granted, ['prof-a']);
    const a = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'ETABL-5',
      targets: [{ kind: 'audience', audience: 'ENSEIGNANT' }],
    });
    assert.deepEqual(a.granted, ['prof-a']);
    await w.service.directory.putMembership({ kind: 'system' }, 'ENTA', {
      uai: S1,
      groupCode: 'LATIN',
      personId: pupil(1),
    });
    const g = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'ETABL-5',
      targets: [{ kind: 'group', code: 'LATIN' }],
    });
    assert.deepEqual(g.granted, [pupil(1)]);
    const subs = await w.service.allocation.subscriptions(HEAD_A, S1);
    const indiv = subs.find((s) => s.subscription.id === 'INDIV-10')!;
    // eleve-a held a copy of another subscription only; 6 pupils + prof-a here.
    assert.deepEqual(indiv.usage, [{ pool: 'GLOBAL', licences: 10, used: 7, remaining: 3 }]);
  });

  it('does not charge twice a person who already holds a copy', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 4 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: pupil(1) }],
    });
    const r = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    assert.deepEqual(r.alreadyHolding, [pupil(1)]);
    assert.equal(r.granted.length, 3);
    assert.equal((await holders(w.store, 'INDIV-10')).length, 4);
  });

  it('refuses an allocation beyond the pool, all or nothing, saying how many copies remain', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 12 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: 'prof-a' }],
    });
    const f = await failure(
      w.service.allocation.allocate(HEAD_A, S1, {
        subscriptionId: 'INDIV-10',
        targets: [{ kind: 'division', code: '6A' }],
      }),
    );
    assert.deepEqual(f, {
      code: 'conflict',
      problem: 'insufficient-licences',
      details: { pool: 'GLOBAL', remaining: 9, requested: 12 },
    });
    const bulk = await failure(
      w.service.allocation.allocate(HEAD_A, S1, {
        subscriptionId: 'INDIV-10',
        targets: [
          { kind: 'person', personId: pupil(1) },
          { kind: 'person', personId: 'no-such-person' },
        ],
      }),
    );
    assert.equal(bulk.code, 'validation');
    assert.deepEqual(await holders(w.store, 'INDIV-10'), ['prof-a']);
    assert.equal((await w.store.listAllocations({ subscriptionId: 'INDIV-10' })).length, 1);
  });

  it('refuses targets the subscription does not cover, unknown divisions, and subscriptions of other schools', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    assert.equal(
      (
        await failure(
          w.service.allocation.allocate(HEAD_A, S1, {
            subscriptionId: 'INDIV-10',
            targets: [{ kind: 'person', personId: 'doc-a' }],
          }),
        )
      ).code,
      'validation',
    );
    assert.equal(
      (
        await failure(
          w.service.allocation.allocate(HEAD_A, S1, {
            subscriptionId: 'INDIV-10',
            targets: [{ kind: 'division', code: 'LATIN' }],
          }),
        )
      ).code,
      'validation',
    );
    assert.equal(
      (
        await failure(
          w.service.allocation.allocate(HEAD_A, S1, {
            subscriptionId: 'AUTO_0000002B_DICO',
            targets: [{ kind: 'person', personId: pupil(1) }],
          }),
        )
      ).code,
      'not-found',
    );
    assert.equal(
      (await failure(w.service.allocation.allocate(HEAD_A, S1, { subscriptionId: 'INDIV-10', targets: [] }))).code,
      'validation',
    );
  });

  it('withdraws transferable copies, refuses opened non-transferable ones, and moves copies in one transaction', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 5 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'division', code: '6A' }],
    });
    await w.store.markCopyOpened('NT-5', pupil(1), w.clock.now().toISOString());
    const f = await failure(
      w.service.allocation.withdraw(HEAD_A, S1, { subscriptionId: 'NT-5', personIds: [pupil(2), pupil(1)] }),
    );
    assert.equal(f.problem, 'not-withdrawable');
    assert.equal((await holders(w.store, 'NT-5')).length, 5, 'nothing withdrawn');
    const ok = await w.service.allocation.withdraw(HEAD_A, S1, { subscriptionId: 'NT-5', personIds: [pupil(2)] });
    assert.deepEqual(ok.released, [pupil(2)]);
    const moved = await w.service.allocation.move(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      fromPersonIds: [pupil(3)],
      to: [
        { kind: 'person', personId: 'prof-a' },
        { kind: 'person', personId: pupil(2) },
      ],
    });
    assert.deepEqual(moved.released, [pupil(3)]);
    assert.deepEqual(moved.granted.sort(), ['prof-a', pupil(2)].sort());
    assert.deepEqual(await holders(w.store, 'NT-5'), [pupil(1), pupil(2), pupil(4), pupil(5), 'prof-a'].sort());
    const full = await failure(
      w.service.allocation.move(HEAD_A, S1, {
        subscriptionId: 'NT-5',
        fromPersonIds: [pupil(4)],
        to: [
          { kind: 'person', personId: pupil(3) },
          { kind: 'person', personId: 'eleve-a' },
        ],
      }),
    );
    assert.equal(full.problem, 'insufficient-licences');
    assert.ok((await holders(w.store, 'NT-5')).includes(pupil(4)), 'a refused move withdraws nothing');
  });

  it('withdrawing an allocation archives it and keeps opened non-transferable copies', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 3 });
    const r = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'division', code: '6A' }],
    });
    await w.store.markCopyOpened('NT-5', pupil(1), w.clock.now().toISOString());
    const out = await w.service.allocation.withdraw(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      allocationId: r.allocationIds[0],
    });
    assert.deepEqual(out.kept, [pupil(1)]);
    assert.deepEqual(await holders(w.store, 'NT-5'), [pupil(1)]);
    assert.ok((await w.store.getAllocation(r.allocationIds[0]!))?.archivedAt);
    assert.equal(
      (
        await failure(
          w.service.allocation.withdraw(HEAD_A, S1, { subscriptionId: 'NT-5', allocationId: r.allocationIds[0] }),
        )
      ).code,
      'validation',
    );
  });

  it('refuses new allocations of an over-allocated subscription until enough copies are withdrawn', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 8 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    const sub = (await w.store.getSubscription('INDIV-10'))!;
    await w.store.updateSubscription({ ...sub, licences: { kind: 'global', count: 6 } });
    const f = await failure(
      w.service.allocation.allocate(HEAD_A, S1, {
        subscriptionId: 'INDIV-10',
        targets: [{ kind: 'person', personId: 'prof-a' }],
      }),
    );
    assert.deepEqual(f.problem, 'over-allocated');
    await w.service.allocation.withdraw(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      personIds: [pupil(1), pupil(2), pupil(3)],
    });
    const ok = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: 'prof-a' }],
    });
    assert.deepEqual(ok.granted, ['prof-a']);
  });

  it('throws AllocationRuleError instances with their figures', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 6 });
    await assert.rejects(
      w.service.allocation.allocate(HEAD_A, S1, {
        subscriptionId: 'ETABL-5',
        targets: [{ kind: 'division', code: '6A' }],
      }),
      (e: unknown) =>
        e instanceof AllocationRuleError && e.problem === 'insufficient-licences' && e.details.remaining === 5,
    );
  });

  it('lets only managers and delegates of the school act', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 1 });
    const body = { subscriptionId: 'INDIV-10', targets: [{ kind: 'person', personId: pupil(1) }] };
    assert.equal((await failure(w.service.allocation.allocate(PROF_A, S1, body))).code, 'forbidden');
    assert.equal((await failure(w.service.allocation.allocate(DOC_A, S1, body))).code, 'forbidden');
    await w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'doc-a' });
    assert.deepEqual((await w.service.allocation.allocate(DOC_A, S1, body)).granted, [pupil(1)]);
  });
});
