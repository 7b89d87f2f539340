import { jwksSchema, type Ent } from '@opengar/core';
import { createLocalJWKSet, errors, type JWTVerifyGetKey, type JSONWebKeySet } from 'jose';
import { GarServiceError } from '../service/errors.js';
import type { Clock, JwksFetchOptions } from '../service/types.js';

type LocalSet = ReturnType<typeof createLocalJWKSet>;

interface Fetched {
  set: LocalSet;
  fetchedAt: number;
}

const ASYMMETRIC = new Set(['EC', 'RSA', 'OKP']);
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

/** Keeps only public asymmetric keys: a symmetric or private key in an ENT's set is never used. */
function publicKeys(jwks: { keys: Record<string, unknown>[] }): JSONWebKeySet {
  const keys = jwks.keys.filter((k) => typeof k.kty === 'string' && ASYMMETRIC.has(k.kty) && !PRIVATE_MEMBERS.some((m) => m in k));
  return { keys: keys as JSONWebKeySet['keys'] };
}

async function readLimited(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new Error('key set too large');
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error('key set too large');
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** Resolves the verification key of an ENT's token from its inline JWKS or its (cached) JWKS URL. */
export interface EntKeySets {
  /** A jose key resolver for one ENT. */
  resolverFor(ent: Ent): JWTVerifyGetKey;
}

/**
 * Key sets of ENTs: inline sets are used as registered; remote sets are fetched over https with a timeout and a size
 * limit, cached, and refetched on an unknown key id at most once per cooldown; a failing URL is not asked again
 * before the cooldown.
 *
 * @example
 * ```ts
 * const keySets = createEntKeySets({ clock, fetch });
 * await jwtVerify(token, keySets.resolverFor(ent), options);
 * ```
 */
export function createEntKeySets(options: JwksFetchOptions & { clock: Clock }): EntKeySets {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const cacheMs = options.cacheMs ?? 10 * 60_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const inline = new Map<string, { json: string; set: LocalSet }>();
  const remote = new Map<string, Promise<Fetched>>();
  const failedAt = new Map<string, number>();

  async function download(uri: string): Promise<Fetched> {
    try {
      const res = await doFetch(uri, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const parsed = jwksSchema.safeParse(JSON.parse(await readLimited(res, maxBytes)));
      if (!parsed.success) throw new Error('not a JWKS');
      return { set: createLocalJWKSet(publicKeys(parsed.data)), fetchedAt: options.clock.now().getTime() };
    } catch (cause) {
      throw new GarServiceError('unavailable', 'the ENT’s key set could not be fetched', { cause });
    }
  }

  function refresh(uri: string): Promise<Fetched> {
    // A failing URL is not asked again before the cooldown: bad tokens must not turn us into a load generator.
    const failed = failedAt.get(uri);
    if (failed !== undefined && options.clock.now().getTime() - failed < cooldownMs) {
      return Promise.reject(new GarServiceError('unavailable', 'the ENT’s key set could not be fetched recently'));
    }
    const p = download(uri);
    remote.set(uri, p);
    p.then(
      () => failedAt.delete(uri),
      () => {
        remote.delete(uri);
        failedAt.set(uri, options.clock.now().getTime());
      },
    );
    return p;
  }

  async function current(uri: string): Promise<Fetched> {
    const cached = remote.get(uri);
    if (cached) {
      const entry = await cached;
      if (options.clock.now().getTime() - entry.fetchedAt < cacheMs) return entry;
    }
    return refresh(uri);
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
        const entry = await current(uri);
        try {
          return await entry.set(header, token);
        } catch (e) {
          if (!(e instanceof errors.JWKSNoMatchingKey) || options.clock.now().getTime() - entry.fetchedAt < cooldownMs) throw e;
          return (await refresh(uri)).set(header, token);
        }
      };
    },
  };
}
