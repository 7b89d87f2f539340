import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { GarServiceError } from '../../src/index.js';
import { entKeys, type EntKeys } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GarServiceError, String(e));
    return e.code;
  }
  assert.fail('expected a GarServiceError');
}

const URL_A = 'https://gar.test/ressources/ENTA/0000001A/eleve-a';
const FP = 'ab'.repeat(32);

function clientAssertion(
  keys: EntKeys,
  now: Date,
  o: { iss?: string; sub?: string; aud?: string; lifetime?: number; jti?: string } = {},
) {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: keys.alg, kid: keys.publicJwk.kid! })
    .setIssuer(o.iss ?? 'ENTA')
    .setSubject(o.sub ?? o.iss ?? 'ENTA')
    .setAudience(o.aud ?? URL_A)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (o.lifetime ?? 30))
    .setJti(o.jti ?? crypto.randomUUID())
    .sign(keys.privateKey);
}

describe('ENT client credential', () => {
  it('accepts a client assertion for the route’s URL, once', async () => {
    const w = await buildWorld();
    const token = await clientAssertion(w.keysA, w.clock.now());
    assert.deepEqual(await w.service.identity.authenticateEntClient({ assertion: token, url: URL_A }), {
      kind: 'ent-client',
      entId: 'ENTA',
    });
    assert.equal(
      await code(w.service.identity.authenticateEntClient({ assertion: token, url: URL_A })),
      'unauthenticated',
    );
  });

  it('refuses another URL, iss ≠ sub, a lifetime over 60 s, another ENT’s key, an expired assertion', async () => {
    const w = await buildWorld();
    const now = w.clock.now();
    const cases = [
      await clientAssertion(w.keysA, now, { aud: 'https://gar.test/ressources/ENTA/0000001A/prof-a' }),
      await clientAssertion(w.keysA, now, { sub: 'ENTB' }),
      await clientAssertion(w.keysA, now, { lifetime: 120 }),
      await clientAssertion(w.keysB, now, { iss: 'ENTA' }),
      await clientAssertion(w.keysA, new Date(now.getTime() - 5 * 60_000)),
    ];
    const codes = [];
    for (const assertion of cases)
      codes.push(await code(w.service.identity.authenticateEntClient({ assertion, url: URL_A })));
    assert.deepEqual(codes, [
      'unauthenticated',
      'unauthenticated',
      'unauthenticated',
      'unauthenticated',
      'token-expired',
    ]);
  });

  it('identifies an ENT by a registered certificate fingerprint, in any case and with colons', async () => {
    const w = await buildWorld();
    await w.service.admin.ents.update({ kind: 'system' }, 'ENTB', {
      id: 'ENTB',
      name: 'ENT B',
      jwks: { keys: [w.keysB.publicJwk] },
      clientCertFingerprints: [FP],
    });
    const colons = FP.toUpperCase().match(/../g)!.join(':');
    assert.deepEqual(await w.service.identity.authenticateEntClient({ certFingerprint: colons }), {
      kind: 'ent-client',
      entId: 'ENTB',
    });
    assert.equal(
      await code(w.service.identity.authenticateEntClient({ certFingerprint: 'cd'.repeat(32) })),
      'unauthenticated',
    );
    assert.equal(await code(w.service.identity.authenticateEntClient({ certFingerprint: 'nope' })), 'unauthenticated');
  });
});

describe('publisher and operator credentials', () => {
  it('identifies a publisher by its API key, whose hash only is stored', async () => {
    const w = await buildWorld();
    const p = await w.service.identity.authenticatePublisher({ apiKey: w.apiKeyX });
    assert.deepEqual(p, { kind: 'publisher', publisherId: 'X', distributorIds: ['X_0000000000000001'] });
    const stored = await w.store.getPublisher('X');
    assert.ok(!JSON.stringify(stored).includes(w.apiKeyX));
    assert.equal(stored?.apiKeyHashes.length, 1);
    assert.equal(await code(w.service.identity.authenticatePublisher({ apiKey: w.apiKeyX + 'x' })), 'unauthenticated');
    assert.equal(await code(w.service.identity.authenticatePublisher({ apiKey: '' })), 'unauthenticated');
    assert.equal(await code(w.service.identity.authenticatePublisher({ apiKey: w.operatorSecret })), 'unauthenticated');
  });

  it('identifies a publisher by a registered certificate', async () => {
    const w = await buildWorld();
    await w.service.admin.publishers.update({ kind: 'system' }, 'Y', {
      id: 'Y',
      name: 'Y',
      distributorIds: ['Y_1'],
      clientCertFingerprints: [FP],
    });
    assert.equal((await w.service.identity.authenticatePublisher({ certFingerprint: FP })).publisherId, 'Y');
    assert.equal(
      await code(w.service.identity.authenticatePublisher({ certFingerprint: 'ef'.repeat(32) })),
      'unauthenticated',
    );
    // updating the account keeps its API key
    assert.equal((await w.service.identity.authenticatePublisher({ apiKey: w.apiKeyY })).publisherId, 'Y');
  });

  it('identifies an operator by secret, and only the system creates operators', async () => {
    const w = await buildWorld();
    assert.equal((await w.service.identity.authenticateOperator(w.operatorSecret)).kind, 'operator');
    assert.equal(await code(w.service.identity.authenticateOperator(w.apiKeyX)), 'unauthenticated');
    assert.equal(await code(w.service.identity.authenticateOperator('x'.repeat(10_000))), 'unauthenticated');
    const op = await w.service.identity.authenticateOperator(w.operatorSecret);
    assert.equal(await code(w.service.admin.operators.create(op, { label: 'second' })), 'forbidden');
    assert.equal(await code(w.service.admin.operators.create({ kind: 'system' }, { label: ' ' })), 'validation');
  });

  it('keeps keys of two ENTs apart', async () => {
    const w = await buildWorld();
    const other = await entKeys('ES256', 'a-1');
    const forged = await clientAssertion(other, w.clock.now());
    assert.equal(
      await code(w.service.identity.authenticateEntClient({ assertion: forged, url: URL_A })),
      'unauthenticated',
    );
  });
});
