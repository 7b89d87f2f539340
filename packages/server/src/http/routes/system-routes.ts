import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { GarService } from '../../create-gar-service.js';
import type { AppEnv } from '../app-env.js';
import { renderDocsPage } from '../docs-page.js';
import { renderRootPage, rootPageLang } from '../root-page.js';
import { json, problems } from '../openapi-parts.js';
import { problemResponse } from '../problem-response.js';
import { defineRoute, type RouteTable } from '../route-table.js';

const statusSchema = z.object({ status: z.enum(['ok']) });
const readySchema = z.object({
  status: z.enum(['ok', 'degraded']),
  degraded: z
    .array(
      z.object({
        dependency: z.enum(['ent-jwks']),
        entId: z.string(),
        state: z.enum(['stale', 'unavailable']),
        since: z.string(),
        staleUntil: z.string().optional(),
      }),
    )
    .optional()
    .openapi({
      description:
        'ENTs whose key set cannot be fetched: still verified with the last good keys (`stale`), or not at all (`unavailable`).',
    }),
});

const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Health, readiness, the OpenAPI document and its reference page. */
export function mountSystemRoutes(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  service: GarService,
  version: string,
): void {
  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['System'],
      summary: 'Liveness',
      responses: { 200: json(statusSchema, 'Alive') },
    }),
    (c) => c.json({ status: 'ok' as const }),
  );
  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/readyz',
      tags: ['System'],
      summary: 'Readiness: the store answers; `degraded` names ENTs whose key set cannot be fetched',
      responses: { 200: json(readySchema, 'Ready (possibly degraded: still serving)'), ...problems(503) },
    }),
    async (c) => {
      if (!(await service.ready())) {
        return problemResponse({
          code: 'unavailable',
          status: 503,
          detail: 'the store does not answer',
          requestId: c.get('requestId'),
          instance: c.req.path,
        });
      }
      // Degraded is still ready: other ENTs are served, and the stale ENT too until its window ends.
      const degraded = service.identity.degradedKeySets().map((d) => ({ dependency: 'ent-jwks' as const, ...d }));
      return c.json(degraded.length === 0 ? { status: 'ok' as const } : { status: 'degraded' as const, degraded }, 200);
    },
  );

  const document = () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'opengar',
        version,
        description:
          'The reference GAR service: the médiacentre listing, the hand-off to resources (signed token or CAS 3.0), allocation, usage statistics, the subscription web service for publishers, directory feeds and the operator’s registry. Guides: https://github.com/opengar/opengar/tree/main/docs.',
      },
      servers: [{ url: service.issuer }],
    });
  let cached: ReturnType<typeof document> | undefined;
  const openapi = () => (cached ??= withSecuritySchemes(document()));

  defineRoute(app, table, { method: 'get', path: '/openapi.json', hide: true, responses: {} }, (c) =>
    c.json(openapi()),
  );
  defineRoute(app, table, { method: 'get', path: '/docs', hide: true, responses: {} }, (c) => {
    c.header('content-security-policy', DOCS_CSP);
    c.header('x-content-type-options', 'nosniff');
    return c.html(renderDocsPage(openapi()));
  });
  // The root: a small page (fr/en) pointing at the reference and the health checks, rather than a JSON 404.
  defineRoute(app, table, { method: 'get', path: '/', hide: true, responses: {} }, (c) => {
    c.header('content-security-policy', DOCS_CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('content-language', rootPageLang(c.req.query('lang'), c.req.header('accept-language')));
    return c.html(renderRootPage(rootPageLang(c.req.query('lang'), c.req.header('accept-language')), version));
  });
}

function withSecuritySchemes<T extends { components?: object }>(doc: T): T {
  return {
    ...doc,
    components: {
      ...doc.components,
      securitySchemes: {
        ...(doc.components as { securitySchemes?: object } | undefined)?.securitySchemes,
        entAssertion: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT (typ gar-ent+jwt)',
          description: 'ENT user assertion',
        },
        operatorSecret: { type: 'http', scheme: 'bearer', description: 'Operator secret' },
      },
    },
  };
}
