import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { favouritesSchema, mediacentreQuerySchema, mediacentreSchema } from '@opengar/core';
import type { GarService } from '../../create-gar-service.js';
import type { AppEnv } from '../app-env.js';
import { entUserAuth } from '../bearer-auth.js';
import { entCors } from '../ent-cors.js';
import { json, jsonBody, problems } from '../openapi-parts.js';
import { readJsonBody, readQuery } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const security = [{ entAssertion: [] }];

/** The widget's routes: the caller's médiacentre and favourites, with an ENT user assertion. */
export function mountMeRoutes(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  service: GarService,
  maxBodyBytes: number,
): void {
  app.use('/api/v1/me/*', entCors(service, 'GET, PUT, POST, DELETE'));
  app.use('/api/v1/me/*', async (c, next) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
  });
  const auth = entUserAuth(service);

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/me/resources',
      tags: ['Médiacentre'],
      summary: 'The caller’s médiacentre at one of their schools',
      description:
        'Resources allocated to the person at the school `uai` (default: the assertion’s `uai`, or their only school), and all their schools in the ENT.',
      security,
      request: { query: mediacentreQuerySchema },
      responses: { 200: json(mediacentreSchema, 'The médiacentre'), ...problems(400, 401, 403, 404) },
    }),
    auth,
    async (c) => {
      const q = readQuery(c);
      if (!q.ok) return q.response;
      return c.json(await service.mediacentre.resources(actorOf(c), q.value));
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/me/favourites',
      tags: ['Médiacentre'],
      summary: 'The caller’s favourite resources',
      security,
      responses: { 200: json(favouritesSchema, 'Favourite resource ids'), ...problems(401, 403) },
    }),
    auth,
    async (c) => c.json(await service.mediacentre.favourites(actorOf(c))),
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'put',
      path: '/api/v1/me/favourites',
      tags: ['Médiacentre'],
      summary: 'Replaces the caller’s favourite resources',
      security,
      request: { body: jsonBody(favouritesSchema, 'Unique resource ids, at most 200') },
      responses: { 200: json(favouritesSchema, 'The favourites as stored'), ...problems(400, 401, 403, 413, 415) },
    }),
    auth,
    async (c) => {
      const body = await readJsonBody(c, maxBodyBytes);
      if (!body.ok) return body.response;
      return c.json(await service.mediacentre.setFavourites(actorOf(c), body.value));
    },
  );
}
