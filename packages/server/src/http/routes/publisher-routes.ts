import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  publisherSubscriptionListSchema,
  publisherSubscriptionQuerySchema,
  publisherSubscriptionSchema,
  schoolListSchema,
  subscriptionSchema,
  safeParse,
} from '@opengar/core';
import type { MiddlewareHandler } from 'hono';
import type { GarService } from '../../create-gar-service.js';
import { GarServiceError } from '../../kernel/errors.js';
import type { StoredSubscription } from '../../store/types.js';
import { publisherCredentialOf } from '../../ws-abonnement/publisher-credential.js';
import type { AppEnv } from '../app-env.js';
import { requestClient } from '../client-address.js';
import { json, jsonBody, problems } from '../openapi-parts.js';
import { problemForError, problemResponse } from '../problem-response.js';
import { readJsonBody, readQuery } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const BASE = '/api/v1/publisher';
const security: Record<string, string[]>[] = [{ publisherApiKey: [] }, { publisherCertificate: [] }];
const tags = ['Publisher'];
const idParam = z.object({ id: z.string().min(1).max(45) });

/** Requires a publisher: a verified client certificate or an API key as bearer; 401 problem otherwise. */
export function publisherAuth(service: GarService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const credential = publisherCredentialOf(c.req.raw.headers);
    if (!credential) {
      return problemResponse({
        code: 'unauthenticated',
        status: 401,
        detail: 'a client certificate or an API key is required',
        requestId: c.get('requestId'),
        instance: c.req.path,
      });
    }
    try {
      c.set('actor', await service.identity.authenticatePublisher(credential, requestClient(c)));
    } catch (err) {
      const response = problemForError(err, c.get('requestId'), c.req.path);
      if (!response) throw err;
      return response;
    }
    await next();
  };
}

const view = ({ createdAt, updatedAt, deletedAt: _d, ...subscription }: StoredSubscription) => ({
  subscription,
  createdAt,
  updatedAt,
});

/**
 * The JSON equivalent of GAR's web service for new publishers, under `/api/v1/publisher/`: subscriptions (list, read,
 * create with PUT, update with POST, delete), the schools, and the allocation count.
 */
export function mountPublisherRoutes(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  service: GarService,
  maxBodyBytes: number,
): void {
  const auth = publisherAuth(service);
  app.use(`${BASE}/*`, async (c, next) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
  });

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: `${BASE}/subscriptions`,
      tags,
      security,
      summary: 'Lists your subscriptions',
      request: { query: publisherSubscriptionQuerySchema },
      responses: {
        200: json(publisherSubscriptionListSchema, 'Your subscriptions, sorted by id'),
        ...problems(400, 401),
      },
    }),
    auth,
    async (c) => {
      const q = readQuery(c);
      if (!q.ok) return q.response;
      const parsed = safeParse(publisherSubscriptionQuerySchema, q.value, 'query');
      if (!parsed.ok) throw new GarServiceError('validation', parsed.error.message, { issues: parsed.error.issues });
      const f = parsed.value;
      const { items, total } = await service.subscriptions.list(actorOf(c), {
        ...(f.distributorId ? { distributorIds: [f.distributorId] } : {}),
        ...(f.uai ? { uais: [f.uai] } : {}),
        ...(f.resourceId ? { resourceIds: [f.resourceId] } : {}),
        ...(f.order ? { order: f.order } : {}),
        ...(f.offset !== undefined ? { offset: f.offset } : {}),
        ...(f.limit !== undefined ? { limit: f.limit } : {}),
      });
      return c.json({ items: items.map(view), total });
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: `${BASE}/subscriptions/{id}`,
      tags,
      security,
      summary: 'Reads one of your subscriptions',
      request: { params: idParam },
      responses: { 200: json(publisherSubscriptionSchema, 'The subscription'), ...problems(401, 404) },
    }),
    auth,
    async (c) => c.json(view(await service.subscriptions.get(actorOf(c), c.req.param('id') ?? ''))),
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'put',
      path: `${BASE}/subscriptions/{id}`,
      tags,
      security,
      summary: 'Creates a subscription',
      description:
        'The body is the subscription in code names (`licences` `{kind:"global",count}` or per audience); its `id` must equal the path’s. An id your distributor used before is a conflict (409); ids are scoped by distributor.',
      request: { params: idParam, body: jsonBody(subscriptionSchema, 'The subscription') },
      responses: { 201: json(publisherSubscriptionSchema, 'Created'), ...problems(400, 401, 403, 409, 413, 415) },
    }),
    auth,
    async (c) => {
      const body = await readJsonBody(c, maxBodyBytes);
      if (!body.ok) return body.response;
      const id = c.req.param('id') ?? '';
      const created = await service.subscriptions.create(actorOf(c), body.value, id);
      c.header('location', `${BASE}/subscriptions/${encodeURIComponent(id)}`);
      return c.json(view(created), 201);
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'post',
      path: `${BASE}/subscriptions/{id}`,
      tags,
      security,
      summary: 'Updates a subscription (`id` and `uai` never change; `uai` may be omitted)',
      description:
        'Lowering a count below the copies in use makes it over-allocated: nothing is taken back; the school’s managers are told.',
      request: { params: idParam, body: jsonBody(subscriptionSchema, 'The subscription') },
      responses: { 200: json(publisherSubscriptionSchema, 'Updated'), ...problems(400, 401, 403, 404, 413, 415) },
    }),
    auth,
    async (c) => {
      const body = await readJsonBody(c, maxBodyBytes);
      if (!body.ok) return body.response;
      return c.json(view(await service.subscriptions.update(actorOf(c), c.req.param('id') ?? '', body.value)));
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'delete',
      path: `${BASE}/subscriptions/{id}`,
      tags,
      security,
      summary: 'Deletes a subscription: access ends at once, allocations are archived',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 404) },
    }),
    auth,
    async (c) => {
      await service.subscriptions.delete(actorOf(c), c.req.param('id') ?? '');
      return c.body(null, 204);
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: `${BASE}/schools`,
      tags,
      security,
      summary: 'The schools subscriptions can be delivered to',
      responses: { 200: json(schoolListSchema, 'The schools'), ...problems(401) },
    }),
    auth,
    async (c) => c.json({ items: await service.subscriptions.deliverySchools(actorOf(c)) }),
  );

  const countQuery = z.strictObject({
    subscriptionId: z.string().max(45).optional(),
    projectCode: z.string().max(50).optional(),
  });
  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: `${BASE}/allocation-counts`,
      tags,
      security,
      summary: 'Copies in use per audience, for one subscription or one project code (exactly one)',
      request: { query: countQuery },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                uai: z.string(),
                subscriptionId: z.string(),
                projectCode: z.string().optional(),
                resourceId: z.string(),
                counts: z.record(z.string(), z.int()),
              }),
            ),
          }),
          'The counts',
        ),
        ...problems(400, 401, 404),
      },
    }),
    auth,
    async (c) => {
      const q = readQuery(c);
      if (!q.ok) return q.response;
      const parsed = safeParse(countQuery, q.value, 'query');
      if (!parsed.ok) throw new GarServiceError('validation', parsed.error.message, { issues: parsed.error.issues });
      const { subscriptionId, projectCode } = parsed.value;
      return c.json({
        items: await service.subscriptions.countAllocations(actorOf(c), {
          ...(subscriptionId !== undefined ? { subscriptionId } : {}),
          ...(projectCode !== undefined ? { projectCode } : {}),
        }),
      });
    },
  );
}
