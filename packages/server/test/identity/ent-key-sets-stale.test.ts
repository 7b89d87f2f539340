// The stale window of remote ENT key sets, with an injected fetch and clock: an outage shorter than the window keeps
// the last good keys (logged once per ENT and outage, shown as degraded by /readyz); a longer one refuses (503);
// recovery clears the outage.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createHttpApp, createMemoryStore, GarServiceError } from '../../src/index.js';
import { TestClock } from '../helpers/clock.js';
import { ISSUER, recordingLogger } from '../helpers/fixtures.js';
import { createTestService } from '../helpers/service.js';

const JWKS_URI = 'https://ent-r.test/secret-path/jwks.json';
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Lets the background refresh (started by a verification) settle. */
const settle = () => new Promise((r) => setTimeout(r, 20));

async function setUp(jwks: { cacheMs?: number; staleMs?: number } = {}) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'r-1', alg: 'ES256' };
  const store = createMemoryStore();
  await store.putEnt({ id: 'ENTR', name: 'ENT R', jwksUri: JWKS_URI, origins: [], clientCertFingerprints: [] });
  await store.putPerson({ entId: 'ENTR', id: 'eleve-r', lastName: 'Roux', firstName: 'Ana', profiles: [], mefs: [] });
  const clock = new TestClock();
  const logger = recordingLogger();
  const ent = { up: true, fetches: 0 };
  const fetch = (async () => {
    ent.fetches++;
    if (!ent.up) throw new TypeError('fetch failed');
    return new Response(JSON.stringify({ keys: [publicJwk] }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  const service = createTestService({
    store,
    clock,
    logger,
    jwks: { fetch, cacheMs: 10 * MIN, cooldownMs: 30_000, ...jwks },
  });
  const app = createHttpApp(service);
  const assertion = (key: CryptoKey = privateKey) => {
    const t = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', typ: 'gar-ent+jwt', kid: 'r-1' })
      .setIssuer('ENTR')
      .setSubject('eleve-r')
      .setAudience(ISSUER)
      .setIssuedAt(t)
      .setExpirationTime(t + 60)
      .setJti(crypto.randomUUID())
      .sign(key);
  };
  const verify = async () => service.identity.authenticateEntUser(await assertion());
  const warnings = () =>
    logger.lines
      .map((l) => JSON.parse(l) as { level: string; event: string; entId?: string })
      .filter((l) => l.event === 'jwks.unavailable');
  const readyz = async () => {
    const res = await app.request('/readyz');
    assert.equal(res.status, 200, 'degraded is still ready');
    return {
      text: await res.clone().text(),
      body: (await res.json()) as {
        status: string;
        degraded?: { dependency: string; entId: string; state: string; since: string; staleUntil?: string }[];
      },
    };
  };
  return { service, app, clock, logger, ent, verify, warnings, readyz, assertion };
}

describe('ENT key sets: the stale window', () => {
  it('keeps verifying with the last good keys through an outage shorter than the window, logged once, shown by /readyz', async () => {
    const s = await setUp();
    assert.equal((await s.verify()).personId, 'eleve-r');
    assert.deepEqual((await s.readyz()).body, { status: 'ok' });

    s.ent.up = false;
    s.clock.advance(11 * MIN);
    for (let i = 0; i < 20; i++) {
      assert.equal((await s.verify()).personId, 'eleve-r', `hour ${i}: the old keys still verify`);
      await settle();
      s.clock.advance(HOUR);
    }
    assert.ok(s.ent.fetches > 5, 'the service kept trying in the background');
    assert.equal(s.warnings().length, 1, 'one warning per ENT and outage');
    assert.equal(s.warnings()[0]!.level, 'warn');
    assert.equal(s.warnings()[0]!.entId, 'ENTR');
    assert.ok(!s.logger.lines.join('\n').includes('secret-path'), 'the JWKS URL stays out of the logs');

    const { body, text } = await s.readyz();
    assert.equal(body.status, 'degraded');
    assert.equal(body.degraded?.length, 1);
    assert.deepEqual(
      { ...body.degraded![0], since: undefined, staleUntil: undefined },
      { dependency: 'ent-jwks', entId: 'ENTR', state: 'stale', since: undefined, staleUntil: undefined },
    );
    assert.ok(!text.includes('secret-path') && !text.includes('"x"'), 'no URL, no key material');

    s.ent.up = true;
    s.clock.advance(MIN);
    await s.verify();
    await settle();
    assert.ok(s.logger.lines.some((l) => l.includes('"jwks.recovered"')));
    assert.deepEqual((await s.readyz()).body, { status: 'ok' });
  });

  it('refuses once the outage outlasts the window (503 unavailable), and says so in /readyz', async () => {
    const s = await setUp({ staleMs: 2 * HOUR });
    await s.verify();
    s.ent.up = false;
    s.clock.advance(11 * MIN);
    await s.verify();
    await settle();
    s.clock.advance(2 * HOUR);
    await assert.rejects(s.verify(), (e: GarServiceError) => e instanceof GarServiceError && e.code === 'unavailable');
    const res = await s.app.request('/api/v1/me/resources', {
      headers: { authorization: `Bearer ${await s.assertion()}` },
    });
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as { code: string }).code, 'unavailable');
    assert.equal(s.warnings().length, 1, 'still one warning for the whole outage');
    const { body } = await s.readyz();
    assert.equal(body.status, 'degraded');
    assert.equal(body.degraded?.[0]?.state, 'unavailable');
    assert.equal(body.degraded?.[0]?.staleUntil, undefined);
  });

  it('with staleMs 0, drops the keys as soon as the cache expires (the former behaviour)', async () => {
    const s = await setUp({ staleMs: 0 });
    await s.verify();
    s.ent.up = false;
    s.clock.advance(11 * MIN);
    await assert.rejects(s.verify(), (e: GarServiceError) => e.code === 'unavailable');
  });

  it('does not accept a token signed by another key because the set is stale', async () => {
    const s = await setUp();
    await s.verify();
    s.ent.up = false;
    s.clock.advance(11 * MIN);
    const other = await generateKeyPair('ES256');
    await assert.rejects(
      s.service.identity.authenticateEntUser(await s.assertion(other.privateKey)),
      (e: GarServiceError) => e.code === 'unauthenticated',
    );
  });
});
