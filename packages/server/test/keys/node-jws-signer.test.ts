// Hand-off tokens signed with node:crypto key objects (`nodeJwsSigner`, what `opengar serve` uses) are the same
// compact JWS as those signed by jose with WebCrypto: same header and claims, verified by the published JWKS.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { signGarToken } from '../../src/handoff/sign-gar-token.js';
import { createKeyManager } from '../../src/keys/create-key-manager.js';
import { generateKeyEncryptionKey } from '../../src/keys/key-encryption-key.js';
import { nodeJwsSigner } from '../../src/node/node-jws-signer.js';
import { createMemoryStore } from '../../src/store/index.js';
import { ISSUER, R_MATHS } from '../helpers/fixtures.js';

const attributes = { IDO: 'a'.repeat(128), UAI: ['0561641E'], PRO: 'National_elv', NOM: 'Le Goff « Léa »' };
const now = new Date('2026-09-14T08:00:00Z');

describe('nodeJwsSigner', () => {
  it('signs ES256, RS256 and EdDSA tokens the JWKS verifies, with the claims and header of the WebCrypto path', async () => {
    const store = createMemoryStore();
    const kek = generateKeyEncryptionKey();
    const node = createKeyManager({ store, kek, signer: nodeJwsSigner });
    const web = createKeyManager({ store, kek });
    await node.ensureKeys();
    const jwks = createLocalJWKSet((await node.jwks()) as JSONWebKeySet);
    for (const alg of ['ES256', 'RS256', 'EdDSA'] as const) {
      const key = await node.signingKey(alg);
      assert.equal(typeof key.sign, 'function', alg);
      const webKey = await web.signingKey(alg);
      assert.equal(webKey.sign, undefined, 'no signer: WebCrypto, as in a browser');
      const input = { issuer: ISSUER, resourceId: R_MATHS, attributes, now, jti: 'jti-1' };
      const token = await signGarToken({ ...input, key });
      const reference = await signGarToken({ ...input, key: webKey });
      const verified = await jwtVerify(token, jwks, { algorithms: [alg], currentDate: now, audience: R_MATHS });
      const expected = await jwtVerify(reference, jwks, { algorithms: [alg], currentDate: now, audience: R_MATHS });
      assert.deepEqual(verified.payload, expected.payload, alg);
      assert.deepEqual(decodeProtectedHeader(token), { alg, typ: 'gar+jwt', kid: key.kid });
      assert.equal(token.split('.').slice(0, 2).join('.'), reference.split('.').slice(0, 2).join('.'));
      const [h, p, sig] = token.split('.') as [string, string, string];
      const flipped = `${h}.${p}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
      await assert.rejects(jwtVerify(flipped, jwks, { algorithms: [alg], currentDate: now }), {
        code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      });
    }
  });

  it('refuses an algorithm it does not know with a TypeError', () => {
    assert.throws(() => nodeJwsSigner({ kty: 'oct', k: 'AAAA' }, 'HS256' as never), TypeError);
  });
});
