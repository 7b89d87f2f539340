import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  allocationPreviewSchema,
  previewRequestSchema,
  managedSchoolListSchema,
  schoolDirectoryQuerySchema,
  schoolDirectorySchema,
} from '@opengar/core';
import type { GarService } from '../../create-gar-service.js';
import type { AppEnv } from '../app-env.js';
import { entUserAuth } from '../bearer-auth.js';
import { entCors } from '../ent-cors.js';
import { json, jsonBody, problems } from '../openapi-parts.js';
import { readJsonBody, readQuery } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const security = [{ entAssertion: [] }];
const tags = ['Allocation console'];
const uaiParam = z.object({ uai: z.string().min(1).max(45) });

/**
 * The allocation console's reading routes beside the allocation ones: the schools the caller manages, the school's
 * directory to pick targets from, and an allocation's preview. Mount after `mountSchoolRoutes`.
 */
export function mountConsoleDirectoryRoutes(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  service: GarService,
  maxBodyBytes: number,
): void {
  const auth = entUserAuth(service);
  // Mounted after the school routes, whose middleware (CORS, no-store) covers /api/v1/schools/*; the list needs its own.
  app.use('/api/v1/schools', entCors(service, 'GET'));
  app.use('/api/v1/schools', async (c, next) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
  });

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/schools',
      tags,
      security,
      summary: 'The schools the caller manages or was delegated',
      responses: { 200: json(managedSchoolListSchema, 'The schools'), ...problems(401, 403) },
    }),
    auth,
    async (c) => c.json({ items: await service.allocation.schools(actorOf(c)) }),
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/schools/{uai}/directory',
      tags,
      security,
      summary: 'Divisions, groups, levels, subjects and a page of people of the school, searched on the server',
      request: { params: uaiParam, query: schoolDirectoryQuerySchema },
      responses: { 200: json(schoolDirectorySchema, 'The matches'), ...problems(400, 401, 403, 404) },
    }),
    auth,
    async (c) => {
      const q = readQuery(c);
      if (!q.ok) return q.response;
      return c.json(await service.allocation.directory(actorOf(c), c.req.param('uai') ?? '', q.value));
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'post',
      path: '/api/v1/schools/{uai}/allocations/preview',
      tags,
      security,
      summary: 'What an allocation would consume per pool, and the refusal it would meet; changes nothing',
      request: {
        params: uaiParam,
        body: jsonBody(previewRequestSchema, 'The allocation (or move, with `fromPersonIds`) to preview'),
      },
      responses: { 200: json(allocationPreviewSchema, 'The preview'), ...problems(400, 401, 403, 404, 413, 415) },
    }),
    auth,
    async (c) => {
      const b = await readJsonBody(c, maxBodyBytes);
      if (!b.ok) return b.response;
      return c.json(await service.allocation.preview(actorOf(c), c.req.param('uai') ?? '', b.value));
    },
  );
}
