import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  entListSchema,
  entSchema,
  ltiPlatformListSchema,
  ltiPlatformSchema,
  nativeAppListQuerySchema,
  nativeAppListSchema,
  nativeAppSchema,
  publisherCreatedSchema,
  publisherListSchema,
  publisherSchema,
  publisherViewSchema,
  resourceListSchema,
  resourceSchema,
  schoolListQuerySchema,
  schoolListSchema,
  schoolSchema,
  safeParse,
} from '@opengar/core';
import type { Context } from 'hono';
import type { GarService } from '../../create-gar-service.js';
import { GarServiceError } from '../../kernel/errors.js';
import type { Actor } from '../../kernel/types.js';
import type { AppEnv } from '../app-env.js';
import { operatorAuth } from '../bearer-auth.js';
import { json, jsonBody, problems } from '../openapi-parts.js';
import { readJsonBody, readQuery } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

/** The service members of a registry collection (`service.admin.ents`…): one shape for all of them. */
interface CollectionMembers {
  create(actor: Actor, body: unknown): Promise<unknown>;
  update(actor: Actor, id: string, body: unknown): Promise<unknown>;
  get(actor: Actor, id: string): Promise<unknown>;
  /** Given the parsed `listQuery` (`{}` when the collection has none). */
  list(actor: Actor, query: Record<string, string>): Promise<unknown[]>;
}

/** One registry collection under `/api/v1/admin/{name}`. */
interface Collection {
  name: string;
  tag: string;
  key: string;
  body: z.ZodType;
  /** What a read and a replace answer, and what a registration answers: the body's schema unless said. */
  item?: z.ZodType;
  created?: z.ZodType;
  listSchema: z.ZodType;
  listQuery?: z.ZodObject;
  members: CollectionMembers;
  /** The new record's id, for `location`: its `key` unless said. */
  createdId?(created: unknown): string;
}

const security = [{ operatorSecret: [] }];

function mountCollection(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  col: Collection,
  maxBodyBytes: number,
  auth: ReturnType<typeof operatorAuth>,
): void {
  const base = `/api/v1/admin/${col.name}`;
  const params = z.object({ [col.key]: z.string().min(1).max(1024) });
  const param = (c: Context<AppEnv>) => c.req.param(col.key) ?? '';

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: base,
      tags: [col.tag],
      summary: `Lists ${col.name}`,
      security,
      ...(col.listQuery ? { request: { query: col.listQuery } } : {}),
      responses: { 200: json(col.listSchema, `The ${col.name}`), ...problems(400, 401, 403) },
    }),
    auth,
    async (c) => {
      const q = readQuery(c);
      if (!q.ok) return q.response;
      const parsed = safeParse(col.listQuery ?? z.strictObject({}), q.value, 'query');
      if (!parsed.ok) throw new GarServiceError('validation', parsed.error.message, { issues: parsed.error.issues });
      return c.json({ items: await col.members.list(actorOf(c), parsed.value as Record<string, string>) });
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'post',
      path: base,
      tags: [col.tag],
      summary: `Registers one of the ${col.name}`,
      security,
      request: { body: jsonBody(col.body, 'The registration') },
      responses: { 201: json(col.created ?? col.body, 'Registered'), ...problems(400, 401, 403, 409, 413, 415) },
    }),
    auth,
    async (c) => {
      const body = await readJsonBody(c, maxBodyBytes);
      if (!body.ok) return body.response;
      const created = await col.members.create(actorOf(c), body.value);
      const id = col.createdId ? col.createdId(created) : (created as Record<string, string>)[col.key]!;
      c.header('location', `${base}/${encodeURIComponent(id)}`);
      return c.json(created as object, 201);
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: `${base}/{${col.key}}`,
      tags: [col.tag],
      summary: `Reads one of the ${col.name}`,
      security,
      request: { params },
      responses: { 200: json(col.item ?? col.body, 'Found'), ...problems(401, 403, 404) },
    }),
    auth,
    async (c) => c.json((await col.members.get(actorOf(c), param(c))) as object),
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'put',
      path: `${base}/{${col.key}}`,
      tags: [col.tag],
      summary: `Replaces one of the ${col.name}`,
      description: `The body is the whole record; its \`${col.key}\` must equal the path's.`,
      security,
      request: { params, body: jsonBody(col.body, 'The whole record') },
      responses: { 200: json(col.item ?? col.body, 'Replaced'), ...problems(400, 401, 403, 404, 413, 415) },
    }),
    auth,
    async (c) => {
      const body = await readJsonBody(c, maxBodyBytes);
      if (!body.ok) return body.response;
      return c.json((await col.members.update(actorOf(c), param(c), body.value)) as object);
    },
  );
}

/** The operator's registration routes: ENTs, schools, publishers, resources. */
export function mountAdminRoutes(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  service: GarService,
  maxBodyBytes: number,
): void {
  const auth = operatorAuth(service);
  const collections: Collection[] = [
    {
      name: 'ents',
      tag: 'Operator: ENTs',
      key: 'id',
      body: entSchema,
      listSchema: entListSchema,
      members: service.admin.ents,
    },
    {
      name: 'schools',
      tag: 'Operator: schools',
      key: 'uai',
      body: schoolSchema,
      listSchema: schoolListSchema,
      listQuery: schoolListQuerySchema,
      members: service.admin.schools,
    },
    {
      name: 'publishers',
      tag: 'Operator: publishers',
      key: 'id',
      body: publisherSchema,
      item: publisherViewSchema,
      created: publisherCreatedSchema,
      listSchema: publisherListSchema,
      members: service.admin.publishers,
      createdId: (x) => (x as { publisher: { id: string } }).publisher.id,
    },
    {
      name: 'resources',
      tag: 'Operator: resources',
      key: 'id',
      body: resourceSchema,
      listSchema: resourceListSchema,
      members: service.admin.resources,
    },
    {
      name: 'apps',
      tag: 'Operator: native apps',
      key: 'clientId',
      body: nativeAppSchema,
      listSchema: nativeAppListSchema,
      listQuery: nativeAppListQuerySchema,
      members: service.admin.apps,
    },
    {
      name: 'lti-platforms',
      tag: 'Operator: LTI platforms',
      key: 'id',
      body: ltiPlatformSchema,
      listSchema: ltiPlatformListSchema,
      members: service.admin.ltiPlatforms,
    },
  ];
  for (const col of collections) mountCollection(app, table, col, maxBodyBytes, auth);
  defineRoute(
    app,
    table,
    createRoute({
      method: 'delete',
      path: '/api/v1/admin/apps/{clientId}',
      tags: ['Operator: native apps'],
      summary: 'Removes a native app: its codes and tokens stop working',
      security,
      request: { params: z.object({ clientId: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404) },
    }),
    auth,
    async (c) => {
      await service.admin.apps.delete(actorOf(c), c.req.param('clientId') ?? '');
      return c.body(null, 204);
    },
  );
  defineRoute(
    app,
    table,
    createRoute({
      method: 'delete',
      path: '/api/v1/admin/lti-platforms/{id}',
      tags: ['Operator: LTI platforms'],
      summary: 'Removes an LTI platform: its launches are refused from now on',
      security,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404) },
    }),
    auth,
    async (c) => {
      await service.admin.ltiPlatforms.delete(actorOf(c), c.req.param('id') ?? '');
      return c.body(null, 204);
    },
  );
}
