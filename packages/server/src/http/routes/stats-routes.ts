import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import {
  allocationStatsSchema,
  nationalStatsQuerySchema,
  nationalStatsSchema,
  qualityQuerySchema,
  qualitySchema,
  schoolStatsQuerySchema,
  schoolStatsSchema,
  statsYearQuerySchema,
  unusedStatsSchema,
  type StatsTable,
} from '@opengar/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { GarService } from '../../create-gar-service.js';
import { csvField, tableCsv } from '../../stats/stats-tables.js';
import type { AppEnv } from '../app-env.js';
import { entUserAuth, operatorAuth } from '../bearer-auth.js';
import { problems } from '../openapi-parts.js';
import { readQuery } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const BASE = '/api/v1/schools/{uai}/stats';
const tags = ['Statistics'];
const uaiParam = z.object({ uai: z.string().min(1).max(45) });
const csvNote = ' With `format=csv`, the same figures as `text/csv` (hidden ones as their band).';

const jsonOrCsv = (schema: z.ZodType, description: string): RouteConfig['responses'][string] => ({
  description,
  content: { 'application/json': { schema }, 'text/csv': { schema: z.string() } },
});

function csv(c: Context<AppEnv>, body: string, name: string): Response {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.csv"`,
  });
}

/**
 * Records every answer's status and latency into the service's health counters (per day; nothing about the caller).
 * Mounted first, so that it sees every route.
 */
export function serviceMetricsMiddleware(
  service: GarService,
  monotonic: () => number = () => performance.now(),
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = monotonic();
    try {
      await next();
    } finally {
      service.stats.serviceMetrics.record({
        path: c.req.path,
        status: c.res.status,
        ms: Math.max(0, monotonic() - started),
      });
    }
  };
}

/**
 * Statistics routes: `GET /api/v1/schools/{uai}/stats` (and `/allocations`, `/unused`, `/quality`) for a school's
 * managers and delegates (ENT user assertion), `GET /api/v1/admin/stats/national` for operators. Every figure is under
 * disclosure control, in JSON and CSV alike.
 */
export function mountStatsRoutes(app: OpenAPIHono<AppEnv>, table: RouteTable, service: GarService): void {
  const ent = entUserAuth(service);
  const operator = operatorAuth(service);
  const uai = (c: Context<AppEnv>) => c.req.param('uai') ?? '';
  const security = [{ entAssertion: [] }];
  const school = (
    path: string,
    summary: string,
    query: z.ZodObject,
    schema: z.ZodType,
    handler: (c: Context<AppEnv>, q: Record<string, string>) => Promise<Response>,
  ) =>
    defineRoute(
      app,
      table,
      createRoute({
        method: 'get',
        path: `${BASE}${path}`,
        tags,
        security,
        summary,
        request: { params: uaiParam, query },
        responses: { 200: jsonOrCsv(schema, 'The statistics'), ...problems(400, 401, 403, 404) },
      }),
      ent,
      async (c) => {
        const q = readQuery(c);
        if (!q.ok) return q.response;
        return handler(c, q.value as Record<string, string>);
      },
    );

  school(
    '',
    `Accesses and distinct people on the fixed grid (a month or a school year), by resource, profile or division.${csvNote}`,
    schoolStatsQuerySchema,
    schoolStatsSchema,
    async (c, q) => {
      const s = await service.stats.school(actorOf(c), uai(c), q);
      return q.format === 'csv' ? csv(c, tableCsv(s.table, s.by), `stats-${s.uai}-${s.period}-${s.by}`) : c.json(s);
    },
  );
  school(
    '/allocations',
    `Copies allocated and used per subscription and audience.${csvNote}`,
    statsYearQuerySchema,
    allocationStatsSchema,
    async (c, q) => {
      const s = await service.stats.allocations(actorOf(c), uai(c), q);
      const both = (t: StatsTable, what: string) =>
        tableCsv(
          { ...t, rows: t.rows.map((r) => ({ key: `${what}:${r.key}`, label: r.label })) },
          'subscription',
          'audience',
        );
      return q.format === 'csv'
        ? csv(
            c,
            both(s.allocated, 'allocated') + both(s.used, 'used').split('\r\n').slice(1).join('\r\n'),
            `allocations-${s.uai}`,
          )
        : c.json(s);
    },
  );
  school(
    '/unused',
    'Subscriptions never opened, and opened by few (bands, not counts).',
    statsYearQuerySchema,
    unusedStatsSchema,
    async (c, q) => {
      const s = await service.stats.unused(actorOf(c), uai(c), q);
      if (q.format !== 'csv') return c.json(s);
      const lines = ['list,subscription,resource,label,allocatedCopies,people'];
      const f = (v: string | number) => (typeof v === 'number' ? String(v) : csvField(v));
      for (const x of s.neverOpened)
        lines.push(
          ['never-opened', f(x.subscriptionId), f(x.resourceId), f(x.resourceLabel), f(x.allocatedCopies), '0'].join(
            ',',
          ),
        );
      for (const x of s.openedByFew)
        lines.push(
          [
            'opened-by-few',
            f(x.subscriptionId),
            f(x.resourceId),
            f(x.resourceLabel),
            f(x.allocatedCopies),
            f(x.people),
          ].join(','),
        );
      return csv(c, lines.join('\r\n') + '\r\n', `unused-${s.uai}`);
    },
  );
  school(
    '/quality',
    'Hand-off successes and refusals per resource and day, the service’s health, and resource probes.',
    qualityQuerySchema,
    qualitySchema,
    async (c, q) => {
      const s = await service.stats.quality(actorOf(c), uai(c), q);
      if (q.format !== 'csv') return c.json(s);
      const lines = ['day,resource,outcome,reason,count'];
      for (const h of s.handoffs) {
        lines.push([h.day, csvField(h.resourceId), 'success', '', String(h.successes)].join(','));
        for (const [reason, n] of Object.entries(h.refusals))
          lines.push([h.day, csvField(h.resourceId), 'refused', csvField(reason), String(n)].join(','));
      }
      return csv(c, lines.join('\r\n') + '\r\n', `quality-${s.uai}-${s.month}`);
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/admin/stats/national',
      tags,
      security: [{ operatorSecret: [] }],
      summary: `National aggregates per académie, profile or degree and month (operators only).${csvNote}`,
      request: { query: nationalStatsQuerySchema },
      responses: { 200: jsonOrCsv(nationalStatsSchema, 'The aggregates'), ...problems(400, 401, 403) },
    }),
    operator,
    async (c) => {
      const q = readQuery(c);
      if (!q.ok) return q.response;
      const value = q.value as Record<string, string>;
      const s = await service.stats.national(actorOf(c), value);
      return value.format === 'csv' ? csv(c, tableCsv(s.table, s.by), `national-${s.year}-${s.by}`) : c.json(s);
    },
  );
}
