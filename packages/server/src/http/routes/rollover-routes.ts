import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { GarService } from '../../create-gar-service.js';
import type { AppEnv } from '../app-env.js';
import { entUserAuth, operatorAuth } from '../bearer-auth.js';
import { json, problems } from '../openapi-parts.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const outcomeSchema = z
  .looseObject({
    uai: z.string(),
    year: z.string(),
    alreadyDone: z.boolean(),
    preview: z.boolean(),
    summary: z.record(z.string(), z.number()),
  })
  .meta({ id: 'RolloverOutcome' });
const query = z.object({ year: z.string().regex(/^\d{4}-\d{4}$/), preview: z.enum(['true', 'false']).optional() });

/**
 * The school-year rollover: `POST /api/v1/schools/{uai}/rollover?year=2026-2027&preview=true|false` (the school's
 * managers) and `POST /api/v1/admin/rollover?year=…&preview=…` (operator, every school). Preview is the default.
 */
export function mountRolloverRoutes(app: OpenAPIHono<AppEnv>, table: RouteTable, service: GarService): void {
  defineRoute(
    app,
    table,
    createRoute({
      method: 'post',
      path: '/api/v1/schools/{uai}/rollover',
      tags: ['Allocation console'],
      security: [{ entAssertion: [] }],
      summary: 'Rolls the school over to the school year that opens (preview=true by default: nothing is kept)',
      request: { params: z.object({ uai: z.string().min(1).max(45) }), query },
      responses: { 200: json(outcomeSchema, 'What it did or would do'), ...problems(400, 401, 403, 404) },
    }),
    entUserAuth(service),
    async (c) => {
      const o = await service.rollover.school(actorOf(c), c.req.param('uai') ?? '', c.req.query('year') ?? '', {
        preview: c.req.query('preview') !== 'false',
      });
      return c.json(o);
    },
  );
  defineRoute(
    app,
    table,
    createRoute({
      method: 'post',
      path: '/api/v1/admin/rollover',
      tags: ['Registry'],
      security: [{ operatorSecret: [] }],
      summary: 'Rolls every school over (preview=true by default)',
      request: { query },
      responses: { 200: json(z.object({ items: z.array(outcomeSchema) }), 'Per school'), ...problems(400, 401, 403) },
    }),
    operatorAuth(service),
    async (c) =>
      c.json({
        items: await service.rollover.all(actorOf(c), c.req.query('year') ?? '', {
          preview: c.req.query('preview') !== 'false',
        }),
      }),
  );
}
