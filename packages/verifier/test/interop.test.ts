import assert from 'node:assert/strict';
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { describe, test } from 'node:test';
import { importJWK, SignJWT } from 'jose';
import jwt from 'jsonwebtoken';
import { algorithms, keys, privateJwk, privatePem } from './fixtures/keys.js';
import { paths } from './fixtures/paths.js';
import { AUDIENCE, claims, ISSUER, NOW } from './fixtures/tokens.js';
import { localOptions } from './fixtures/verifiers.js';

/** The GAR claims without the registered ones that the libraries set themselves. */
function attributes(): Record<string, unknown> {
  const c = claims();
  for (const name of ['iss', 'aud', 'iat', 'nbf', 'exp', 'jti', 'sub']) delete c[name];
  return c;
}

async function joseToken(alg: (typeof algorithms)[number], jti: string): Promise<string> {
  const key = keys[alg];
  return new SignJWT(attributes())
    .setProtectedHeader({ alg, typ: 'gar+jwt', kid: key.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(String(claims().sub))
    .setIssuedAt(NOW)
    .setNotBefore(NOW)
    .setExpirationTime(NOW + 120)
    .setJti(jti)
    .sign(await importJWK(privateJwk(key), alg));
}

describe('interoperability', () => {
  for (const alg of algorithms) {
    test(`a jose.SignJWT ${alg} token verifies with raw node:crypto, no jose`, async () => {
      const token = await joseToken(alg, `raw-${alg}`);
      const [h = '', p = '', s = ''] = token.split('.');
      const publicKey = createPublicKey({
        key: keys[alg].publicJwk as unknown as import('node:crypto').JsonWebKey,
        format: 'jwk',
      });
      const data = Buffer.from(`${h}.${p}`);
      const signature = Buffer.from(s, 'base64url');
      const ok =
        alg === 'ES256'
          ? cryptoVerify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
          : cryptoVerify(alg === 'RS256' ? 'sha256' : null, data, publicKey, signature);
      assert.equal(ok, true);
      assert.equal(JSON.parse(Buffer.from(p, 'base64url').toString()).jti, `raw-${alg}`);
    });
  }

  for (const path of paths) {
    for (const alg of algorithms) {
      test(`${path.name} accepts a jose.SignJWT ${alg} token`, async () => {
        const got = await path.createVerifier(localOptions()).verify(await joseToken(alg, `jose-${alg}`));
        assert.equal(got.jti, `jose-${alg}`);
        assert.equal(got.NOM, 'Durand');
      });
    }
    for (const alg of ['ES256', 'RS256'] as const) {
      test(`${path.name} accepts a jsonwebtoken ${alg} token`, async () => {
        const key = keys[alg];
        const token = jwt.sign({ ...attributes(), iat: NOW, nbf: NOW, exp: NOW + 90 }, privatePem(key), {
          algorithm: alg,
          keyid: key.kid,
          header: { alg, typ: 'gar+jwt' },
          issuer: ISSUER,
          audience: AUDIENCE,
          subject: String(claims().sub),
          jwtid: `jsonwebtoken-${alg}`,
        });
        const got = await path.createVerifier(localOptions()).verify(token);
        assert.equal(got.jti, `jsonwebtoken-${alg}`);
        assert.deepEqual(got.E_MS4, ['1004']);
      });
    }
  }
});
