import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { GarService } from '../../create-gar-service.js';
import type { AppEnv } from '../app-env.js';
import { entUserAuth } from '../bearer-auth.js';
import { json, problems } from '../openapi-parts.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const security = [{ entAssertion: [] }];
const tags = ['Allocation console'];
const listSchema = z
  .object({
    items: z.array(z.looseObject({ id: z.string(), kind: z.string(), text: z.string(), createdAt: z.string() })),
  })
  .meta({ id: 'NotificationList' });

/** In-console notifications: `GET /api/v1/schools/{uai}/notifications` and `POST …/notifications/{id}/read`. */
export function mountNotificationRoutes(app: OpenAPIHono<AppEnv>, table: RouteTable, service: GarService): void {
  const auth = entUserAuth(service);
  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/schools/{uai}/notifications',
      tags,
      security,
      summary: "The caller's notifications at the school, newest first",
      request: {
        params: z.object({ uai: z.string().min(1).max(45) }),
        query: z.object({ lang: z.enum(['fr', 'en']).optional(), unread: z.enum(['true', 'false']).optional() }),
      },
      responses: { 200: json(listSchema, 'The notifications'), ...problems(401, 403, 404) },
    }),
    auth,
    async (c) => {
      const lang = c.req.query('lang') === 'en' ? 'en' : 'fr';
      const items = await service.notifications.list(actorOf(c), c.req.param('uai') ?? '', {
        lang,
        unreadOnly: c.req.query('unread') === 'true',
      });
      return c.json({ items });
    },
  );
  defineRoute(
    app,
    table,
    createRoute({
      method: 'post',
      path: '/api/v1/schools/{uai}/notifications/{id}/read',
      tags,
      security,
      summary: "Marks one of the caller's notifications read",
      request: { params: z.object({ uai: z.string().min(1).max(45), id: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Marked read' }, ...problems(401, 403, 404) },
    }),
    auth,
    async (c) => {
      await service.notifications.markRead(actorOf(c), c.req.param('uai') ?? '', c.req.param('id') ?? '');
      return c.body(null, 204);
    },
  );
}
