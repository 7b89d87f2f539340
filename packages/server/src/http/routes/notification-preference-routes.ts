import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { notificationPreferencesSchema } from '@opengar/core';
import type { GarService } from '../../create-gar-service.js';
import type { AppEnv } from '../app-env.js';
import { entUserAuth } from '../bearer-auth.js';
import { json, jsonBody, problems } from '../openapi-parts.js';
import { readJsonBody } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const security = [{ entAssertion: [] }];
const tags = ['Allocation console'];
const prefsSchema = notificationPreferencesSchema.meta({ id: 'NotificationPreferences' });
const params = z.object({ uai: z.string().min(1).max(45) });
const path = '/api/v1/schools/{uai}/notification-preferences';

/**
 * The caller's notification preferences (managers, delegates, librarians): `GET` and `PUT
 * /api/v1/schools/{uai}/notification-preferences`, e-mail on or off per group of kinds.
 */
export function mountNotificationPreferenceRoutes(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  service: GarService,
  maxBodyBytes: number,
): void {
  const auth = entUserAuth(service);
  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path,
      tags,
      security,
      summary: "The caller's notification preferences (everything on until chosen)",
      request: { params },
      responses: { 200: json(prefsSchema, 'The preferences'), ...problems(401, 403, 404) },
    }),
    auth,
    async (c) => c.json(await service.notifications.preferences(actorOf(c), c.req.param('uai') ?? '')),
  );
  defineRoute(
    app,
    table,
    createRoute({
      method: 'put',
      path,
      tags,
      security,
      summary: "Replaces the caller's notification preferences (e-mail on or off per group of kinds)",
      request: { params, body: jsonBody(prefsSchema, 'E-mail on or off for subscriptions, copies and feeds') },
      responses: { 200: json(prefsSchema, 'The preferences as stored'), ...problems(400, 401, 403, 404, 413, 415) },
    }),
    auth,
    async (c) => {
      const body = await readJsonBody(c, maxBodyBytes);
      if (!body.ok) return body.response;
      return c.json(await service.notifications.setPreferences(actorOf(c), c.req.param('uai') ?? '', body.value));
    },
  );
}
