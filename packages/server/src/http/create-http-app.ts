import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { problemPageForBrowsers } from '../handoff/browser-problem-page.js';
import { listingEtag } from '../handoff/listing-etag.js';
import type { GarService } from '../create-gar-service.js';
import { randomId } from '../kernel/crypto.js';
import type { Logger } from '../kernel/logger.js';
import type { AppEnv } from './app-env.js';
import { clientAddress } from './client-address.js';
import { problemForError, problemResponse } from './problem-response.js';
import { RouteTable } from './route-table.js';
import { mountAdminRoutes } from './routes/admin-routes.js';
import { mountSamlAdminRoutes } from './routes/saml-admin-routes.js';
import { mountFeedRoutes, type FeedRouteOptions } from './routes/feed-routes.js';
import { mountNotificationPreferenceRoutes } from './routes/notification-preference-routes.js';
import { mountNotificationRoutes } from './routes/notification-routes.js';
import { mountRolloverRoutes } from './routes/rollover-routes.js';
import { mountReleasedDataRoutes } from './routes/released-data-routes.js';
import { mountPrivacyRoutes } from './routes/privacy-routes.js';
import { mountMeRoutes } from './routes/me-routes.js';
import { mountClassroomRoutes } from './routes/classroom-routes.js';
import { mountPublisherRoutes } from './routes/publisher-routes.js';
import { mountConsoleDirectoryRoutes } from './routes/console-directory-routes.js';
import { mountSchoolRoutes } from './routes/school-routes.js';
import { mountStatsRoutes, serviceMetricsMiddleware } from './routes/stats-routes.js';
import { mountSystemRoutes } from './routes/system-routes.js';
import { mountWsAbonnementRoutes } from './routes/ws-abonnement-routes.js';
import { mountCatalogueRoutes } from './routes/catalogue-routes.js';
import { nfcRequest, urlTextGuard } from './url-text-guard.js';

/**
 * Options of {@link createHttpApp}.
 *
 * @example
 * ```ts
 * createHttpApp(service, { maxBodyBytes: 512 * 1024 });
 * ```
 */
export interface HttpAppOptions {
  /** Largest JSON body accepted (default 1 MiB); larger ones get a 413 problem. */
  maxBodyBytes?: number;
  /** Where request logs go (default: the service's logger). */
  logger?: Logger;
  /** Version shown in the OpenAPI document (default `0.1.0`). */
  version?: string;
  /**
   * More routes mounted at the root (the hand-off's, the subscription web service's…). They share the request ids,
   * logs and error handling, and a known path called with another method answers 405 with `Allow`.
   */
  routes?: readonly Hono<AppEnv>[];
  /** Directory-feed upload limits and the bundle reader (Node). */
  feeds?: FeedRouteOptions;
  /**
   * Behind this many trusted reverse proxies, the client address (rate limits) is read from `X-Forwarded-For`
   * (the entry the nearest trusted proxy appended); default 0: the socket's peer, the header ignored.
   */
  trustForwardedFor?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Creates the HTTP app of the GAR service (Hono, browser-safe): problem+json errors, request ids, structured logs,
 * CORS for ENT origins, and the routes of GAR-REFERENCE.md documented at `/openapi.json` and `/docs`. Serve it
 * with any fetch-style listener (`app.fetch`), or call `app.request()` in tests.
 *
 * @example
 * ```ts
 * const app = createHttpApp(createGarService({ store: createMemoryStore(), issuer }));
 * const res = await app.request('/healthz');
 * ```
 */
export function createHttpApp(service: GarService, options: HttpAppOptions = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const logger = options.logger ?? service.logger;
  const trustHops = options.trustForwardedFor ?? 0;
  if (!Number.isInteger(trustHops) || trustHops < 0)
    throw new TypeError('trustForwardedFor must be a non-negative integer');
  const app = new OpenAPIHono<AppEnv>();
  const table = new RouteTable();

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : randomId();
    c.set('requestId', requestId);
    c.set('actor', undefined);
    c.set('clientAddress', clientAddress(c, trustHops));
    const started = Date.now();
    await next();
    c.res.headers.set('x-request-id', requestId);
    logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
      actor: c.get('actor')?.kind ?? 'anonymous',
    });
  });

  // A browser navigation to a hand-off page that the URL guard refuses reads a page, not JSON (as the routes' own
  // refusals do).
  for (const path of ['/launch', '/launch/callback', '/launch/discover', '/cas/login', '/cas/logout'])
    app.use(path, problemPageForBrowsers());
  // Before every route: path and query values reach handlers (and stores) only once they follow the text rule.
  app.use('*', urlTextGuard());
  app.use('*', serviceMetricsMiddleware(service));
  mountSystemRoutes(app, table, service, options.version ?? '0.1.0');
  // Before the route: an ETag and 304 make reloading the médiacentre cheap, and a changed allocation shows at once.
  app.use('/api/v1/me/resources', listingEtag());
  mountMeRoutes(app, table, service, maxBodyBytes);
  mountAdminRoutes(app, table, service, maxBodyBytes);
  mountSamlAdminRoutes(app, table, service);
  mountSchoolRoutes(app, table, service, maxBodyBytes);
  mountConsoleDirectoryRoutes(app, table, service, maxBodyBytes);
  mountStatsRoutes(app, table, service);
  mountPublisherRoutes(app, table, service, maxBodyBytes);
  mountWsAbonnementRoutes(app, table, service);
  mountCatalogueRoutes(app, table, service);
  mountFeedRoutes(app, table, service, options.feeds);
  mountNotificationRoutes(app, table, service);
  mountNotificationPreferenceRoutes(app, table, service, maxBodyBytes);
  mountRolloverRoutes(app, table, service);
  mountClassroomRoutes(app, table, service, maxBodyBytes);
  mountReleasedDataRoutes(app, table, service);
  mountPrivacyRoutes(app, table, service);
  for (const sub of options.routes ?? []) {
    app.route('/', sub);
    for (const r of sub.routes)
      if (r.method !== 'ALL') table.add(r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}'), r.method);
  }

  app.notFound((c) => {
    const requestId = c.get('requestId');
    const allowed = table.allowed(c.req.path);
    if (allowed) {
      return problemResponse({
        code: 'method-not-allowed',
        status: 405,
        detail: `use ${allowed.join(', ')}`,
        requestId,
        instance: c.req.path,
        headers: { allow: allowed.join(', ') },
      });
    }
    return problemResponse({
      code: 'not-found',
      status: 404,
      detail: 'no such route',
      requestId,
      instance: c.req.path,
    });
  });

  // Ids in URLs are NFC like ids in bodies: `e` + combining accent and `é` name the same record.
  const dispatch = app.fetch;
  app.fetch = (request, env, ctx) => dispatch(nfcRequest(request), env, ctx);

  app.onError((err, c) => {
    const requestId = c.get('requestId');
    const known = problemForError(err, requestId, c.req.path);
    if (known) {
      if (known.status >= 500)
        logger.warn('dependency_unavailable', { requestId, error: err.name, cause: causeName(err) });
      return known;
    }
    logger.error('unhandled_error', { requestId, error: err.name, message: err.message, stack: err.stack });
    return problemResponse({
      code: 'internal',
      status: 500,
      detail: 'an internal error occurred; quote the request id to support',
      requestId,
      instance: c.req.path,
    });
  });

  return app;
}

function causeName(err: Error): string | undefined {
  return err.cause instanceof Error ? err.cause.name : undefined;
}

/** The Hono app made by {@link createHttpApp}. */
export type HttpApp = ReturnType<typeof createHttpApp>;
