import { base64url, importJWK } from 'jose';
import type { GarAlgorithm } from '../types/verifier-options.js';
import type { SignatureBackend } from './signature-backend.js';

const params: Readonly<Record<GarAlgorithm, AlgorithmIdentifier | EcdsaParams>> = {
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  RS256: { name: 'RSASSA-PKCS1-v1_5' },
  EdDSA: { name: 'Ed25519' },
};

const encoder = new TextEncoder();

/** The WebCrypto backend (browsers, workers, Deno, Bun, edge runtimes): jose imports JWKs, `crypto.subtle` verifies. */
export const webCryptoBackend: SignatureBackend<CryptoKey> = {
  decode: (segment) => base64url.decode(segment),
  async importKey(jwk, alg) {
    const key = await importJWK({ ...jwk, ext: false }, alg);
    if (!(key instanceof CryptoKey)) throw new TypeError('importJWK did not return a CryptoKey');
    return key;
  },
  verify(alg, key, signingInput, signature) {
    return crypto.subtle.verify(params[alg], key, new Uint8Array(signature), encoder.encode(signingInput));
  },
};
