import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { releasedDataQuerySchema, releasedDataSchema, schoolReleasedDataSchema } from '@opengar/core';
import type { GarService } from '../../create-gar-service.js';
import type { AppEnv } from '../app-env.js';
import { entUserAuth } from '../bearer-auth.js';
import { json, problems } from '../openapi-parts.js';
import { readQuery } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const security = [{ entAssertion: [] }];

/**
 * « Données transmises »: `GET /api/v1/me/released-data` (what a resource receives about the caller) and
 * `GET /api/v1/schools/{uai}/released-data` (per resource of a school, for its managers). Mounted after the médiacentre
 * and console routes, whose CORS and `no-store` apply.
 */
export function mountReleasedDataRoutes(app: OpenAPIHono<AppEnv>, table: RouteTable, service: GarService): void {
  const auth = entUserAuth(service);
  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/me/released-data',
      tags: ['Médiacentre'],
      summary: 'What a resource receives about the caller (« données transmises »)',
      description:
        'The names of the attributes the hand-off would release to `resource` if the caller opened it now from `uai`, computed by the hand-off’s own release function, and how to address the caller (`tu` for a pupil).',
      security,
      request: { query: releasedDataQuerySchema },
      responses: { 200: json(releasedDataSchema, 'The attributes released'), ...problems(400, 401, 403, 404) },
    }),
    auth,
    async (c) => {
      const q = readQuery(c);
      if (!q.ok) return q.response;
      return c.json(await service.mediacentre.releasedData(actorOf(c), q.value));
    },
  );
  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/schools/{uai}/released-data',
      tags: ['Allocation console'],
      summary: 'Per resource of the school, what it receives about pupils and staff',
      security,
      request: { params: z.object({ uai: z.string().min(1).max(45) }) },
      responses: { 200: json(schoolReleasedDataSchema, 'Per resource'), ...problems(401, 403, 404) },
    }),
    auth,
    async (c) => c.json(await service.allocation.releasedData(actorOf(c), c.req.param('uai') ?? '')),
  );
}
