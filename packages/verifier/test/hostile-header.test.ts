import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { assertRefused } from './fixtures/assert-refused.js';
import { startJwksServer, type JwksServer } from './fixtures/jwks-server.js';
import { algorithms, keys, makeKey, publicPem } from './fixtures/keys.js';
import { paths } from './fixtures/paths.js';
import { b64json, b64u, claims, makeToken, signRaw } from './fixtures/tokens.js';
import { localOptions } from './fixtures/verifiers.js';

const es = keys.ES256;
const attacker = makeKey('ES256', 'attacker-key');

for (const path of paths) {
  describe(`hostile headers (${path.name})`, () => {
    const verifier = (o = {}) => path.createVerifier(localOptions(o));
    let elsewhere: JwksServer;
    before(async () => {
      elsewhere = await startJwksServer([attacker.publicJwk]);
    });
    after(() => elsewhere.close());

    for (const alg of algorithms) {
      test(`accepts a well-formed ${alg} token`, async () => {
        const got = await verifier().verify(makeToken(keys[alg]));
        assert.equal(got.PRO, 'National_elv');
      });
    }

    test('alg none with an empty signature is unsupported_algorithm', async () => {
      const token = `${b64json({ alg: 'none', typ: 'gar+jwt', kid: es.kid })}.${b64json(claims())}.`;
      await assertRefused(verifier().verify(token), 'unsupported_algorithm', token);
    });

    test('alg none spelt otherwise, with a real signature, is unsupported_algorithm', async () => {
      for (const alg of ['None', 'NONE', 'nOnE']) {
        const input = `${b64json({ alg, typ: 'gar+jwt', kid: es.kid })}.${b64json(claims())}`;
        const token = `${input}.${signRaw('ES256', es.privateKey, input)}`;
        await assertRefused(verifier().verify(token), 'unsupported_algorithm', token);
      }
    });

    test('HS256 signed with the public key bytes (PEM and JWK) is unsupported_algorithm', async () => {
      const secrets = [publicPem(es), JSON.stringify(es.publicJwk), Buffer.from(String(es.publicJwk.x), 'base64url')];
      for (const secret of secrets) {
        const input = `${b64json({ alg: 'HS256', typ: 'gar+jwt', kid: es.kid })}.${b64json(claims())}`;
        const token = `${input}.${b64u(createHmac('sha256', secret).update(input).digest())}`;
        await assertRefused(verifier().verify(token), 'unsupported_algorithm', token);
      }
    });

    test('an algorithm the verifier was not configured for is unsupported_algorithm', async () => {
      const token = makeToken(keys.RS256);
      await assertRefused(verifier({ algorithms: ['ES256'] }).verify(token), 'unsupported_algorithm', token);
    });

    test('an unknown kid is unknown_key', async () => {
      const token = makeToken(es, { header: { kid: 'no-such-key' } });
      await assertRefused(verifier().verify(token), 'unknown_key', token);
    });

    test('an injected kid (path traversal, SQL, control characters, very long) is unknown_key', async () => {
      const kids = [
        '../../../../etc/passwd',
        "' OR '1'='1' --",
        'es256-key-1\u0000',
        '%2e%2e%2f',
        `${es.kid} `,
        'k'.repeat(3000),
      ];
      for (const kid of kids) {
        const token = makeToken(es, { header: { kid } });
        await assertRefused(verifier().verify(token), 'unknown_key', token);
      }
    });

    test('a kid that is missing or not a string is malformed', async () => {
      for (const kid of [undefined, 42, { $ne: null }, ['es256-key-1'], '']) {
        const token = makeToken(es, { header: { kid } });
        await assertRefused(verifier().verify(token), 'malformed', token);
      }
    });

    test('a jku header pointing elsewhere is never fetched', async () => {
      const jku = elsewhere.url;
      const token = makeToken(attacker, { header: { jku } });
      await assertRefused(verifier().verify(token), 'unknown_key', token);
      const spoofed = makeToken(es, { header: { jku }, signWith: attacker.privateKey });
      await assertRefused(verifier().verify(spoofed), 'bad_signature', spoofed);
      assert.deepEqual(elsewhere.requests, []);
    });

    test('an x5u header pointing elsewhere is never fetched', async () => {
      const token = makeToken(es, { header: { x5u: elsewhere.url }, signWith: attacker.privateKey });
      await assertRefused(verifier().verify(token), 'bad_signature', token);
      assert.deepEqual(elsewhere.requests, []);
    });

    test('an embedded jwk header is never trusted', async () => {
      const token = makeToken(attacker, { header: { jwk: attacker.publicJwk } });
      await assertRefused(verifier().verify(token), 'unknown_key', token);
      const spoofed = makeToken(es, { header: { jwk: attacker.publicJwk }, signWith: attacker.privateKey });
      await assertRefused(verifier().verify(spoofed), 'bad_signature', spoofed);
    });

    test('an x5c header is never trusted', async () => {
      const x5c = [Buffer.from(attacker.publicKey.export({ format: 'der', type: 'spki' })).toString('base64')];
      const token = makeToken(es, { header: { x5c }, signWith: attacker.privateKey });
      await assertRefused(verifier().verify(token), 'bad_signature', token);
    });

    test('a wrong or missing typ is wrong_type', async () => {
      for (const typ of ['JWT', 'at+jwt', 'gar-ent+jwt', undefined, 7]) {
        const token = makeToken(es, { header: { typ } });
        await assertRefused(verifier().verify(token), 'wrong_type', token);
      }
      const ok = makeToken(es, { header: { typ: 'application/GAR+JWT' } });
      assert.equal((await verifier().verify(ok)).sub.length, 128);
    });

    test('any crit header is malformed', async () => {
      for (const crit of [['exp'], ['b64'], [], 'exp']) {
        const token = makeToken(es, { header: { crit, exp: 1, b64: true } });
        await assertRefused(verifier().verify(token), 'malformed', token);
      }
    });

    test('a key of the wrong type for the alg is unknown_key (RSA kid in an ES256 token, and the like)', async () => {
      const cases = [
        { alg: 'ES256', kid: keys.RS256.kid, signer: es },
        { alg: 'RS256', kid: keys.ES256.kid, signer: keys.RS256 },
        { alg: 'EdDSA', kid: keys.ES256.kid, signer: keys.EdDSA },
        { alg: 'ES256', kid: keys.EdDSA.kid, signer: es },
      ];
      for (const c of cases) {
        const token = makeToken(c.signer, { header: { alg: c.alg, kid: c.kid } });
        await assertRefused(verifier().verify(token), 'unknown_key', token);
      }
    });

    test('an ES256 signature in DER form instead of raw r||s is bad_signature', async () => {
      const input = `${b64json({ alg: 'ES256', typ: 'gar+jwt', kid: es.kid })}.${b64json(claims())}`;
      const token = `${input}.${b64u(sign('sha256', Buffer.from(input), es.privateKey))}`;
      await assertRefused(verifier().verify(token), 'bad_signature', token);
    });

    test('a P-384 key listed under the kid with alg ES256 is not usable', async () => {
      const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
      const v = verifier({ keys: [{ ...p384, kid: 'curve', alg: 'ES256' }, keys.EdDSA.publicJwk] });
      const token = makeToken(es, { header: { kid: 'curve' } });
      await assertRefused(v.verify(token), 'unknown_key', token);
    });
  });
}
