import { createLocalKeySet } from '../keys/local-key-set.js';
import type { KeySet } from '../keys/key-set.js';
import { createRemoteKeySet } from '../keys/remote-key-set.js';
import { createMemoryReplayStore } from '../replay/memory-replay-store.js';
import type { ReplayStore } from '../replay/replay-store.js';
import type { GarAlgorithm, VerifierOptions } from '../types/verifier-options.js';
import type { ClaimRules } from './check-claims.js';

/** The options checked and completed with defaults. */
export interface ResolvedOptions extends ClaimRules {
  readonly algorithms: ReadonlySet<string>;
  readonly keySet: KeySet;
  readonly replayStore: ReplayStore;
  readonly maxTokenLength: number;
  readonly clock: () => number;
}

const supported: readonly GarAlgorithm[] = ['ES256', 'RS256', 'EdDSA'];
const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

function fail(what: string): never {
  throw new TypeError(`createVerifier: ${what}`);
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) fail(`\`${name}\` must be a positive integer`);
  return value;
}

function checkJwksUri(value: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch (error) {
    throw new TypeError('createVerifier: `jwksUri` is not a URL', { cause: error });
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && loopback.has(url.hostname));
  if (!secure) fail('`jwksUri` must be https: (or http: on a loopback host)');
  return url.href;
}

/** Checks the caller's options; misuse throws `TypeError` at once, before any token is seen. */
export function resolveOptions(options: VerifierOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options are required');
  const { issuer, audience, algorithms } = options;
  if (typeof issuer !== 'string' || issuer.length === 0) fail('`issuer` is required');
  const audiences = typeof audience === 'string' ? [audience] : Array.isArray(audience) ? audience : [];
  if (audiences.length === 0 || audiences.some((a) => typeof a !== 'string' || a.length === 0)) {
    fail('`audience` is required: your resource id, or a non-empty array of them');
  }
  if (!Array.isArray(algorithms) || algorithms.length === 0) fail("`algorithms` is required, e.g. ['ES256']");
  for (const alg of algorithms) {
    if (!supported.includes(alg)) fail(`\`algorithms\` may only hold ${supported.join(', ')}`);
  }
  const clockTolerance = options.clockTolerance ?? 5;
  if (typeof clockTolerance !== 'number' || !(clockTolerance >= 0 && clockTolerance <= 60)) {
    fail('`clockTolerance` must be a number of seconds between 0 and 60');
  }
  const clock = options.clock ?? Date.now;
  if (typeof clock !== 'function') fail('`clock` must be a function');
  if ((options.jwksUri === undefined) === (options.keys === undefined))
    fail('give exactly one of `jwksUri` and `keys`');
  const fetchFn = options.fetch ?? globalThis.fetch;
  const keySet =
    options.jwksUri !== undefined
      ? createRemoteKeySet({
          url: checkJwksUri(options.jwksUri),
          fetch: typeof fetchFn === 'function' ? fetchFn : fail('no `fetch` available: pass one'),
          timeoutMs: positiveInteger(options.timeoutMs, 5_000, 'timeoutMs'),
          cooldownMs: positiveInteger(options.cooldownMs, 30_000, 'cooldownMs'),
          cacheMaxAgeMs: positiveInteger(options.cacheMaxAgeMs, 600_000, 'cacheMaxAgeMs'),
          maxBytes: positiveInteger(options.maxJwksBytes, 65_536, 'maxJwksBytes'),
          clock,
        })
      : createLocalKeySet(options.keys ?? fail('`keys` is required'));
  const replayStore = options.replayStore ?? createMemoryReplayStore({ clock });
  if (typeof replayStore.consume !== 'function') fail('`replayStore` must have a consume(jti, expiresAt) method');
  return {
    issuer,
    audiences: new Set(audiences),
    clockTolerance,
    algorithms: new Set(algorithms),
    keySet,
    replayStore,
    maxTokenLength: positiveInteger(options.maxTokenLength, 8_192, 'maxTokenLength'),
    clock,
  };
}
