import type { Actor } from '../kernel/types.js';

/**
 * Hono environment of the app: the request id and, once authenticated, the caller. Type extra routes with it.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * const routes = new Hono<AppEnv>().get('/x', (c) => c.text(c.get('requestId')));
 * createHttpApp(service, { routes: [routes] });
 * ```
 */
export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor | undefined;
    /** The client's address as limits count it (the socket's peer, or a trusted proxy's `X-Forwarded-For`). */
    clientAddress: string | undefined;
  };
}
