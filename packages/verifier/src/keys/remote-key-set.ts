import { GarTokenError } from '../errors/gar-token-error.js';
import type { GarAlgorithm } from '../types/verifier-options.js';
import { fetchJwks, type FetchJwksOptions } from './fetch-jwks.js';
import type { KeySet } from './key-set.js';
import { indexKeys, pickKey, type UsableKey } from './public-jwk.js';

/** Options of {@link createRemoteKeySet}. */
export interface RemoteKeySetOptions extends FetchJwksOptions {
  readonly cooldownMs: number;
  readonly cacheMaxAgeMs: number;
  readonly clock: () => number;
}

/**
 * A JWKS fetched from the service and cached for `cacheMaxAgeMs`. An unknown `kid` triggers one refetch (keys
 * rotate with overlap), at most once per `cooldownMs`; a failed fetch also waits `cooldownMs` before the next try,
 * so hostile tokens cannot make the verifier hammer the service.
 */
export function createRemoteKeySet(options: RemoteKeySetOptions): KeySet {
  let index: Map<string, UsableKey[]> | undefined;
  let fetchedAt = -Infinity;
  let lastAttempt = -Infinity;
  let lastError: unknown;
  let inflight: Promise<void> | undefined;

  const fresh = (now: number): boolean => index !== undefined && now - fetchedAt < options.cacheMaxAgeMs;

  const refresh = (): Promise<void> => {
    if (inflight) return inflight;
    lastAttempt = options.clock();
    inflight = fetchJwks(options)
      .then(
        (keys) => {
          index = indexKeys(keys);
          fetchedAt = options.clock();
          lastError = undefined;
        },
        (error: unknown) => {
          lastError = error;
          throw new GarTokenError('jwks_unavailable', 'the key set could not be fetched', { cause: error });
        },
      )
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  const unknown = (): GarTokenError => new GarTokenError('unknown_key', "no key for the token's kid and alg");

  return {
    peek(kid, alg) {
      return index && fresh(options.clock()) ? pickKey(index, kid, alg) : undefined;
    },
    async resolve(kid: string, alg: GarAlgorithm) {
      const now = options.clock();
      const cooling = now - lastAttempt < options.cooldownMs;
      if (index && fresh(now)) {
        const key = pickKey(index, kid, alg);
        if (key) return key;
        if (cooling && !inflight) throw unknown();
      } else if (cooling && !inflight && lastError !== undefined) {
        throw new GarTokenError('jwks_unavailable', 'the key set could not be fetched recently', { cause: lastError });
      }
      await refresh();
      const key = index ? pickKey(index, kid, alg) : undefined;
      if (!key) throw unknown();
      return key;
    },
  };
}
