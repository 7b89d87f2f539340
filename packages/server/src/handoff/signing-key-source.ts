import type { SigningAlgorithm } from '@opengar/core';
import type { ActiveSigningKey } from '../keys/create-key-manager.js';

export type { ActiveSigningKey };

/** A public key set as served at `/.well-known/jwks.json`. */
export interface PublicJwks {
  keys: Record<string, unknown>[];
}

/**
 * Where the hand-off gets its signing keys: the key manager's active key per algorithm, and the public keys to
 * publish (the active ones, the next ones and those retired less than a token lifetime ago: rotation with overlap).
 *
 * @example
 * ```ts
 * const keys: SigningKeySource = { signingKey: (alg) => keyManager.signingKey(alg), jwks: () => keyManager.jwks() };
 * ```
 */
export interface SigningKeySource {
  signingKey(alg: SigningAlgorithm): Promise<ActiveSigningKey>;
  jwks(): Promise<PublicJwks>;
}
