import type { ReplayStore } from './replay-store.js';

/**
 * Options of {@link createMemoryReplayStore}.
 *
 * @example
 * ```ts
 * const options: MemoryReplayStoreOptions = { maxEntries: 50_000 };
 * ```
 */
export interface MemoryReplayStoreOptions {
  /** Most `jti`s remembered at once; when full (after forgetting expired ones), new tokens are refused. Default 100 000. */
  readonly maxEntries?: number;
  /** Current time in milliseconds since the epoch. Default `Date.now`. */
  readonly clock?: () => number;
}

const sweepEveryMs = 5_000;

/**
 * The default {@link ReplayStore}: a `Map` from `jti` to its expiry, forgotten once the token has expired, so memory
 * stays bounded by the tokens of the last two minutes or so. It fails closed: when `maxEntries` live tokens are
 * remembered, `consume` answers `false` (the verifier then refuses with `replayed`) rather than forget a live one.
 * It serves one process; use a shared store (Redis, SQL) behind a load balancer.
 *
 * @example
 * ```ts
 * const verifier = createVerifier({ ...options, replayStore: createMemoryReplayStore({ maxEntries: 10_000 }) });
 * ```
 */
export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError('createMemoryReplayStore: maxEntries must be a positive integer');
  }
  const clock = options.clock ?? Date.now;
  const seen = new Map<string, number>();
  let lastSweep = -Infinity;

  const sweep = (nowS: number): void => {
    for (const [jti, expiresAt] of seen) if (expiresAt <= nowS) seen.delete(jti);
  };

  return {
    consume(jti, expiresAt) {
      const nowMs = clock();
      const nowS = nowMs / 1000;
      if (nowMs - lastSweep >= sweepEveryMs || seen.size >= maxEntries) {
        lastSweep = nowMs;
        sweep(nowS);
      }
      const known = seen.get(jti);
      if (known !== undefined && known > nowS) return Promise.resolve(false);
      if (known === undefined && seen.size >= maxEntries) return Promise.resolve(false);
      seen.set(jti, expiresAt);
      return Promise.resolve(true);
    },
  };
}
