import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT, createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { createKeyManager, type KeyManagerOptions } from '../../src/keys/create-key-manager.js';
import { KeyError } from '../../src/keys/key-error.js';
import { generateKeyEncryptionKey, importKeyEncryptionKey } from '../../src/keys/key-encryption-key.js';
import { createMemoryStore } from '../../src/store/index.js';
import { TestClock } from '../helpers/clock.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-09-01T08:00:00.000Z');

function fixture(overrides: Partial<KeyManagerOptions> = {}) {
  const clock = new TestClock(T0);
  const store = createMemoryStore();
  const kek = generateKeyEncryptionKey();
  const options: KeyManagerOptions = { store, kek, clock, algorithms: ['ES256'], cacheMs: 0, ...overrides };
  return { clock, store, kek, keys: createKeyManager(options), options };
}

async function signWith(keys: ReturnType<typeof createKeyManager>, alg: 'ES256' | 'RS256' | 'EdDSA' = 'ES256') {
  const k = await keys.signingKey(alg);
  const token = await new SignJWT({ x: 1 }).setProtectedHeader({ alg, kid: k.kid }).sign(k.key);
  return { kid: k.kid, token };
}

describe('createKeyManager', () => {
  it('signs with ES256, RS256 and EdDSA keys that the JWKS verifies', async () => {
    const { keys } = fixture({ algorithms: ['ES256', 'RS256', 'EdDSA'] });
    assert.equal((await keys.ensureKeys()).length, 3);
    const jwks = createLocalJWKSet((await keys.jwks()) as JSONWebKeySet);
    for (const alg of ['ES256', 'RS256', 'EdDSA'] as const) {
      const { token } = await signWith(keys, alg);
      const { protectedHeader } = await jwtVerify(token, jwks, { algorithms: [alg] });
      assert.equal(protectedHeader.alg, alg);
    }
    assert.deepEqual(await keys.ensureKeys(), []);
  });

  it('publishes the next key before it signs, and keeps the old one until its last token expired', async () => {
    const { keys, clock, store } = fixture({ prepublishMs: DAY, tokenLifetimeMs: 120_000, marginMs: 60_000 });
    const first = await signWith(keys);
    const [next] = await keys.rotate();
    assert.ok(next);
    assert.equal(next.activatesAt, new Date(T0 + DAY).toISOString());
    // Published at once, but the old key still signs until the new one activates.
    assert.deepEqual((await keys.jwks()).keys.map((k) => k.kid).sort(), [first.kid, next.kid].sort());
    assert.equal((await signWith(keys)).kid, first.kid);
    clock.set(T0 + DAY - 1);
    assert.equal((await signWith(keys)).kid, first.kid);
    // At activation the old key stops signing; a token it signed just before still verifies.
    const late = await signWith(keys);
    clock.set(T0 + DAY);
    assert.equal((await signWith(keys)).kid, next.kid);
    const jwks = createLocalJWKSet((await keys.jwks()) as JSONWebKeySet);
    await jwtVerify(late.token, jwks, { currentDate: clock.now() });
    clock.set(T0 + DAY + 120_000 + 60_000 - 1);
    assert.equal((await keys.jwks()).keys.length, 2);
    // Once the lifetime and margin have passed it leaves the JWKS, and the scheduled job deletes it.
    clock.set(T0 + DAY + 120_000 + 60_000);
    assert.deepEqual(
      (await keys.jwks()).keys.map((k) => k.kid),
      [next.kid],
    );
    assert.equal(await keys.maybeRotate(), false);
    assert.deepEqual(
      (await store.listSigningKeys()).map((k) => k.kid),
      [next.kid],
    );
  });

  it('rotates on schedule once the interval has passed, pre-publishing the next key', async () => {
    const { keys, clock, store } = fixture({ rotationIntervalMs: 30 * DAY, prepublishMs: DAY });
    assert.equal(await keys.maybeRotate(), false, 'the first run only creates the first key');
    assert.equal((await store.listSigningKeys()).length, 1);
    clock.set(T0 + 28 * DAY);
    assert.equal(await keys.maybeRotate(), false);
    clock.set(T0 + 29 * DAY);
    assert.equal(await keys.maybeRotate(), true);
    const all = await store.listSigningKeys();
    assert.equal(all.length, 2);
    const pending = all.find((k) => Date.parse(k.activatesAt) > clock.now().getTime());
    assert.equal(pending?.activatesAt, new Date(T0 + 30 * DAY).toISOString());
    assert.equal(await keys.maybeRotate(), false, 'a pending key is not rotated again');
  });

  it('rotates immediately on request', async () => {
    const { keys } = fixture();
    const first = await signWith(keys);
    const [next] = await keys.rotate({ immediate: true });
    assert.equal((await signWith(keys)).kid, next!.kid);
    assert.notEqual(next!.kid, first.kid);
    assert.equal((await keys.jwks()).keys.length, 2);
  });

  it('stores no private key material in clear', async () => {
    const { keys, store, kek } = fixture({ algorithms: ['ES256', 'RS256', 'EdDSA'] });
    await keys.ensureKeys();
    const records = await store.listSigningKeys();
    const dump = JSON.stringify(records);
    const opener = await importKeyEncryptionKey(kek);
    for (const r of records) {
      assert.equal('d' in r.publicJwk, false);
      const priv = JSON.parse(
        await opener.open(r.encryptedPrivateJwk, `opengar-signing-key|${r.kid}|${r.alg}`),
      ) as Record<string, string>;
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
        if (priv[member]) assert.ok(!dump.includes(priv[member]), `${r.alg} ${member} is not stored in clear`);
      }
      assert.ok(priv.d);
    }
  });

  it('refuses a wrong key-encryption key with a typed error', async () => {
    const { keys, options } = fixture();
    await keys.ensureKeys();
    const other = createKeyManager({ ...options, kek: generateKeyEncryptionKey() });
    await assert.rejects(other.signingKey('ES256'), (e: unknown) => e instanceof KeyError && e.code === 'wrong-kek');
    await assert.rejects(
      createKeyManager({ ...options, kek: 'too-short' }).signingKey(),
      (e: unknown) => e instanceof KeyError && e.code === 'invalid-kek',
    );
  });

  it('refuses an algorithm it does not manage', async () => {
    const { keys } = fixture();
    await assert.rejects(
      keys.signingKey('RS256'),
      (e: unknown) => e instanceof KeyError && e.code === 'unsupported-algorithm',
    );
    await assert.rejects(
      keys.rotate({ alg: 'EdDSA' }),
      (e: unknown) => e instanceof KeyError && e.code === 'unsupported-algorithm',
    );
  });

  it('makes one first key when many signatures ask at once', async () => {
    const { keys, store } = fixture();
    const got = await Promise.all(Array.from({ length: 20 }, () => keys.signingKey('ES256')));
    assert.equal(new Set(got.map((k) => k.kid)).size, 1);
    assert.equal((await store.listSigningKeys()).length, 1);
  });

  it('rotates once when two instances run the schedule on one store', async () => {
    const { keys, options, clock, store } = fixture({ rotationIntervalMs: 30 * DAY });
    await keys.ensureKeys();
    const a = createKeyManager({ ...options, holder: 'instance-a' });
    const b = createKeyManager({ ...options, holder: 'instance-b' });
    clock.set(T0 + 31 * DAY);
    const results = await Promise.all([a.maybeRotate(), b.maybeRotate()]);
    assert.equal(results.filter(Boolean).length, 1);
    assert.equal((await store.listSigningKeys()).length, 2);
    assert.deepEqual(await Promise.all([a.maybeRotate(), b.maybeRotate()]), [false, false]);
    assert.equal((await store.listSigningKeys()).length, 2);
  });
});
