import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GarServiceError } from '../../src/index.js';
import { R_DICO, R_MATHS, S1, S2, S3 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

const userA = { kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' } as const;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GarServiceError);
    return e.code;
  }
  assert.fail('expected a GarServiceError');
}

describe('médiacentre', () => {
  it('lists the copies and free offers valid now, sorted, with the person’s schools', async () => {
    const w = await buildWorld();
    const m = await w.service.mediacentre.resources(userA, { uai: S1 });
    assert.deepEqual(m.school, { uai: S1, name: 'Collège Un' });
    assert.deepEqual(m.schools.map((s) => s.uai).sort(), [S1, S3].sort());
    // sorted by name: 'Ressource ark:/11111/maths' before 'Ressource ark:/22222/dico'; the expired R_OLD is absent
    assert.deepEqual(
      m.resources.map((r) => [r.id, r.via]),
      [
        [R_MATHS, 'copy'],
        [R_DICO, 'free-offer'],
      ],
    );
    assert.equal(m.launchUrl, 'https://gar.test/launch');
    assert.ok(m.resources.every((r) => !('accessUrl' in r)));
  });

  it('uses the assertion’s school when the query names none, else the first of several, listing them all', async () => {
    const w = await buildWorld();
    assert.equal((await w.service.mediacentre.resources({ ...userA, uai: S3 })).school.uai, S3);
    const first = await w.service.mediacentre.resources(userA);
    assert.equal(first.school.uai, first.schools[0]!.uai);
    assert.ok(first.schools.length > 1);
    const teacher = { kind: 'ent-user', entId: 'ENTA', personId: 'prof-a' } as const;
    assert.equal((await w.service.mediacentre.resources(teacher)).school.uai, S1);
  });

  it('lists only what the person holds: a colleague without a copy sees the free offer alone', async () => {
    const w = await buildWorld();
    const teacher = { kind: 'ent-user', entId: 'ENTA', personId: 'prof-a' } as const;
    assert.deepEqual(
      (await w.service.mediacentre.resources(teacher, { uai: S1 })).resources.map((r) => [r.id, r.via]),
      [[R_DICO, 'free-offer']],
    );
  });

  it('lists only the free offers at a school with no subscription for the person', async () => {
    const w = await buildWorld();
    const m = await w.service.mediacentre.resources(userA, { uai: S3 });
    assert.deepEqual(
      m.resources.map((r) => [r.id, r.via]),
      [[R_DICO, 'free-offer']],
    );
  });

  it('ends a subscription’s listing when its validity ends', async () => {
    const w = await buildWorld();
    w.clock.current = new Date('2026-09-01T00:00:00Z');
    // Only the automatic subscription of the free offer (valid until withdrawn from the catalogue) is left.
    const m = await w.service.mediacentre.resources(userA, { uai: S1 });
    assert.deepEqual(
      m.resources.map((r) => [r.id, r.via]),
      [[R_DICO, 'free-offer']],
    );
  });

  it('refuses schools of another ENT as not found and schools the person is not at as forbidden', async () => {
    const w = await buildWorld();
    assert.equal(await code(w.service.mediacentre.resources(userA, { uai: S2 })), 'not-found');
    const teacher = { kind: 'ent-user', entId: 'ENTA', personId: 'prof-a' } as const;
    assert.equal(await code(w.service.mediacentre.resources(teacher, { uai: S3 })), 'forbidden');
    assert.equal(await code(w.service.mediacentre.resources(userA, { uai: 'lower' })), 'validation');
    assert.equal(
      await code(w.service.mediacentre.resources({ kind: 'operator', operatorId: 'o' }, { uai: S1 })),
      'forbidden',
    );
  });

  it('keeps favourites per person and marks them in the listing', async () => {
    const w = await buildWorld();
    assert.deepEqual(await w.service.mediacentre.setFavourites(userA, { resourceIds: [R_DICO] }), {
      resourceIds: [R_DICO],
    });
    assert.deepEqual(await w.service.mediacentre.favourites(userA), { resourceIds: [R_DICO] });
    const m = await w.service.mediacentre.resources(userA, { uai: S1 });
    assert.deepEqual(
      m.resources.filter((r) => r.favourite).map((r) => r.id),
      [R_DICO],
    );
    assert.deepEqual(await w.service.mediacentre.favourites({ kind: 'ent-user', entId: 'ENTB', personId: 'eleve-b' }), {
      resourceIds: [],
    });
  });

  it('refuses duplicate or malformed favourites without changing them', async () => {
    const w = await buildWorld();
    await w.service.mediacentre.setFavourites(userA, { resourceIds: [R_MATHS] });
    assert.equal(
      await code(w.service.mediacentre.setFavourites(userA, { resourceIds: [R_DICO, R_DICO] })),
      'validation',
    );
    assert.equal(
      await code(w.service.mediacentre.setFavourites(userA, { resourceIds: [R_DICO], extra: 1 })),
      'validation',
    );
    assert.equal(
      await code(
        w.service.mediacentre.setFavourites(userA, { resourceIds: Array.from({ length: 201 }, (_, i) => `r${i}`) }),
      ),
      'validation',
    );
    assert.deepEqual(await w.service.mediacentre.favourites(userA), { resourceIds: [R_MATHS] });
  });
});
