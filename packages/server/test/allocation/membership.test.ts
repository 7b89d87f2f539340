import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEAD_A, pupil, S1, SYSTEM } from '../helpers/fixtures.js';
import { buildWorld, holders } from '../helpers/world.js';

const newPupil = (id: string) => ({
  entId: 'ENTA',
  id,
  lastName: 'Nouveau',
  firstName: 'N',
  profiles: [{ uai: S1, profile: 'National_elv' }],
});

describe('allocations follow the directory', () => {
  it('ETABL: joiners get copies while the pool lasts, the rest are reported beyond the pool', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 3 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'ETABL-5',
      targets: [{ kind: 'division', code: '6A' }],
    });
    for (const id of ['n1', 'n2', 'n3']) {
      await w.service.directory.putPerson(SYSTEM, newPupil(id));
      await w.service.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: id });
    }
    assert.deepEqual(await holders(w.store, 'ETABL-5'), ['n1', 'n2', pupil(1), pupil(2), pupil(3)].sort());
    const audit = await w.store.listAudit({ uai: S1, limit: 1000 });
    const beyond = audit.find((a) => a.action === 'allocation.beyond-pool');
    assert.deepEqual(beyond?.after, { beyondPool: [{ personId: 'n3', audience: 'ELEVE', pool: 'ELEVE' }] });
    const d = await w.service.allocation.dashboard(HEAD_A, S1);
    assert.deepEqual(
      d.beyondPool.map((b) => [b.subscriptionId, b.personIds]),
      [['ETABL-5', ['n3']]],
    );
  });

  it('ETABL: leavers give their copy back, except opened non-transferable ones', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 3 });
    const sub = (await w.store.getSubscription('ETABL-5'))!;
    await w.store.updateSubscription({ ...sub, category: 'non transferable' });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'ETABL-5',
      targets: [{ kind: 'division', code: '6A' }],
    });
    await w.store.markCopyOpened('ETABL-5', pupil(1), w.clock.now().toISOString());
    await w.service.directory.removeMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: pupil(1) });
    await w.service.directory.removeMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: pupil(2) });
    assert.deepEqual(await holders(w.store, 'ETABL-5'), [pupil(1), pupil(3)]);
  });

  it('ETABL to an audience follows the school: a new pupil gets a copy', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 1 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'ETABL-5',
      targets: [{ kind: 'audience', audience: 'ELEVE' }],
    });
    await w.service.directory.putPerson(SYSTEM, newPupil('n1'));
    assert.ok((await holders(w.store, 'ETABL-5')).includes('n1'));
  });

  it('INDIV is a snapshot: joiners get nothing, leavers of the division keep their copy', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    await w.service.directory.putPerson(SYSTEM, newPupil('n1'));
    await w.service.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: 'n1' });
    await w.service.directory.removeMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: pupil(1) });
    assert.deepEqual(await holders(w.store, 'INDIV-10'), [pupil(1), pupil(2)]);
  });

  it('a departure from the school returns every copy, opened non-transferable ones included', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'division', code: '6A' }],
    });
    await w.store.markCopyOpened('NT-5', pupil(1), w.clock.now().toISOString());
    await w.service.directory.removePerson(SYSTEM, 'ENTA', pupil(1));
    assert.deepEqual(await holders(w.store, 'NT-5'), [pupil(2)]);
    // A change of schools (profile removed at S1) is a departure too.
    await w.service.directory.putPerson(SYSTEM, {
      entId: 'ENTA',
      id: pupil(2),
      lastName: 'X',
      firstName: 'Y',
      profiles: [{ uai: '0000003A', profile: 'National_elv' }],
    });
    assert.deepEqual(await holders(w.store, 'NT-5'), []);
    assert.ok((await w.store.listAudit({ uai: S1, limit: 1000 })).some((a) => a.action === 'allocation.departure'));
  });

  it('removing a group releases the copies its ETABL allocation gave', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'ETABL-5',
      targets: [{ kind: 'division', code: '6A' }],
    });
    await w.service.directory.removeGroup(SYSTEM, 'ENTA', S1, '6A');
    assert.deepEqual(await holders(w.store, 'ETABL-5'), []);
  });
});
