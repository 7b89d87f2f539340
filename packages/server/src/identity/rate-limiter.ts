import type { RateStore } from '../store/types.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Logger } from '../kernel/logger.js';
import type { Clock } from '../kernel/types.js';

/**
 * Limits of the front door, counted in fixed windows in the store (so every instance on one database shares them).
 * A limit of 0 turns that limit off.
 *
 * @example
 * ```ts
 * createGarService({ store, issuer, rateLimits: { failuresPerAddress: 20, windowS: 60 } });
 * ```
 */
export interface RateLimits {
  /** Length of a window, in seconds (default 60). */
  windowS: number;
  /** Credential failures (bad secret, API key, client or user assertion) per client address and window (default 60). */
  failuresPerAddress: number;
  /**
   * Failures per credential and window (default 30): per secret or API key presented, per ENT for a client
   * assertion, per ENT user for a user assertion.
   */
  failuresPerCredential: number;
  /** Unauthenticated launches (`GET /launch`, `GET /cas/login`) per client address and window (default 1,200). */
  launchesPerAddress: number;
}

/**
 * The defaults: generous, since only failures are counted against an address (a school behind one NAT address
 * makes many successful calls, never throttled) and a launch start costs no write.
 *
 * @example
 * ```ts
 * DEFAULT_RATE_LIMITS.failuresPerAddress; // 60
 * ```
 */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = Object.freeze({
  windowS: 60,
  failuresPerAddress: 60,
  failuresPerCredential: 30,
  launchesPerAddress: 1200,
});

/**
 * Who is calling, as the listener saw it; `address` is `undefined` when unknown (a test calling `app.request()`, a
 * runtime without sockets), and then only per-credential limits apply.
 *
 * @example
 * ```ts
 * await service.identity.authenticateOperator(secret, { address: '203.0.113.7' });
 * ```
 */
export interface RequestClient {
  address?: string | undefined;
}

/**
 * What a failed credential is counted against.
 *
 * @example
 * ```ts
 * const scope: FailureScope = { client: { address: '203.0.113.7' }, credential: 'user:ENT1:eleve-1' };
 * ```
 */
export interface FailureScope {
  client?: RequestClient | undefined;
  /** A stable, secret-free name of the credential (a hash of a secret, `ent:ENT1`, `user:ENT1:eleve-1`). */
  credential?: string | undefined;
}

/**
 * The service's rate limiter (`service.identity.rateLimiter`).
 *
 * @example
 * ```ts
 * const user = await limiter.guard({ client, credential }, () => verifyEntAssertion(token, deps));
 * await limiter.admitLaunch(client); // throws `too-many-requests` past the limit
 * ```
 */
export interface RateLimiter {
  readonly limits: Readonly<RateLimits>;
  /**
   * Runs a credential check; if it fails (`unauthenticated`, `token-expired`, `forbidden`), counts the failure and,
   * past a limit, throws `too-many-requests` instead. Successes cost nothing. From an address this instance knows is over
   * its limit, at most two checks run at once; more are refused (`too-many-requests`) before any store read.
   */
  guard<T>(scope: FailureScope, check: () => Promise<T>): Promise<T>;
  /** Counts an unauthenticated launch start; throws `too-many-requests` past the limit. */
  admitLaunch(client: RequestClient | undefined): Promise<void>;
}

/** Failures that count: a credential that did not verify, not an unavailable dependency. */
const COUNTED = new Set(['unauthenticated', 'token-expired', 'forbidden']);
/** Most windows remembered as full by one instance; beyond that, the store is asked again. */
const MAX_KNOWN_FULL = 10_000;
/**
 * Credential checks in flight at once, per instance, from an address over its failure limit; more are refused at once,
 * before any store read, so a flood from a limited address costs (nearly) nothing while a user behind the same NAT
 * address, checking one credential at a time, still gets through.
 */
const MAX_IN_FLIGHT_WHEN_LIMITED = 2;

/**
 * Creates the rate limiter: one `hit` per counted event (the counters of one event go in parallel), none for a
 * window this instance already knows is full, so a limited client costs no store write at all.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ store, clock, logger });
 * const op = await limiter.guard({ client, credential }, () => verifyOperator(secret, store));
 * ```
 */
export function createRateLimiter(options: {
  store: RateStore;
  clock: Clock;
  logger: Logger;
  limits?: Partial<RateLimits> | undefined;
}): RateLimiter {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...options.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`rateLimits.${name} must be a non-negative integer`);
  }
  if (limits.windowS === 0) throw new TypeError('rateLimits.windowS must be positive');
  const windowMs = limits.windowS * 1000;
  // key → end of the window (ms) this instance saw full; memory only, the store stays the truth.
  const knownFull = new Map<string, number>();
  const inFlight = new Map<string, number>();

  /** Seconds left in the window `key` is known (by this instance) to have filled, or `undefined`. */
  function fullFor(key: string, now: number): number | undefined {
    const until = knownFull.get(key);
    return until !== undefined && until > now ? Math.max(1, Math.ceil((until - now) / 1000)) : undefined;
  }

  /** Counts one event against `key`; returns the seconds to wait when the window is over `limit`. */
  async function count(key: string, limit: number, now: number): Promise<number | undefined> {
    const start = Math.floor(now / windowMs) * windowMs;
    const end = start + windowMs;
    const retry = Math.max(1, Math.ceil((end - now) / 1000));
    const full = knownFull.get(key);
    if (full !== undefined) {
      if (full > now) return retry;
      knownFull.delete(key);
    }
    const n = await options.store.hit(key, new Date(start).toISOString(), new Date(end).toISOString());
    if (n <= limit) return undefined;
    if (knownFull.size >= MAX_KNOWN_FULL) for (const [k, until] of knownFull) if (until <= now) knownFull.delete(k);
    if (knownFull.size < MAX_KNOWN_FULL) knownFull.set(key, end);
    // Once per key, window and instance (later events stop at `knownFull`): an attack shows without a line per request.
    const [kind, ...rest] = key.split(':');
    options.logger.warn('rate_limited', {
      limit: kind,
      windowS: limits.windowS,
      ...(kind === 'fail-cred' ? {} : { address: rest.join(':') }),
    });
    return retry;
  }

  function refuse(retryAfterS: number, cause?: unknown): GarServiceError {
    return new GarServiceError('too-many-requests', `too many attempts; retry in ${retryAfterS} s`, {
      retryAfterS,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  /** Runs a credential check and counts its failure (per address, per credential): `too-many-requests` past a limit. */
  async function counted<T>(scope: FailureScope, check: () => Promise<T>): Promise<T> {
    try {
      return await check();
    } catch (err) {
      if (!(err instanceof GarServiceError) || !COUNTED.has(err.code)) throw err;
      const now = options.clock.now().getTime();
      const address = scope.client?.address;
      // Already refused for its address: counting the credential too would only cost a write per attempt.
      const addressFull = address === undefined ? undefined : fullFor(`fail-addr:${address}`, now);
      if (addressFull !== undefined) throw refuse(addressFull, err);
      const waits = await Promise.all([
        address !== undefined && limits.failuresPerAddress > 0
          ? count(`fail-addr:${address}`, limits.failuresPerAddress, now)
          : undefined,
        scope.credential !== undefined && limits.failuresPerCredential > 0
          ? count(`fail-cred:${scope.credential}`, limits.failuresPerCredential, now)
          : undefined,
      ]);
      const wait = Math.max(...waits.map((w) => w ?? 0));
      if (wait > 0) throw refuse(wait, err);
      throw err;
    }
  }

  return {
    limits,
    async guard(scope, check) {
      const address = scope.client?.address;
      const addressKey = address !== undefined && limits.failuresPerAddress > 0 ? `fail-addr:${address}` : undefined;
      const limitedFor = addressKey === undefined ? undefined : fullFor(addressKey, options.clock.now().getTime());
      if (addressKey === undefined || limitedFor === undefined) return counted(scope, check);
      const running = inFlight.get(addressKey) ?? 0;
      if (running >= MAX_IN_FLIGHT_WHEN_LIMITED) throw refuse(limitedFor);
      inFlight.set(addressKey, running + 1);
      try {
        return await counted(scope, check);
      } finally {
        const left = (inFlight.get(addressKey) ?? 1) - 1;
        if (left > 0) inFlight.set(addressKey, left);
        else inFlight.delete(addressKey);
      }
    },
    async admitLaunch(client) {
      const address = client?.address;
      if (address === undefined || limits.launchesPerAddress === 0) return;
      const wait = await count(`launch-addr:${address}`, limits.launchesPerAddress, options.clock.now().getTime());
      if (wait !== undefined) throw refuse(wait);
    },
  };
}
