import type { Context, MiddlewareHandler } from 'hono';
import type { GarService } from '../create-gar-service.js';
import type { Actor } from '../kernel/types.js';
import type { AppEnv } from './app-env.js';
import { requestClient } from './client-address.js';
import { problemForError, problemResponse } from './problem-response.js';

/** The bearer token of the request, or `undefined`; never logged. */
export function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  if (!header) return undefined;
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return m?.[1];
}

/** Middleware that authenticates the caller with `verify(bearer)` and stores the actor, or answers a 401/403 problem. */
function bearerAuth(verify: (token: string, c: Context<AppEnv>) => Promise<Actor>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    if (token === undefined) {
      return problemResponse({
        code: 'unauthenticated',
        status: 401,
        detail: 'a bearer credential is required',
        requestId: c.get('requestId'),
        instance: c.req.path,
      });
    }
    try {
      c.set('actor', await verify(token, c));
    } catch (err) {
      const response = problemForError(err, c.get('requestId'), c.req.path);
      if (!response) throw err;
      return response;
    }
    await next();
  };
}

/**
 * Requires an ENT user assertion; a browser call (with an `Origin` other than the service's own) must come from an
 * origin the assertion's ENT registered, or it is refused before the handler runs.
 */
export function entUserAuth(service: GarService): MiddlewareHandler<AppEnv> {
  const ownOrigin = new URL(service.issuer).origin;
  const verify = bearerAuth((t, c) => service.identity.authenticateEntUser(t, requestClient(c)));
  return (c, next) =>
    verify(c, async () => {
      const origin = c.req.header('origin');
      const actor = c.get('actor');
      if (
        origin !== undefined &&
        origin !== ownOrigin &&
        actor?.kind === 'ent-user' &&
        !(await service.identity.isAllowedOrigin(origin, actor.entId))
      ) {
        c.res = problemResponse({
          code: 'forbidden',
          status: 403,
          detail: 'origin not registered for this ENT',
          requestId: c.get('requestId'),
          instance: c.req.path,
        });
        return;
      }
      await next();
    });
}

/** Requires an operator secret. */
export function operatorAuth(service: GarService): MiddlewareHandler<AppEnv> {
  return bearerAuth((t, c) => service.identity.authenticateOperator(t, requestClient(c)));
}
