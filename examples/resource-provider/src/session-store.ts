import type { GarClaims } from '@opengar/verifier';

/** One signed-in user of the resource: the verified claims and when the session ends. */
export interface Session {
  readonly claims: GarClaims;
  readonly expiresAt: number;
}

/**
 * The provider's own server-side sessions, keyed by an opaque random id (256 bits). Sessions expire after `ttlMs`;
 * at most `maxSessions` are kept (the oldest go first).
 *
 * @example
 * ```ts
 * const sessions = createSessionStore({ ttlMs: 3_600_000 });
 * const id = sessions.open(claims);
 * sessions.get(id)?.claims.NOM;
 * ```
 */
export interface SessionStore {
  open(claims: GarClaims): string;
  get(id: string): Session | undefined;
  close(id: string): void;
}

/**
 * Options of {@link createSessionStore}.
 *
 * @example
 * ```ts
 * const options: SessionStoreOptions = { ttlMs: 8 * 3_600_000, maxSessions: 10_000 };
 * ```
 */
export interface SessionStoreOptions {
  readonly ttlMs?: number;
  readonly maxSessions?: number;
  readonly clock?: () => number;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * An in-memory {@link SessionStore} (one process; use a shared store in production).
 *
 * @example
 * ```ts
 * const sessions = createSessionStore();
 * ```
 */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const ttlMs = options.ttlMs ?? 8 * 3_600_000;
  const maxSessions = options.maxSessions ?? 10_000;
  const clock = options.clock ?? Date.now;
  const sessions = new Map<string, Session>();
  let lastSweep = -Infinity;
  return {
    open(claims) {
      const now = clock();
      if (now - lastSweep > 60_000) {
        lastSweep = now;
        for (const [id, s] of sessions) if (s.expiresAt <= now) sessions.delete(id);
      }
      while (sessions.size >= maxSessions) {
        const oldest = sessions.keys().next().value;
        if (oldest === undefined) break;
        sessions.delete(oldest);
      }
      const id = randomId();
      sessions.set(id, { claims, expiresAt: now + ttlMs });
      return id;
    },
    get(id) {
      const session = sessions.get(id);
      if (!session) return undefined;
      if (session.expiresAt <= clock()) {
        sessions.delete(id);
        return undefined;
      }
      return session;
    },
    close(id) {
      sessions.delete(id);
    },
  };
}
