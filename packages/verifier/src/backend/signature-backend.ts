import type { PublicKeyMembers } from '../keys/public-jwk.js';
import type { GarAlgorithm } from '../types/verifier-options.js';

/**
 * The crypto a verifier runs on: node:crypto on Node, WebCrypto elsewhere. `K` is the imported key type
 * (`KeyObject`, `CryptoKey`), cached per key by the verifier.
 */
export interface SignatureBackend<K> {
  /** Base64url (already checked to use only its alphabet) to bytes. */
  decode(segment: string): Uint8Array;
  /** Imports a public JWK already checked to suit `alg`. */
  importKey(jwk: PublicKeyMembers, alg: GarAlgorithm): Promise<K>;
  /** Checks a JWS signature over the ASCII `signingInput`. */
  verify(alg: GarAlgorithm, key: K, signingInput: string, signature: Uint8Array): boolean | Promise<boolean>;
}

/** Signature lengths fixed by the algorithm (RS256's depends on the key, checked by the crypto). */
export const fixedSignatureLength: Readonly<Record<GarAlgorithm, number | undefined>> = {
  ES256: 64,
  EdDSA: 64,
  RS256: undefined,
};
