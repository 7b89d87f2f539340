import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GarServiceError, type Store, type StoreOps } from '../../src/index.js';
import { S1, S2, S3 } from '../helpers/fixtures.js';
import { buildWorld, snapshot } from '../helpers/world.js';
import { createTestService } from '../helpers/service.js';

async function failure(p: Promise<unknown>): Promise<GarServiceError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GarServiceError, String(e));
    return e;
  }
  assert.fail('expected a GarServiceError');
}

const SYSTEM = { kind: 'system' } as const;
const CLIENT_A = { kind: 'ent-client', entId: 'ENTA' } as const;
const pupil = (id: string, uai: string, entId = 'ENTA') => ({
  entId,
  id,
  lastName: 'Nom',
  firstName: 'Prénom',
  profiles: [{ uai, profile: 'NATIONAL_ELV' }],
});

describe('directory', () => {
  it('puts a person through the ENT’s own back end, normalising the profile and auditing per school', async () => {
    const w = await buildWorld();
    w.clock.advance(1000); // audit lists most recent first
    const p = await w.service.directory.putPerson(CLIENT_A, pupil('new-1', S1));
    assert.equal(p.profiles[0]?.profile, 'National_elv');
    assert.equal((await w.store.getPerson('ENTA', 'new-1'))?.id, 'new-1');
    const [entry] = await w.store.listAudit({ uai: S1, limit: 1 });
    assert.deepEqual([entry?.action, entry?.actor, entry?.subjectId], ['person.create', 'ent:ENTA', 'new-1']);
    assert.ok(!JSON.stringify(entry).includes('Prénom'), 'audit keeps ids and profiles, not names');
  });

  it('refuses a school of another ENT, another ENT’s back end, and a user, changing nothing', async () => {
    const w = await buildWorld();
    const before = await snapshot(w.store);
    const e = await failure(
      w.service.directory.putPerson(SYSTEM, {
        ...pupil('x', S1),
        profiles: [
          { uai: S1, profile: 'National_elv' },
          { uai: S2, profile: 'National_elv' },
        ],
      }),
    );
    assert.deepEqual(
      e.issues.map((i) => [i.pointer, i.code]),
      [['/profiles/1/uai', 'not_found']],
    );
    assert.equal(
      (await failure(w.service.directory.putPerson({ kind: 'ent-client', entId: 'ENTB' }, pupil('x', S1)))).code,
      'forbidden',
    );
    assert.equal(
      (
        await failure(
          w.service.directory.putPerson({ kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' }, pupil('x', S1)),
        )
      ).code,
      'forbidden',
    );
    assert.equal(
      (
        await failure(
          w.service.directory.putGroup({ kind: 'ent-client', entId: 'ENTB' }, 'ENTB', {
            uai: S1,
            code: 'G',
            label: 'G',
            status: 'GROUPE',
          }),
        )
      ).code,
      'validation',
    );
    assert.equal(
      (await failure(w.service.directory.removePerson({ kind: 'ent-client', entId: 'ENTB' }, 'ENTA', 'eleve-a'))).code,
      'forbidden',
    );
    assert.equal(
      (await failure(w.service.directory.putMef(CLIENT_A, 'ENTA', { uai: S2, code: 'M', label: 'M' }))).code,
      'validation',
    );
    assert.deepEqual(await snapshot(w.store), before);
  });

  it('checks memberships: the group exists and the person is at that school', async () => {
    const w = await buildWorld();
    const noGroup = await failure(
      w.service.directory.putMembership(CLIENT_A, 'ENTA', { uai: S1, groupCode: 'ZZ', personId: 'eleve-a' }),
    );
    assert.deepEqual(
      noGroup.issues.map((i) => i.pointer),
      ['/groupCode'],
    );
    await w.service.directory.putGroup(CLIENT_A, 'ENTA', { uai: S3, code: 'T1', label: 'T1', status: 'GROUPE' });
    const notThere = await failure(
      w.service.directory.putMembership(CLIENT_A, 'ENTA', { uai: S3, groupCode: 'T1', personId: 'prof-a' }),
    );
    assert.deepEqual(
      notThere.issues.map((i) => i.pointer),
      ['/personId'],
    );
    await w.service.directory.putMembership(CLIENT_A, 'ENTA', { uai: S3, groupCode: 'T1', personId: 'eleve-a' });
    assert.equal((await w.store.listMemberships({ uai: S3, groupCode: 'T1' })).length, 1);
    await w.service.directory.removeMembership(CLIENT_A, 'ENTA', { uai: S3, groupCode: 'T1', personId: 'eleve-a' });
    assert.equal((await w.store.listMemberships({ uai: S3, groupCode: 'T1' })).length, 0);
    assert.equal(
      (
        await failure(
          w.service.directory.removeMembership(CLIENT_A, 'ENTA', { uai: S3, groupCode: 'T1', personId: 'eleve-a' }),
        )
      ).code,
      'not-found',
    );
  });

  it('removes a person with their memberships and favourites in one change', async () => {
    const w = await buildWorld();
    await w.store.setFavourites('ENTA', 'eleve-a', ['ark:/22222/dico']);
    w.clock.advance(1000);
    await w.service.directory.removePerson(CLIENT_A, 'ENTA', 'eleve-a');
    assert.equal(await w.store.getPerson('ENTA', 'eleve-a'), undefined);
    assert.deepEqual(await w.store.listMemberships({ uai: S1, personId: 'eleve-a' }), []);
    assert.deepEqual(await w.store.getFavourites('ENTA', 'eleve-a'), []);
    // The removal is audited at each school (next to the release of the copies the person held there).
    for (const uai of [S1, S3])
      assert.ok((await w.store.listAudit({ uai, limit: 10 })).some((a) => a.action === 'person.remove'));
    assert.equal((await failure(w.service.directory.removePerson(CLIENT_A, 'ENTA', 'eleve-a'))).code, 'not-found');
  });

  it('removes a group with its memberships', async () => {
    const w = await buildWorld();
    await w.service.directory.removeGroup(SYSTEM, 'ENTA', S1, '3A');
    assert.equal(await w.store.getGroup(S1, '3A'), undefined);
    assert.deepEqual(await w.store.listMemberships({ uai: S1 }), []);
    assert.equal((await failure(w.service.directory.removeGroup(SYSTEM, 'ENTB', S1, '3A'))).code, 'not-found');
  });

  it('rolls back every row of a change that fails half-way', async () => {
    const w = await buildWorld();
    const before = await snapshot(w.store);
    const failing: Store = {
      ...w.store,
      transaction: <T>(fn: (tx: StoreOps) => Promise<T>) =>
        w.store.transaction((tx) => fn({ ...tx, appendAudit: async () => Promise.reject(new Error('disk full')) })),
    };
    const service = createTestService({ store: failing, clock: w.clock });
    await assert.rejects(service.directory.putPerson(SYSTEM, pupil('new-2', S1)), /disk full/);
    await assert.rejects(service.directory.removePerson(SYSTEM, 'ENTA', 'eleve-a'), /disk full/);
    assert.deepEqual(await snapshot(w.store), before);
  });
});
