import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, Handler } from 'hono';
import type { GarService } from '../../create-gar-service.js';
import { GarServiceError } from '../../kernel/errors.js';
import type { PublisherActor } from '../../kernel/types.js';
import { StoreError } from '../../store/errors.js';
import { abonnementDocument, abonnementsDocument, parseAbonnement } from '../../ws-abonnement/abonnement-codec.js';
import { decompteCsv } from '../../ws-abonnement/decompte-codec.js';
import { WsAbonnementError } from '../../ws-abonnement/errors.js';
import { etablissementsDocument } from '../../ws-abonnement/etablissements-codec.js';
import { parseFiltersQuery, parseFiltersXml, parsePaging } from '../../ws-abonnement/filters-codec.js';
import { publisherCredentialOf } from '../../ws-abonnement/publisher-credential.js';
import { readXmlRequest } from '../../ws-abonnement/read-xml-request.js';
import { elementPath, erreurResponse, xmlResponse } from '../../ws-abonnement/ws-response.js';
import type { AppEnv } from '../app-env.js';
import { requestClient } from '../client-address.js';
import { defineRoute, type RouteTable } from '../route-table.js';

/** Base path of GAR's subscription web service; a client configured with it works unchanged. */
export const WS_ABONNEMENT_BASE = '/ws/abonnement';

type WsHandler = (c: Context<AppEnv>, publisher: PublisherActor) => Promise<Response>;

/** GAR's `<Erreur>` for anything a handler throws; unknown errors are logged and answered generically. */
function wsError(service: GarService, c: Context<AppEnv>, err: unknown): Response {
  if (err instanceof WsAbonnementError) return erreurResponse(err.status, err.message);
  if (err instanceof GarServiceError) {
    const issue = err.issues[0];
    const message = issue ? `${elementPath(issue.pointer)}: ${issue.message}` : `/abonnement: ${err.message}`;
    return erreurResponse(
      err.status,
      message,
      err.retryAfterS === undefined ? {} : { 'retry-after': String(err.retryAfterS) },
    );
  }
  if (err instanceof StoreError && err.code === 'conflict')
    return erreurResponse(err.status, '/abonnement/idAbonnement: the subscription exists');
  if (err instanceof StoreError && err.code === 'invalid-text')
    return erreurResponse(err.status, '/abonnement: control characters are not accepted');
  if (err instanceof StoreError && (err.code === 'unavailable' || err.code === 'locked'))
    return erreurResponse(err.status, '/: the store is unavailable, retry later');
  const e = err instanceof Error ? err : new Error(String(err));
  service.logger.error('unhandled_error', {
    requestId: c.get('requestId'),
    error: e.name,
    message: e.message,
    stack: e.stack,
  });
  return erreurResponse(500, `/: an internal error occurred; quote the request id ${c.get('requestId')} to support`);
}

/** Authenticates the publisher (client certificate or API key), runs the handler, and answers every failure in XML. */
function ws(service: GarService, handler: WsHandler): Handler<AppEnv> {
  return async (c) => {
    try {
      const credential = publisherCredentialOf(c.req.raw.headers);
      if (!credential)
        return erreurResponse(401, '/: a client certificate or an API key (Authorization: Bearer) is required');
      const publisher = await service.identity.authenticatePublisher(credential, requestClient(c));
      c.set('actor', publisher);
      return await handler(c, publisher);
    } catch (err) {
      return wsError(service, c, err);
    }
  };
}

const xml = (description: string) => ({ description, content: { 'application/xml': { schema: z.string() } } });
const erreurs = (...statuses: number[]): RouteConfig['responses'] =>
  Object.fromEntries(
    statuses.map((s) => [String(s), xml('GAR error body `<Erreur><Code>…</Code><Message>…</Message></Erreur>`')]),
  );
const idParam = z.object({ id: z.string().min(1).max(45) });
const security: Record<string, string[]>[] = [{ publisherApiKey: [] }, { publisherCertificate: [] }];
const tags = ['Subscription web service (GAR XML)'];

/** The methods each web-service path answers, for GAR-style 404/405 answers under the base path. */
function allowed(path: string): string[] | undefined {
  if (path === '/decompteaffectations') return ['GET'];
  if (!path.startsWith(`${WS_ABONNEMENT_BASE}/`)) return undefined;
  const rest = path.slice(WS_ABONNEMENT_BASE.length);
  const out = new Set<string>();
  if (rest === '/abonnements' || rest === '/etablissements/etablissements.xml' || rest === '/decompteaffectations')
    out.add('GET');
  if (/^\/[^/]+$/.test(rest)) for (const m of ['PUT', 'POST', 'DELETE']) out.add(m);
  return out.size > 0 ? [...out] : undefined;
}

/**
 * Mounts GAR's subscription web service under `/ws/abonnement/` (create, update, delete, list with filters from the
 * XML body or the query, the school list, the allocation count) and `/decompteaffectations` at the root. Every
 * failure answers GAR's `<Erreur>` body.
 */
export function mountWsAbonnementRoutes(app: OpenAPIHono<AppEnv>, table: RouteTable, service: GarService): void {
  const route = (config: RouteConfig, handler: WsHandler) => defineRoute(app, table, config, ws(service, handler));
  app.openAPIRegistry.registerComponent('securitySchemes', 'publisherApiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'Publisher API key',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'publisherCertificate', {
    type: 'mutualTLS',
    description: 'Registered client certificate',
  });

  route(
    createRoute({
      method: 'get',
      path: `${WS_ABONNEMENT_BASE}/abonnements`,
      tags,
      security,
      summary: 'Lists the publisher’s subscriptions (filters in the XML body or the query; debut/fin paging)',
      description:
        'GAR sends the filters as an XML body on this GET (`<filtres><filtre><filtreNom>uaiEtab</filtreNom><filtreValeur>…</filtreValeur></filtre><triPar>idAbonnement</triPar><tri>ASC</tri></filtres>`); clients that cannot send a GET body give the same names as query parameters (`?uaiEtab=…&idRessource=…&idDistributeurCom=…&tri=DESC`). `debut` (0-based) and `fin` (exclusive) page, at most 1,000.',
      responses: { 200: xml('`<abonnements>`'), ...erreurs(400, 401, 413, 415) },
    }),
    async (c, publisher) => {
      const body = await readXmlRequest(c.req.raw, c.env);
      if (!body.ok) return erreurResponse(body.status, body.message);
      const params = new URL(c.req.url).searchParams;
      const filters = body.text.trim() !== '' ? parseFiltersXml(body.text) : parseFiltersQuery(params);
      const { offset, limit } = parsePaging(params);
      const { items } = await service.subscriptions.list(publisher, {
        distributorIds: filters.idDistributeurCom,
        uais: filters.uaiEtab,
        resourceIds: filters.idRessource,
        order: filters.order,
        offset,
        limit,
      });
      return xmlResponse(abonnementsDocument(items));
    },
  );

  route(
    createRoute({
      method: 'get',
      path: `${WS_ABONNEMENT_BASE}/etablissements/etablissements.xml`,
      tags,
      security,
      summary: 'The schools subscriptions can be delivered to',
      responses: { 200: xml('`<listEtablissement>`'), ...erreurs(401) },
    }),
    async (_c, publisher) =>
      xmlResponse(etablissementsDocument(await service.subscriptions.deliverySchools(publisher))),
  );

  const decompte: WsHandler = async (c, publisher) => {
    const params = new URL(c.req.url).searchParams;
    const one = (name: string) => {
      const all = params.getAll(name);
      if (all.length > 1) throw new WsAbonnementError('invalid', `?${name}`, 'give this parameter once');
      return all[0] || undefined;
    };
    const subscriptionId = one('idAbonnement');
    const projectCode = one('codeProjetRessource');
    if ((subscriptionId === undefined) === (projectCode === undefined)) {
      throw new WsAbonnementError(
        'invalid',
        '?idAbonnement',
        'give exactly one of idAbonnement or codeProjetRessource',
      );
    }
    const rows = await service.subscriptions.countAllocations(
      publisher,
      subscriptionId !== undefined ? { subscriptionId } : { projectCode: projectCode! },
    );
    const csv = decompteCsv(
      rows.map((r) => ({
        uai: r.uai,
        subscriptionId: r.subscriptionId,
        ...(r.projectCode ? { projectCode: r.projectCode } : {}),
        resourceId: r.resourceId,
        eleve: r.counts.ELEVE,
        enseignant: r.counts.ENSEIGNANT,
        documentaliste: r.counts.DOCUMENTALISTE,
        autrePersonnel: r.counts['AUTRE PERSONNEL'],
      })),
    );
    return new Response(csv, {
      status: 200,
      headers: { 'content-type': 'text/csv;charset=utf-8', 'cache-control': 'no-store' },
    });
  };
  for (const path of ['/decompteaffectations', `${WS_ABONNEMENT_BASE}/decompteaffectations`]) {
    route(
      createRoute({
        method: 'get',
        path,
        tags,
        security,
        summary: 'GAR’s allocation count (CSV), for one subscription or one project code',
        request: {
          query: z.object({ idAbonnement: z.string().optional(), codeProjetRessource: z.string().optional() }),
        },
        responses: {
          200: { description: '`;`-separated CSV', content: { 'text/csv': { schema: z.string() } } },
          ...erreurs(400, 401, 404),
        },
      }),
      decompte,
    );
  }

  route(
    createRoute({
      method: 'put',
      path: `${WS_ABONNEMENT_BASE}/{id}`,
      tags,
      security,
      summary: 'Creates a subscription',
      description:
        'An id your `idDistributeurCom` used before (deleted subscriptions included) is refused with 409; ids are scoped by distributor, so another distributor’s id answers as a free one. Only your own `idDistributeurCom`, for resources it distributes.',
      request: { params: idParam, body: { required: true, content: { 'application/xml': { schema: z.string() } } } },
      responses: { 201: xml('The `<abonnement>` created'), ...erreurs(400, 401, 403, 409, 413, 415) },
    }),
    async (c, publisher) => {
      const id = c.req.param('id') ?? '';
      const body = await readXmlRequest(c.req.raw, c.env);
      if (!body.ok) return erreurResponse(body.status, body.message);
      const { subscription } = parseAbonnement(body.text, { mode: 'create' }, id);
      await service.subscriptions.create(publisher, subscription, id);
      const res = xmlResponse(abonnementDocument(subscription), 201);
      res.headers.set('location', `${WS_ABONNEMENT_BASE}/${encodeURIComponent(id)}`);
      return res;
    },
  );

  route(
    createRoute({
      method: 'post',
      path: `${WS_ABONNEMENT_BASE}/{id}`,
      tags,
      security,
      summary: 'Updates a subscription (idAbonnement and uaiEtab never change)',
      description:
        'Lowering a count below the copies in use makes the subscription over-allocated: nothing is taken back, new allocations are refused until copies are withdrawn, and the school’s managers are told.',
      request: { params: idParam, body: { required: true, content: { 'application/xml': { schema: z.string() } } } },
      responses: { 200: xml('The `<abonnement>` as updated'), ...erreurs(400, 401, 403, 404, 413, 415) },
    }),
    async (c, publisher) => {
      const id = c.req.param('id') ?? '';
      const body = await readXmlRequest(c.req.raw, c.env);
      if (!body.ok) return erreurResponse(body.status, body.message);
      const current = await service.subscriptions.get(publisher, id);
      const { subscription } = parseAbonnement(body.text, { mode: 'update', current }, id);
      await service.subscriptions.update(publisher, id, subscription);
      return xmlResponse(abonnementDocument(subscription));
    },
  );

  route(
    createRoute({
      method: 'delete',
      path: `${WS_ABONNEMENT_BASE}/{id}`,
      tags,
      security,
      summary: 'Deletes a subscription: access ends at once, allocations are archived',
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...erreurs(401, 404) },
    }),
    async (c, publisher) => {
      await service.subscriptions.delete(publisher, c.req.param('id') ?? '');
      return new Response(null, { status: 204 });
    },
  );

  const fallback: Handler<AppEnv> = (c) => {
    const methods = allowed(c.req.path);
    if (!methods) return erreurResponse(404, `${c.req.path}: no such resource of the web service`);
    return erreurResponse(405, `${c.req.path}: use ${methods.join(', ')}`, { allow: methods.join(', ') });
  };
  app.all(`${WS_ABONNEMENT_BASE}/*`, fallback);
  app.all(WS_ABONNEMENT_BASE, fallback);
  app.all('/decompteaffectations', fallback);
}
