import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import {
  classRequestDecisionSchema,
  classRequestInputSchema,
  classRequestSchema,
  classResourcesSchema,
  classUsageSchema,
  mediacentreQuerySchema,
  pinInputSchema,
  pinSchema,
  recommendationsSchema,
  teacherQuerySchema,
} from '@opengar/core';
import type { Context } from 'hono';
import type { GarService } from '../../create-gar-service.js';
import type { AppEnv } from '../app-env.js';
import { entUserAuth } from '../bearer-auth.js';
import { json, jsonBody, problems } from '../openapi-parts.js';
import { readJsonBody, readQuery } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const security = [{ entAssertion: [] }];
const tags = ['Teachers'];
const pinList = z.object({ items: z.array(pinSchema) }).meta({ id: 'PinList' });
const requestList = z.object({ items: z.array(classRequestSchema) }).meta({ id: 'ClassRequestList' });
const uaiParam = z.object({ uai: z.string().min(1).max(45) });

/**
 * A teacher's routes (`/api/v1/me/classes`, `…/pins`, `…/requests`), the pupils' recommendations
 * (`/api/v1/me/recommendations`) and the responsables' side of requests (`/api/v1/schools/{uai}/requests`). Mounted
 * after the médiacentre's routes, whose CORS and `no-store` apply to `/api/v1/me/*`.
 */
export function mountClassroomRoutes(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  service: GarService,
  maxBodyBytes: number,
): void {
  const auth = entUserAuth(service);
  const route = (config: RouteConfig, handler: (c: Context<AppEnv>) => Promise<Response>) =>
    defineRoute(app, table, config, auth, handler);
  const withQuery = (c: Context<AppEnv>, f: (q: unknown) => Promise<Response>) => {
    const q = readQuery(c);
    return q.ok ? f(q.value) : Promise.resolve(q.response);
  };
  const withBody = async (c: Context<AppEnv>, f: (b: unknown) => Promise<Response>) => {
    const b = await readJsonBody(c, maxBodyBytes);
    return b.ok ? f(b.value) : b.response;
  };

  route(
    createRoute({
      method: 'get',
      path: '/api/v1/me/recommendations',
      tags: ['Médiacentre'],
      security,
      summary: 'What the caller’s teachers recommend, among the resources the caller can open',
      description:
        'Pins of the teachers of the caller’s divisions and groups, still showing, on resources the caller can open now (a pin never grants access: others are left out), one per resource, newest first.',
      request: { query: mediacentreQuerySchema },
      responses: { 200: json(recommendationsSchema, 'The recommendations'), ...problems(400, 401, 403, 404) },
    }),
    (c) => withQuery(c, async (q) => c.json(await service.mediacentre.recommendations(actorOf(c), q))),
  );

  route(
    createRoute({
      method: 'get',
      path: '/api/v1/me/classes',
      tags,
      security,
      summary: 'The caller’s classes at a school and the resources their pupils hold',
      request: { query: teacherQuerySchema },
      responses: { 200: json(classResourcesSchema, 'Classes and resources'), ...problems(400, 401, 403, 404) },
    }),
    (c) => withQuery(c, async (q) => c.json(await service.classroom.classes(actorOf(c), q))),
  );

  route(
    createRoute({
      method: 'get',
      path: '/api/v1/me/classes/usage',
      tags,
      security,
      summary: 'Pupils of each of the caller’s classes who opened each resource, under disclosure control',
      description: 'No figure under 5 (the band `<5`), and no hidden figure recoverable from the published ones.',
      request: { query: teacherQuerySchema },
      responses: { 200: json(classUsageSchema, 'The protected table'), ...problems(400, 401, 403, 404) },
    }),
    (c) => withQuery(c, async (q) => c.json(await service.classroom.usage(actorOf(c), q))),
  );

  route(
    createRoute({
      method: 'get',
      path: '/api/v1/me/pins',
      tags,
      security,
      summary: 'The caller’s pins at a school, with who of each class lacks a copy',
      request: { query: teacherQuerySchema },
      responses: { 200: json(pinList, 'The pins'), ...problems(400, 401, 403, 404) },
    }),
    (c) => withQuery(c, async (q) => c.json({ items: await service.classroom.pins(actorOf(c), q) })),
  );

  route(
    createRoute({
      method: 'post',
      path: '/api/v1/me/pins',
      tags,
      security,
      summary: 'Recommends a resource to classes the caller teaches, until a day',
      request: { body: jsonBody(pinInputSchema, 'The pin') },
      responses: { 201: json(pinSchema, 'The pin'), ...problems(400, 401, 403, 404, 409, 413, 415) },
    }),
    (c) => withBody(c, async (b) => c.json(await service.classroom.pin(actorOf(c), b), 201)),
  );

  route(
    createRoute({
      method: 'delete',
      path: '/api/v1/me/pins/{id}',
      tags,
      security,
      summary: 'Removes one of the caller’s pins',
      request: { params: z.object({ id: z.string().min(1).max(64) }), query: teacherQuerySchema },
      responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
    }),
    (c) =>
      withQuery(c, async (q) => {
        const uai = (q as { uai?: unknown }).uai;
        await service.classroom.unpin(actorOf(c), typeof uai === 'string' ? uai : '', c.req.param('id') ?? '');
        return c.body(null, 204);
      }),
  );

  route(
    createRoute({
      method: 'get',
      path: '/api/v1/me/requests',
      tags,
      security,
      summary: 'The caller’s requests for resources at a school, with their fate',
      request: { query: teacherQuerySchema },
      responses: { 200: json(requestList, 'The requests'), ...problems(400, 401, 403, 404) },
    }),
    (c) => withQuery(c, async (q) => c.json({ items: await service.classroom.requests(actorOf(c), q) })),
  );

  route(
    createRoute({
      method: 'post',
      path: '/api/v1/me/requests',
      tags,
      security,
      summary: 'Asks the school’s responsables for a resource for one of the caller’s classes',
      request: { body: jsonBody(classRequestInputSchema, 'The request') },
      responses: { 201: json(classRequestSchema, 'The request'), ...problems(400, 401, 403, 404, 409, 413, 415) },
    }),
    (c) => withBody(c, async (b) => c.json(await service.classroom.request(actorOf(c), b), 201)),
  );

  route(
    createRoute({
      method: 'get',
      path: '/api/v1/schools/{uai}/requests',
      tags: ['Allocation console'],
      security,
      summary: 'Teachers’ requests for resources at the school, newest first',
      request: { params: uaiParam },
      responses: { 200: json(requestList, 'The requests'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json({ items: await service.allocation.classRequests(actorOf(c), c.req.param('uai') ?? '') }),
  );

  route(
    createRoute({
      method: 'post',
      path: '/api/v1/schools/{uai}/requests/{id}/decision',
      tags: ['Allocation console'],
      security,
      summary: 'Grants or declines a teacher’s request (managers and delegates)',
      request: {
        params: uaiParam.extend({ id: z.string().min(1).max(64) }),
        body: jsonBody(classRequestDecisionSchema, 'The decision'),
      },
      responses: { 200: json(classRequestSchema, 'The request'), ...problems(400, 401, 403, 404, 409, 413, 415) },
    }),
    (c) =>
      withBody(c, async (b) =>
        c.json(
          await service.allocation.decideClassRequest(actorOf(c), c.req.param('uai') ?? '', c.req.param('id') ?? '', b),
        ),
      ),
  );
}
