import { MAX_JSON_DEPTH, jsonDepth, jwksSchema, type Ent } from '@opengar/core';
import { createLocalJWKSet, errors, type JWTVerifyGetKey, type JSONWebKeySet } from 'jose';
import { readBoundedBody } from '../http/read-bounded-body.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Logger } from '../kernel/logger.js';
import type { Clock, JwksFetchOptions } from '../kernel/types.js';

type LocalSet = ReturnType<typeof createLocalJWKSet>;

interface Fetched {
  set: LocalSet;
  fetchedAt: number;
}

const ASYMMETRIC = new Set(['EC', 'RSA', 'OKP']);
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

/** Keeps only public asymmetric keys: a symmetric or private key in an ENT's set is never used. */
function publicKeys(jwks: { keys: Record<string, unknown>[] }): JSONWebKeySet {
  const keys = jwks.keys.filter(
    (k) => typeof k.kty === 'string' && ASYMMETRIC.has(k.kty) && !PRIVATE_MEMBERS.some((m) => m in k),
  );
  return { keys: keys as JSONWebKeySet['keys'] };
}

async function readLimited(res: Response, maxBytes: number): Promise<string> {
  const bytes = await readBoundedBody(res, maxBytes);
  if (!bytes) throw new Error('key set too large');
  return new TextDecoder().decode(bytes);
}

/**
 * An ENT whose remote key set could not be fetched lately.
 *
 * @example
 * ```ts
 * const d: DegradedKeySet = { entId: 'ENT1', state: 'stale', since: '2026-01-10T08:00:00Z', staleUntil: '2026-01-11T08:10:00Z' };
 * ```
 */
export interface DegradedKeySet {
  entId: string;
  /** `stale`: still verifying with the last good set, until `staleUntil`; `unavailable`: no usable set. */
  state: 'stale' | 'unavailable';
  /** When the first failed fetch of this outage happened. */
  since: string;
  staleUntil?: string;
}

/** Resolves the verification key of an ENT's token from its inline JWKS or its (cached) JWKS URL. */
export interface EntKeySets {
  /** A jose key resolver for one ENT. */
  resolverFor(ent: Ent): JWTVerifyGetKey;
  /** ENTs whose remote key set is in an outage (for `/readyz`). */
  degraded(): DegradedKeySet[];
}

/**
 * Key sets of ENTs: inline sets are used as registered; remote sets are fetched over https with a timeout and a size
 * limit, cached for `cacheMs`, and refetched on an unknown key id at most once per cooldown; a failing URL is not
 * asked again before the cooldown. When a refetch fails, the last good set keeps verifying for `staleMs` more
 * (default 24 h) while the service keeps trying in the background; the outage is logged once per ENT
 * (`jwks.unavailable`, then `jwks.recovered`) and shown by {@link EntKeySets.degraded}.
 *
 * @example
 * ```ts
 * const keySets = createEntKeySets({ clock, fetch, logger });
 * await jwtVerify(token, keySets.resolverFor(ent), options);
 * ```
 */
export function createEntKeySets(
  options: JwksFetchOptions & {
    clock: Clock;
    logger?: Logger;
    /** Whose keys, in the `unavailable` error's detail (default `the ENT’s`; e.g. `the LTI platform’s`). */
    owner?: string;
  },
): EntKeySets {
  const owner = options.owner ?? 'the ENT’s';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const cacheMs = options.cacheMs ?? 10 * 60_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const staleMs = options.staleMs ?? 24 * 3600_000;
  const now = () => options.clock.now().getTime();
  const inline = new Map<string, { json: string; set: LocalSet }>();
  const good = new Map<string, Fetched>();
  const inflight = new Map<string, Promise<Fetched>>();
  const failedAt = new Map<string, number>();
  const outages = new Map<string, { entId: string; since: number }>();

  async function download(uri: string): Promise<Fetched> {
    try {
      const res = await doFetch(uri, {
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const text = await readLimited(res, maxBytes);
      // An ENT's server is not trusted with our stack: a deeply nested set is refused before it is parsed.
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
        throw new Error(`key set nests more than ${MAX_JSON_DEPTH} levels`);
      const parsed = jwksSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error('not a JWKS');
      return { set: createLocalJWKSet(publicKeys(parsed.data)), fetchedAt: options.clock.now().getTime() };
    } catch (cause) {
      throw new GarServiceError('unavailable', `${owner} key set could not be fetched`, { cause });
    }
  }

  const usableUntil = (f: Fetched) => f.fetchedAt + cacheMs + staleMs;

  function refresh(uri: string, entId: string): Promise<Fetched> {
    const running = inflight.get(uri);
    if (running) return running;
    // A failing URL is not asked again before the cooldown: bad tokens must not turn us into a load generator.
    const failed = failedAt.get(uri);
    if (failed !== undefined && now() - failed < cooldownMs) {
      return Promise.reject(new GarServiceError('unavailable', `${owner} key set could not be fetched recently`));
    }
    const p = download(uri).then(
      (fetched) => {
        good.set(uri, fetched);
        failedAt.delete(uri);
        const outage = outages.get(uri);
        if (outage) {
          outages.delete(uri);
          options.logger?.info('jwks.recovered', {
            entId: outage.entId,
            outageS: Math.round((now() - outage.since) / 1000),
          });
        }
        return fetched;
      },
      (e: unknown) => {
        failedAt.set(uri, now());
        if (!outages.has(uri)) {
          outages.set(uri, { entId, since: now() });
          const last = good.get(uri);
          const staleUntil = last && usableUntil(last) > now() ? new Date(usableUntil(last)).toISOString() : undefined;
          // Once per ENT and outage; the URL stays out of the line (it may carry a token), the cause's name does not.
          options.logger?.warn('jwks.unavailable', {
            entId,
            cause: e instanceof Error && e.cause instanceof Error ? e.cause.name : 'unknown',
            ...(staleUntil ? { staleUntil } : {}),
          });
        }
        throw e;
      },
    );
    inflight.set(uri, p);
    p.finally(() => inflight.delete(uri)).catch(() => undefined);
    return p;
  }

  async function current(uri: string, entId: string): Promise<Fetched> {
    const last = good.get(uri);
    if (last && now() - last.fetchedAt < cacheMs) return last;
    if (last && now() < usableUntil(last)) {
      // Stale while revalidating: the answer never waits for the ENT, and an outage keeps the last good keys.
      refresh(uri, entId).catch(() => undefined);
      return last;
    }
    if (last) good.delete(uri);
    return refresh(uri, entId);
  }

  return {
    resolverFor(ent) {
      if (ent.jwks) {
        const json = JSON.stringify(ent.jwks);
        let entry = inline.get(ent.id);
        if (!entry || entry.json !== json) {
          entry = { json, set: createLocalJWKSet(publicKeys(ent.jwks)) };
          inline.set(ent.id, entry);
        }
        return entry.set;
      }
      const uri = ent.jwksUri;
      if (uri === undefined) {
        return () => Promise.reject(new GarServiceError('unauthenticated', 'the ENT has no registered keys'));
      }
      return async (header, token) => {
        const entry = await current(uri, ent.id);
        try {
          return await entry.set(header, token);
        } catch (e) {
          if (!(e instanceof errors.JWKSNoMatchingKey) || now() - entry.fetchedAt < cooldownMs) throw e;
          return (await refresh(uri, ent.id)).set(header, token);
        }
      };
    },
    degraded() {
      return [...outages].map(([uri, o]) => {
        const last = good.get(uri);
        const stale = last !== undefined && usableUntil(last) > now();
        return {
          entId: o.entId,
          state: stale ? ('stale' as const) : ('unavailable' as const),
          since: new Date(o.since).toISOString(),
          ...(stale ? { staleUntil: new Date(usableUntil(last)).toISOString() } : {}),
        };
      });
    },
  };
}
