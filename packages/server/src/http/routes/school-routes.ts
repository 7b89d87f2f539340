import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import {
  allocateRequestSchema,
  allocationListQuerySchema,
  allocationListSchema,
  allocationResultSchema,
  auditListSchema,
  acceptSuggestionsRequestSchema,
  acceptSuggestionsResultSchema,
  auditQuerySchema,
  dashboardSchema,
  delegationListSchema,
  delegationRequestSchema,
  delegationViewSchema,
  moveRequestSchema,
  schoolSubscriptionListSchema,
  undoPreviewSchema,
  withdrawRequestSchema,
} from '@opengar/core';
import type { Context, Handler } from 'hono';
import type { GarService } from '../../create-gar-service.js';
import type { AppEnv } from '../app-env.js';
import { entUserAuth } from '../bearer-auth.js';
import { entCors } from '../ent-cors.js';
import { json, jsonBody, problems } from '../openapi-parts.js';
import { readJsonBody, readQuery } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const BASE = '/api/v1/schools/{uai}';
const security = [{ entAssertion: [] }];
const tags = ['Allocation console'];
const uaiParam = z.object({ uai: z.string().min(1).max(45) });

const ruleProblems: RouteConfig['responses'] = {
  409: {
    description:
      'Refused by a licence rule (`insufficient-licences` with `remaining`, `over-allocated`, `not-withdrawable`) or `conflict`',
    content: {
      'application/problem+json': {
        schema: z.looseObject({ type: z.string(), code: z.string(), remaining: z.int().optional() }),
      },
    },
  },
};

/**
 * The allocation console's routes under `/api/v1/schools/{uai}/`: subscriptions with their accounting, allocations
 * (allocate, withdraw, move), delegations, the audit trail with undo, and the dashboard. Every route takes an ENT user
 * assertion of a manager or delegate of that school.
 */
export function mountSchoolRoutes(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  service: GarService,
  maxBodyBytes: number,
): void {
  const auth = entUserAuth(service);
  app.use('/api/v1/schools/*', entCors(service, 'GET, POST, DELETE'));
  app.use('/api/v1/schools/*', async (c, next) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
  });
  const uai = (c: Context<AppEnv>) => c.req.param('uai') ?? '';
  const route = (config: RouteConfig, handler: (c: Context<AppEnv>) => Promise<Response>) =>
    defineRoute(app, table, config, auth, handler);
  const body = async (c: Context<AppEnv>): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> =>
    readJsonBody(c, maxBodyBytes);
  const query = (c: Context<AppEnv>) => readQuery(c);

  route(
    createRoute({
      method: 'get',
      path: `${BASE}/subscriptions`,
      tags,
      security,
      summary: 'The school’s subscriptions with copies used and left',
      request: { params: uaiParam },
      responses: { 200: json(schoolSubscriptionListSchema, 'The subscriptions'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json({ items: await service.allocation.subscriptions(actorOf(c), uai(c)) }),
  );

  route(
    createRoute({
      method: 'get',
      path: `${BASE}/allocations`,
      tags,
      security,
      summary: 'The school’s allocations',
      request: { params: uaiParam, query: allocationListQuerySchema },
      responses: { 200: json(allocationListSchema, 'The allocations'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const q = query(c);
      if (!q.ok) return q.response;
      return c.json({ items: await service.allocation.allocations(actorOf(c), uai(c), q.value) });
    },
  );

  route(
    createRoute({
      method: 'post',
      path: `${BASE}/allocations`,
      tags,
      security,
      summary: 'Allocates a subscription to one or many targets, all or nothing',
      description:
        'Targets: an audience of the school, a division or group (its pupils, or the `audiences` given), a level (`mefStat4`: its pupils), the teachers of a subject in some divisions, a person. A person already holding a copy is not charged twice. Refused with `insufficient-licences` (and `remaining`, and `advice`: the ways out) when a pool cannot hold the new copies, `over-allocated` when the publisher lowered a count below the copies in use.',
      request: { params: uaiParam, body: jsonBody(allocateRequestSchema, 'The allocation') },
      responses: {
        201: json(allocationResultSchema, 'Allocated'),
        ...problems(400, 401, 403, 404, 413, 415),
        ...ruleProblems,
      },
    }),
    async (c) => {
      const b = await body(c);
      if (!b.ok) return b.response;
      return c.json(await service.allocation.allocate(actorOf(c), uai(c), b.value), 201);
    },
  );

  route(
    createRoute({
      method: 'post',
      path: `${BASE}/allocations/withdraw`,
      tags,
      security,
      summary: 'Withdraws an allocation or some people’s copies',
      description:
        'A non-transferable copy its holder opened cannot be withdrawn (`not-withdrawable`); withdrawing an allocation keeps such copies.',
      request: { params: uaiParam, body: jsonBody(withdrawRequestSchema, 'What to withdraw') },
      responses: {
        200: json(allocationResultSchema, 'Withdrawn'),
        ...problems(400, 401, 403, 404, 413, 415),
        ...ruleProblems,
      },
    }),
    async (c) => {
      const b = await body(c);
      if (!b.ok) return b.response;
      return c.json(await service.allocation.withdraw(actorOf(c), uai(c), b.value));
    },
  );

  route(
    createRoute({
      method: 'post',
      path: `${BASE}/allocations/move`,
      tags,
      security,
      summary: 'Moves copies from some people to other targets, in one transaction',
      request: { params: uaiParam, body: jsonBody(moveRequestSchema, 'The move') },
      responses: {
        200: json(allocationResultSchema, 'Moved'),
        ...problems(400, 401, 403, 404, 413, 415),
        ...ruleProblems,
      },
    }),
    async (c) => {
      const b = await body(c);
      if (!b.ok) return b.response;
      return c.json(await service.allocation.move(actorOf(c), uai(c), b.value));
    },
  );

  route(
    createRoute({
      method: 'get',
      path: `${BASE}/delegations`,
      tags,
      security,
      summary: 'The school’s delegations (revoked ones too)',
      request: { params: uaiParam },
      responses: { 200: json(delegationListSchema, 'The delegations'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json({ items: await service.allocation.delegations(actorOf(c), uai(c)) }),
  );

  route(
    createRoute({
      method: 'post',
      path: `${BASE}/delegations`,
      tags,
      security,
      summary: 'Delegates the manager role to a staff member of the school (managers only)',
      request: { params: uaiParam, body: jsonBody(delegationRequestSchema, 'The delegate') },
      responses: {
        201: json(delegationViewSchema.extend({ auditId: z.string() }), 'Delegated'),
        ...problems(400, 401, 403, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const b = await body(c);
      if (!b.ok) return b.response;
      return c.json(await service.allocation.delegate(actorOf(c), uai(c), b.value), 201);
    },
  );

  route(
    createRoute({
      method: 'delete',
      path: `${BASE}/delegations/{delegateId}`,
      tags,
      security,
      summary: 'Revokes a delegation (managers only)',
      request: { params: uaiParam.extend({ delegateId: z.string().min(1).max(64) }) },
      responses: { 200: json(z.object({ auditId: z.string() }), 'Revoked'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json(await service.allocation.revokeDelegation(actorOf(c), uai(c), c.req.param('delegateId') ?? '')),
  );

  route(
    createRoute({
      method: 'get',
      path: `${BASE}/audit`,
      tags,
      security,
      summary: 'The school’s audit trail, most recent first, filtered and paged',
      description:
        'Each entry names its targets (with their population), the copies it gave and took per audience, its author ' +
        'and time; an undo says which entry it reversed. Filters: `subscriptionId`, `target` (a key such as ' +
        '`division:5A`), `author`, `from` (included) and `to` (excluded). `next` is the `cursor` of the next page.',
      request: { params: uaiParam, query: auditQuerySchema },
      responses: { 200: json(auditListSchema, 'A page of entries'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const q = query(c);
      if (!q.ok) return q.response;
      return c.json(await service.allocation.audit(actorOf(c), uai(c), q.value));
    },
  );

  route(
    createRoute({
      method: 'get',
      path: `${BASE}/audit.csv`,
      tags,
      security,
      summary: 'The school’s audit trail as CSV (French headers), with the filters of the list',
      description:
        '`;`-separated UTF-8 with a byte order mark, dates in Paris time; a cell a spreadsheet would read as a formula ' +
        "is prefixed with `'`. `cursor` and `limit` are ignored (at most 20,000 rows).",
      request: { params: uaiParam, query: auditQuerySchema },
      responses: {
        200: { description: 'The entries as CSV', content: { 'text/csv': { schema: z.string() } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const q = query(c);
      if (!q.ok) return q.response;
      const body = await service.allocation.auditCsv(actorOf(c), uai(c), q.value);
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="historique-${uai(c).replace(/[^0-9A-Za-z]/g, '')}.csv"`,
      });
    },
  );

  route(
    createRoute({
      method: 'get',
      path: `${BASE}/audit/{auditId}/undo`,
      tags,
      security,
      summary: 'What undoing a change would do now, before doing it (nothing is changed)',
      description:
        'The copies the undo would take back and give back per audience and the targets concerned, or why it would ' +
        'be refused (`possible: false` with the `reason` the undo would answer).',
      request: { params: uaiParam.extend({ auditId: z.string().min(1).max(64) }) },
      responses: { 200: json(undoPreviewSchema, 'The preview'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json(await service.allocation.undoPreview(actorOf(c), uai(c), c.req.param('auditId') ?? '')),
  );

  route(
    createRoute({
      method: 'post',
      path: `${BASE}/audit/{auditId}/undo`,
      tags,
      security,
      summary: 'Undoes a recent change when the rules still allow it (the undo is audited)',
      request: { params: uaiParam.extend({ auditId: z.string().min(1).max(64) }) },
      responses: {
        200: json(z.object({ auditId: z.string() }), 'Undone'),
        ...problems(401, 403, 404),
        ...ruleProblems,
      },
    }),
    async (c) => c.json(await service.allocation.undo(actorOf(c), uai(c), c.req.param('auditId') ?? '')),
  );

  route(
    createRoute({
      method: 'get',
      path: `${BASE}/dashboard`,
      tags,
      security,
      summary: 'What the school’s managers should look at today',
      request: { params: uaiParam },
      responses: { 200: json(dashboardSchema, 'The dashboard'), ...problems(401, 403, 404) },
    }),
    async (c) => c.json(await service.allocation.dashboard(actorOf(c), uai(c))),
  );

  route(
    createRoute({
      method: 'post',
      path: `${BASE}/suggestions/accept`,
      tags,
      security,
      summary: 'Accepts the dashboard’s suggested allocations (“Tout accepter”)',
      description:
        'Every current suggestion of the school, or of `subscriptionId`, is allocated on its own as an ordinary allocation (its own audit entry, undoable alone). The suggestions fit the pools together; one refused since is answered with its `refusal`.',
      request: { params: uaiParam, body: jsonBody(acceptSuggestionsRequestSchema, 'Which suggestions') },
      responses: {
        200: json(acceptSuggestionsResultSchema, 'What each suggestion did'),
        ...problems(400, 401, 403, 404, 413, 415),
      },
    }),
    async (c) => {
      const b = await body(c);
      if (!b.ok) return b.response;
      return c.json(await service.allocation.acceptSuggestions(actorOf(c), uai(c), b.value));
    },
  );
}
