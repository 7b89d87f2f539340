import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { GarService } from '../../create-gar-service.js';
import { GarServiceError } from '../../kernel/errors.js';
import { erasureReportPage, personDataPage } from '../../privacy/person-data-page.js';
import type { AppEnv } from '../app-env.js';
import { operatorAuth } from '../bearer-auth.js';
import { problems } from '../openapi-parts.js';
import { readQuery } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const params = z.object({ entId: z.string().min(1).max(64), personId: z.string().min(1).max(64) });
const query = z.strictObject({ format: z.enum(['json', 'html']).optional(), lang: z.enum(['fr', 'en']).optional() });
const tableSchema = z.object({
  table: z.string(),
  holds: z.enum(['person', 'pseudonym', 'transient', 'none']),
  why: z.string(),
  rows: z.array(z.record(z.string(), z.unknown())),
});
const exportSchema = z
  .object({
    entId: z.string(),
    personId: z.string(),
    generatedAt: z.string(),
    handoffRetentionMonths: z.int(),
    tables: z.array(tableSchema),
    notSearched: z.array(tableSchema.omit({ rows: true }).extend({ reason: z.string() })),
  })
  .meta({ id: 'PersonDataExport' });
const reportSchema = z
  .object({
    entId: z.string(),
    personId: z.string(),
    pseudonym: z.string(),
    erasedAt: z.string(),
    before: exportSchema,
    after: exportSchema,
  })
  .meta({ id: 'ErasureReport' });
const html = { 'text/html': { schema: z.string() } };

/** A page of the operator's: no cache, no referrer, and only its own inline styles. */
function htmlPage(c: Context<AppEnv>, body: string): Response {
  return c.html(body, 200, {
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  });
}

/**
 * The operator's data-protection routes: a person's access export (`GET …/data`) and their erasure with its report
 * (`POST …/erasure`), in JSON or, with `format=html`, as a printable page (`lang=fr|en`).
 */
export function mountPrivacyRoutes(app: OpenAPIHono<AppEnv>, table: RouteTable, service: GarService): void {
  const base = '/api/v1/admin/people/{entId}/{personId}';
  const ids = (c: Context<AppEnv>) => [c.req.param('entId') ?? '', c.req.param('personId') ?? ''] as const;
  // The query is read before anything is done: a bad `format` must not cost an erasure.
  const options = (c: Context<AppEnv>) => {
    const q = readQuery(c);
    if (!q.ok) return q;
    const parsed = query.safeParse(q.value);
    if (!parsed.success) throw new GarServiceError('validation', 'format is json or html, lang is fr or en');
    return { ok: true as const, format: parsed.data.format ?? 'json', lang: parsed.data.lang ?? 'fr' };
  };
  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: `${base}/data`,
      tags: ['Data protection'],
      security: [{ operatorSecret: [] }],
      summary: 'A person’s access export (droit d’accès): every record of every table that holds them',
      request: { params, query },
      responses: {
        200: {
          description: 'The export (JSON), or a printable page with `format=html`',
          content: { 'application/json': { schema: exportSchema }, ...html },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    operatorAuth(service),
    async (c) => {
      const o = options(c);
      if (!o.ok) return o.response;
      const data = await service.privacy.exportPerson(actorOf(c), ...ids(c));
      return o.format === 'html' ? htmlPage(c, personDataPage(data, o.lang)) : c.json(data);
    },
  );
  defineRoute(
    app,
    table,
    createRoute({
      method: 'post',
      path: `${base}/erasure`,
      tags: ['Data protection'],
      security: [{ operatorSecret: [] }],
      summary: 'Erases a person now and reports it: their data before, and what the rules keep after',
      request: { params, query },
      responses: {
        200: {
          description: 'The report (JSON), or a printable page with `format=html`',
          content: { 'application/json': { schema: reportSchema }, ...html },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    operatorAuth(service),
    async (c) => {
      const o = options(c);
      if (!o.ok) return o.response;
      const report = await service.privacy.erasePerson(actorOf(c), ...ids(c));
      return o.format === 'html' ? htmlPage(c, erasureReportPage(report, o.lang)) : c.json(report);
    },
  );
}
