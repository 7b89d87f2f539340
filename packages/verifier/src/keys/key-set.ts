import type { GarAlgorithm } from '../types/verifier-options.js';
import type { UsableKey } from './public-jwk.js';

/** Where the verifier finds the key for a token's `kid` and `alg`. */
export interface KeySet {
  /** The key, when it is known right now without any I/O. */
  peek(kid: string, alg: GarAlgorithm): UsableKey | undefined;
  /** The key, fetching the key set when allowed; rejects with `unknown_key` or `jwks_unavailable`. */
  resolve(kid: string, alg: GarAlgorithm): Promise<UsableKey>;
}
