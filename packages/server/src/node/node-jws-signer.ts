import { createPrivateKey, type JsonWebKey, sign } from 'node:crypto';
import type { SigningAlgorithm } from '@opengar/core';
import type { JWK } from 'jose';
import type { JwsSigner } from '../keys/create-key-manager.js';

/**
 * Signs hand-off tokens with `node:crypto` key objects: the private JWK is imported once per key, and each signature
 * is one synchronous call (ES256 in the raw r‖s form JWS wants, RS256 with PKCS #1 v1.5, EdDSA with Ed25519). Give it
 * to `createKeyManager` on Node; browsers keep WebCrypto, the default.
 *
 * @throws `TypeError` for an algorithm it does not know.
 *
 * @example
 * ```ts
 * const keys = createKeyManager({ store, kek: process.env.OPENGAR_KEK!, signer: nodeJwsSigner });
 * ```
 */
export function nodeJwsSigner(privateJwk: JWK, alg: SigningAlgorithm): JwsSigner {
  if (alg !== 'ES256' && alg !== 'RS256' && alg !== 'EdDSA')
    throw new TypeError(`no node:crypto signer for ${String(alg)}`);
  const key = createPrivateKey({ key: privateJwk as JsonWebKey, format: 'jwk' });
  switch (alg) {
    case 'ES256':
      return (input) => sign('sha256', input, { key, dsaEncoding: 'ieee-p1363' });
    case 'RS256':
      return (input) => sign('sha256', input, key);
    default:
      return (input) => sign(null, input, key);
  }
}
