import type { MiddlewareHandler } from 'hono';
import type { GarService } from '../create-gar-service.js';
import type { AppEnv } from './app-env.js';
import { problemResponse } from './problem-response.js';
import type { entUserAuth } from './bearer-auth.js';

const ALLOWED_METHODS = 'GET, PUT';
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Request-Id';

function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'X-Request-Id',
    vary: 'Origin',
  };
}

/**
 * CORS for the routes an ENT's widget calls with a user assertion. A preflight is answered for origins some ENT
 * registered; answers carry CORS headers only for the origins of the assertion's ENT (refusing other origins is
 * {@link entUserAuth}'s job, before the handler runs); unknown origins never get CORS headers.
 */
export function entCors(service: GarService, methods: string = ALLOWED_METHODS): MiddlewareHandler<AppEnv> {
  const ownOrigin = new URL(service.issuer).origin;
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      if (origin === undefined || !c.req.header('access-control-request-method')) {
        return new Response(null, { status: 204, headers: { allow: `${methods}, OPTIONS` } });
      }
      if (!(await service.identity.isAllowedOrigin(origin))) {
        return problemResponse({
          code: 'forbidden',
          status: 403,
          detail: 'origin not registered',
          requestId: c.get('requestId'),
          instance: c.req.path,
        });
      }
      return new Response(null, {
        status: 204,
        headers: {
          ...corsHeaders(origin),
          'access-control-allow-methods': methods,
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': '600',
        },
      });
    }
    await next();
    if (origin === undefined || origin === ownOrigin) return;
    const actor = c.get('actor');
    const allowed =
      actor?.kind === 'ent-user'
        ? await service.identity.isAllowedOrigin(origin, actor.entId)
        : await service.identity.isAllowedOrigin(origin);
    if (!allowed) return;
    for (const [k, v] of Object.entries(corsHeaders(origin))) c.res.headers.set(k, v);
  };
}
