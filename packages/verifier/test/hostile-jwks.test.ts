import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { VerifierOptions } from '../src/index.js';
import { assertRefused } from './fixtures/assert-refused.js';
import { startJwksServer, type JwksServer } from './fixtures/jwks-server.js';
import { keys, makeKey } from './fixtures/keys.js';
import { paths } from './fixtures/paths.js';
import { AUDIENCE, ISSUER, makeToken } from './fixtures/tokens.js';
import { testClock } from './fixtures/verifiers.js';

const es = keys.ES256;
const next = makeKey('ES256', 'es256-key-2');

for (const path of paths) {
  describe(`remote JWKS (${path.name})`, () => {
    let server: JwksServer;
    let clock = testClock();
    const remote = (o: Partial<VerifierOptions> = {}) =>
      path.createVerifier({
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['ES256', 'RS256', 'EdDSA'],
        jwksUri: server.url,
        clock,
        timeoutMs: 1_000,
        ...o,
      });

    before(async () => {
      server = await startJwksServer([]);
    });
    after(() => server.close());
    beforeEach(() => {
      server.keys = [es.publicJwk, keys.RS256.publicJwk, keys.EdDSA.publicJwk];
      server.mode = 'ok';
      server.requests.length = 0;
      clock = testClock();
    });

    test('fetches the JWKS once and then uses the cache', async () => {
      const v = remote();
      for (const key of [es, keys.RS256, keys.EdDSA, es]) await v.verify(makeToken(key));
      assert.equal(server.requests.length, 1);
    });

    test('concurrent first verifications share one JWKS request', async () => {
      const v = remote();
      await Promise.all(Array.from({ length: 5 }, () => v.verify(makeToken(es))));
      assert.equal(server.requests.length, 1);
    });

    test('an unknown kid refetches at most once per cooldown, then is unknown_key', async () => {
      const v = remote({ cooldownMs: 30_000 });
      await v.verify(makeToken(es));
      const token = makeToken(es, { header: { kid: 'nope' } });
      await assertRefused(v.verify(token), 'unknown_key', token);
      await assertRefused(v.verify(makeToken(es, { header: { kid: 'nope-2' } })), 'unknown_key');
      clock.advance(10_000);
      await assertRefused(v.verify(makeToken(es, { header: { kid: 'nope-3' } })), 'unknown_key');
      assert.equal(server.requests.length, 1, 'the cooldown counts from the first fetch');
      clock.advance(25_000);
      await assertRefused(v.verify(makeToken(es, { header: { kid: 'nope-4' } })), 'unknown_key');
      assert.equal(server.requests.length, 2);
    });

    test('a rotated-in key is found by refetching on its unknown kid', async () => {
      const v = remote({ cooldownMs: 1_000 });
      await v.verify(makeToken(es));
      server.keys = [es.publicJwk, next.publicJwk];
      clock.advance(2_000);
      assert.equal((await v.verify(makeToken(next))).IDO.length, 128);
      assert.equal(server.requests.length, 2);
    });

    test('a key removed from the JWKS: refetched when the cache ages, then unknown_key', async () => {
      const v = remote({ cacheMaxAgeMs: 60_000 });
      await v.verify(makeToken(es));
      server.keys = [next.publicJwk];
      clock.advance(61_000);
      const token = makeToken(es, { claims: { iat: clock() / 1000, nbf: clock() / 1000, exp: clock() / 1000 + 60 } });
      await assertRefused(v.verify(token), 'unknown_key', token);
      assert.equal(server.requests.length, 2);
    });

    test('JWKS endpoint down is jwks_unavailable, and failures are not retried within the cooldown', async () => {
      server.mode = 'down';
      const v = remote({ cooldownMs: 5_000 });
      const token = makeToken(es);
      await assertRefused(v.verify(token), 'jwks_unavailable', token);
      await assertRefused(v.verify(makeToken(es)), 'jwks_unavailable');
      assert.equal(server.requests.length, 1);
      server.mode = 'ok';
      clock.advance(6_000);
      const later = makeToken(es, { claims: { iat: clock() / 1000, nbf: clock() / 1000, exp: clock() / 1000 + 60 } });
      assert.equal((await v.verify(later)).PRO, 'National_elv');
    });

    test('JWKS endpoint slow: the timeout makes it jwks_unavailable', async () => {
      server.mode = 'slow';
      const started = Date.now();
      const token = makeToken(es);
      await assertRefused(remote({ timeoutMs: 150 }).verify(token), 'jwks_unavailable', token);
      assert.ok(Date.now() - started < 5_000);
    });

    test('a fetch that ignores the abort signal still times out', async () => {
      const hanging: typeof fetch = () => new Promise<Response>(() => undefined);
      const token = makeToken(es);
      await assertRefused(remote({ fetch: hanging, timeoutMs: 100 }).verify(token), 'jwks_unavailable', token);
    });

    test('a JWKS endpoint answering something else than a JWKS is jwks_unavailable', async () => {
      server.mode = 'not-json';
      await assertRefused(remote().verify(makeToken(es)), 'jwks_unavailable');
      const bodies = ['{"keys": {}}', '[]', 'null', '{"keys":'];
      for (const body of bodies) {
        const fake: typeof fetch = () => Promise.resolve(new Response(body, { status: 200 }));
        await assertRefused(remote({ fetch: fake }).verify(makeToken(es)), 'jwks_unavailable');
      }
    });

    test('an oversized JWKS response is jwks_unavailable', async () => {
      server.keys = [
        es.publicJwk,
        ...Array.from({ length: 200 }, (_, i) => ({ ...keys.RS256.publicJwk, kid: `pad-${i}` })),
      ];
      await assertRefused(remote({ maxJwksBytes: 4_096 }).verify(makeToken(es)), 'jwks_unavailable');
    });

    test('an unreachable JWKS host is jwks_unavailable', async () => {
      const refused: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
      await assertRefused(remote({ fetch: refused }).verify(makeToken(es)), 'jwks_unavailable');
    });

    test('private, symmetric and non-signing keys in the JWKS are never used', async () => {
      const secret = { kty: 'oct', k: Buffer.from(JSON.stringify(es.publicJwk)).toString('base64url'), kid: es.kid };
      server.keys = [
        secret,
        { ...es.publicJwk, use: 'enc' },
        { ...es.publicJwk, key_ops: ['encrypt'] },
        { ...es.publicJwk, alg: 'RS256' },
      ];
      const token = makeToken(es);
      await assertRefused(remote().verify(token), 'unknown_key', token);
    });

    test('an RSA key under 2048 bits is never used', async () => {
      const { generateKeyPairSync } = await import('node:crypto');
      const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
      const jwk = { ...small.publicKey.export({ format: 'jwk' }), kty: 'RSA', kid: 'rsa-1024', alg: 'RS256' };
      server.keys = [jwk];
      const token = makeToken({ ...keys.RS256, kid: 'rsa-1024', privateKey: small.privateKey });
      await assertRefused(remote().verify(token), 'unknown_key', token);
    });
  });
}
