import { Buffer } from 'node:buffer';
import { KeyObject, verify } from 'node:crypto';
import { importJWK } from 'jose';
import type { SignatureBackend } from '../backend/signature-backend.js';

/**
 * The Node backend: jose imports the JWK once, the key is kept as a `KeyObject`, and each signature is checked
 * with a synchronous `crypto.verify` (no WebCrypto promise, no re-import), which is what makes it fast.
 */
export const nodeCryptoBackend: SignatureBackend<KeyObject> = {
  decode: (segment) => Buffer.from(segment, 'base64url'),
  async importKey(jwk, alg) {
    const key = await importJWK({ ...jwk, ext: true }, alg);
    if (key instanceof Uint8Array) throw new TypeError('importJWK returned a secret key');
    return KeyObject.from(key);
  },
  verify(alg, key, signingInput, signature) {
    const data = Buffer.from(signingInput, 'latin1');
    switch (alg) {
      case 'ES256':
        return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
      case 'RS256':
        return verify('sha256', data, key, signature);
      case 'EdDSA':
        return verify(null, data, key, signature);
    }
  },
};
