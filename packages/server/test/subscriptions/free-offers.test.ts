import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freeOfferSubscriptionId } from '../../src/subscriptions/subscriptions-free-offers.js';
import { R_DICO, resourceBody, S1, S2, S3, SYSTEM } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

describe('free national offers', () => {
  it('reach every school as automatic subscriptions AUTO_<UAI>_… (ETABL, ILLIMITE, the offer’s audiences)', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    for (const uai of [S1, S2, S3]) {
      const id = await freeOfferSubscriptionId(uai, R_DICO);
      assert.match(id, new RegExp(`^AUTO_${uai}_[0-9a-f]{16}$`));
      const sub = await w.store.getSubscription(id);
      assert.equal(sub?.automatic, true);
      assert.equal(sub?.type, 'ETABL');
      assert.deepEqual(sub?.licences, { kind: 'global', count: 'ILLIMITE' });
      assert.deepEqual(sub?.audiences, ['ELEVE', 'ENSEIGNANT']);
    }
  });

  it('reach schools registered later, and follow the offer when the resource changes', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    await w.service.admin.schools.create(SYSTEM, { uai: '0000009Z', entId: 'ENTA', name: 'Nouvelle école' });
    const id = await freeOfferSubscriptionId('0000009Z', R_DICO);
    assert.equal((await w.store.getSubscription(id))?.uai, '0000009Z');
    await w.service.admin.resources.create(
      SYSTEM,
      resourceBody({ id: 'ark:/33333/edutheque', publisherId: 'Y', freeOffer: { audiences: ['ENSEIGNANT'] } }),
    );
    const edu = await w.store.getSubscription(await freeOfferSubscriptionId(S1, 'ark:/33333/edutheque'));
    assert.deepEqual(edu?.audiences, ['ENSEIGNANT']);
    await w.service.admin.resources.update(
      SYSTEM,
      'ark:/33333/edutheque',
      resourceBody({ id: 'ark:/33333/edutheque', publisherId: 'Y' }),
    );
    assert.ok(
      (await w.store.getSubscription(await freeOfferSubscriptionId(S1, 'ark:/33333/edutheque')))?.deletedAt,
      'no longer an offer: ended',
    );
  });

  it('are not visible to nor changeable by publishers', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const id = await freeOfferSubscriptionId(S1, R_DICO);
    await assert.rejects(
      w.service.subscriptions.delete(
        { kind: 'publisher', publisherId: 'Y', distributorIds: ['Y_0000000000000001'] },
        id,
      ),
      { code: 'not-found' },
    );
  });
});
