import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GarServiceError, MIN_SECRET_BYTES, ServiceConfigError } from '../../src/index.js';
import { ISSUER, resourceBody, S1 } from '../helpers/fixtures.js';
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

describe('registry and catalogue', () => {
  it('refuses a short pseudonym secret at construction', () => {
    assert.throws(
      () => createTestService({ pseudonymSecret: 'x'.repeat(MIN_SECRET_BYTES - 1) }),
      (e) => e instanceof ServiceConfigError && e.code === 'secret-too-short',
    );
    assert.doesNotThrow(() => createTestService({ pseudonymSecret: 'x'.repeat(MIN_SECRET_BYTES) }));
    assert.equal(createTestService({ issuer: `${ISSUER}/` }).issuer, ISSUER);
  });

  it('lets only the operator or the system register, and nobody else', async () => {
    const w = await buildWorld();
    const before = await snapshot(w.store);
    for (const actor of [
      { kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' },
      { kind: 'ent-client', entId: 'ENTA' },
      { kind: 'publisher', publisherId: 'X', distributorIds: [] },
    ] as const) {
      assert.equal((await failure(w.service.admin.ents.create(actor, { id: 'ENTZ', name: 'Z' }))).code, 'forbidden');
      assert.equal(
        (await failure(w.service.admin.schools.update(actor, S1, { uai: S1, entId: 'ENTA', name: 'x' }))).code,
        'forbidden',
      );
      assert.equal(
        (await failure(w.service.admin.publishers.create(actor, { id: 'Z', name: 'Z', distributorIds: ['Z'] }))).code,
        'forbidden',
      );
      assert.equal((await failure(w.service.admin.resources.list(actor))).code, 'forbidden');
    }
    assert.deepEqual(await snapshot(w.store), before);
  });

  it('checks references: a school’s ENT, a resource’s publisher', async () => {
    const w = await buildWorld();
    const e = await failure(w.service.admin.schools.create(SYSTEM, { uai: '0000009Z', entId: 'NOPE', name: 'x' }));
    assert.deepEqual(
      e.issues.map((i) => [i.pointer, i.code]),
      [['/entId', 'not_found']],
    );
    const r = await failure(
      w.service.admin.resources.create(SYSTEM, resourceBody({ id: 'ark:/9/x', publisherId: 'NOPE' })),
    );
    assert.deepEqual(
      r.issues.map((i) => [i.pointer, i.code]),
      [['/publisherId', 'not_found']],
    );
  });

  it('audits school changes with before and after', async () => {
    const w = await buildWorld();
    w.clock.advance(1000); // audit lists most recent first
    await w.service.admin.schools.update(SYSTEM, S1, { uai: S1, entId: 'ENTA', name: 'Collège Renommé' });
    const [last] = await w.store.listAudit({ uai: S1, limit: 1 });
    assert.equal(last?.action, 'school.update');
    assert.equal(last?.actor, 'system');
    assert.equal((last!.before as { name: string }).name, 'Collège Un');
    assert.equal((last!.after as { name: string }).name, 'Collège Renommé');
  });

  it('shows publishers without credentials, and a new key only once', async () => {
    const w = await buildWorld();
    const { publisher, apiKey } = await w.service.admin.publishers.create(SYSTEM, {
      id: 'Z',
      name: 'Z',
      distributorIds: ['Z_1'],
    });
    assert.match(apiKey, /^ogp_[A-Za-z0-9_-]{43}$/);
    assert.equal(publisher.apiKeyCount, 1);
    assert.ok(!('apiKeyHashes' in publisher));
    const listed = await w.service.admin.publishers.list(SYSTEM);
    assert.ok(listed.every((p) => !('apiKeyHashes' in p)));
    assert.ok(!JSON.stringify(listed).includes(apiKey));
    assert.equal(
      (await failure(w.service.admin.publishers.create(SYSTEM, { id: 'Z', name: 'Z', distributorIds: ['Z_1'] }))).code,
      'conflict',
    );
  });

  it('reads and lists what it registered', async () => {
    const w = await buildWorld();
    assert.equal((await w.service.admin.ents.get(SYSTEM, 'ENTB')).name, 'ENT B');
    assert.deepEqual(
      (await w.service.admin.schools.list(SYSTEM, { entId: 'ENTB' })).map((s) => s.uai),
      ['0000002B'],
    );
    assert.equal((await w.service.admin.resources.get(SYSTEM, 'ark:/22222/dico')).freeOffer?.audiences.length, 2);
    assert.equal((await failure(w.service.admin.publishers.get(SYSTEM, 'NOPE'))).code, 'not-found');
    assert.equal((await failure(w.service.admin.schools.get(SYSTEM, '0000009Z'))).code, 'not-found');
  });
});
