import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { catalogueDeliverySchema, publisherCatalogueSchema, schoolCatalogueSchema } from '@opengar/core';
import type { Context, Handler } from 'hono';
import type { GarService } from '../../create-gar-service.js';
import {
  MAX_CATALOGUE_XML_BYTES,
  parseRessourcesDiffusables,
  ressourcesDiffusablesDocument,
} from '../../gar/ressources-diffusables-codec.js';
import { GarServiceError } from '../../kernel/errors.js';
import type { Actor } from '../../kernel/types.js';
import { StoreError } from '../../store/errors.js';
import { WsAbonnementError } from '../../ws-abonnement/errors.js';
import { publisherCredentialOf } from '../../ws-abonnement/publisher-credential.js';
import { readXmlRequest } from '../../ws-abonnement/read-xml-request.js';
import { erreurResponse, xmlResponse } from '../../ws-abonnement/ws-response.js';
import type { AppEnv } from '../app-env.js';
import { bearerToken, entUserAuth } from '../bearer-auth.js';
import { requestClient } from '../client-address.js';
import { json, jsonBody, problems } from '../openapi-parts.js';
import { readJsonBody } from '../read-input.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';
import { publisherAuth } from './publisher-routes.js';

/** Where publishers deliver their catalogue in GAR's XML. */
export const WS_CATALOGUE_PATH = '/ws/catalogue/ressourcesDiffusables';
/** Where ENT back ends read the whole catalogue in GAR's XML. */
export const RESSOURCES_DIFFUSABLES_PATH = '/ressourcesDiffusables';
/** The largest JSON delivery read. */
export const MAX_CATALOGUE_JSON_BYTES = 8 * 1024 * 1024;

const ENTRY_ELEMENTS: Readonly<Record<string, string>> = {
  resourceId: 'idRessource',
  publisherId: 'idEditeur',
};

/** GAR's `<Erreur>` for what an XML handler throws; unknown errors are logged and answered generically. */
function xmlError(service: GarService, c: Context<AppEnv>, err: unknown): Response {
  if (err instanceof WsAbonnementError) return erreurResponse(err.status, err.message);
  if (err instanceof GarServiceError) {
    const issue = err.issues[0];
    const m = issue ? /^\/entries\/(\d+)\/?(\w*)/.exec(issue.pointer) : null;
    const at = m
      ? `/listeRessourcesDiffusables/ressourceDiffusable[${Number(m[1]) + 1}]${m[2] ? `/${ENTRY_ELEMENTS[m[2]] ?? m[2]}` : ''}`
      : '/listeRessourcesDiffusables';
    return erreurResponse(err.status, `${at}: ${issue?.message ?? err.message}`);
  }
  if (err instanceof StoreError && (err.code === 'unavailable' || err.code === 'locked'))
    return erreurResponse(err.status, '/: the store is unavailable, retry later');
  const e = err instanceof Error ? err : new Error(String(err));
  service.logger.error('unhandled_error', { requestId: c.get('requestId'), error: e.name, message: e.message });
  return erreurResponse(500, `/: an internal error occurred; quote the request id ${c.get('requestId')} to support`);
}

type XmlHandler = (c: Context<AppEnv>, actor: Actor) => Promise<Response>;

/** Authenticates a publisher (certificate or API key) and answers every failure in GAR's XML. */
function asPublisher(service: GarService, handler: XmlHandler): Handler<AppEnv> {
  return async (c) => {
    try {
      const credential = publisherCredentialOf(c.req.raw.headers);
      if (!credential)
        return erreurResponse(401, '/: a client certificate or an API key (Authorization: Bearer) is required');
      const actor = await service.identity.authenticatePublisher(credential, requestClient(c));
      c.set('actor', actor);
      return await handler(c, actor);
    } catch (err) {
      return xmlError(service, c, err);
    }
  };
}

/** Authenticates an ENT back end (client assertion for this URL) and answers every failure in GAR's XML. */
function asEntClient(service: GarService, handler: XmlHandler): Handler<AppEnv> {
  return async (c) => {
    try {
      const token = bearerToken(c);
      if (token === undefined)
        return erreurResponse(401, '/: an ENT client assertion (Authorization: Bearer) is required');
      const actor = await service.identity.authenticateEntClient(
        { assertion: token, url: `${service.issuer}${c.req.path}` },
        requestClient(c),
      );
      c.set('actor', actor);
      return await handler(c, actor);
    } catch (err) {
      return xmlError(service, c, err);
    }
  };
}

const xml = (description: string) => ({ description, content: { 'application/xml': { schema: z.string() } } });
const erreurs = (...statuses: number[]): RouteConfig['responses'] =>
  Object.fromEntries(
    statuses.map((s) => [String(s), xml('GAR error body `<Erreur><Code>…</Code><Message>…</Message></Erreur>`')]),
  );
const publisherSecurity: Record<string, string[]>[] = [{ publisherApiKey: [] }, { publisherCertificate: [] }];

/**
 * The publishers' catalogue of diffusable resources: GAR's XML (`/ws/catalogue/ressourcesDiffusables` for publishers,
 * `/ressourcesDiffusables` for ENT back ends), the JSON API (`/api/v1/publisher/catalogue`) and the school's view
 * (`/api/v1/schools/{uai}/catalogue`, heads, librarians and teachers, with an ENT user assertion).
 */
export function mountCatalogueRoutes(app: OpenAPIHono<AppEnv>, table: RouteTable, service: GarService): void {
  const wsTags = ['Subscription web service (GAR XML)'];
  const now = () => service.clock.now();

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: WS_CATALOGUE_PATH,
      tags: wsTags,
      security: publisherSecurity,
      summary: 'The publisher’s own catalogue of diffusable resources (`<listeRessourcesDiffusables>`)',
      responses: { 200: xml('`<listeRessourcesDiffusables>`'), ...erreurs(401) },
    }),
    asPublisher(service, async (_c, actor) =>
      xmlResponse(ressourcesDiffusablesDocument(await service.catalogue.own(actor), now())),
    ),
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'put',
      path: WS_CATALOGUE_PATH,
      tags: wsTags,
      security: publisherSecurity,
      summary: 'Replaces the publisher’s catalogue with a `<listeRessourcesDiffusables>` (all or nothing)',
      description: [
        "GAR's elements of each `<ressourceDiffusable>` (`idEditeur` must be yours), then optional ScoLOMFR elements:",
        '`typePresentation`, `niveauEducatif`, `domaineEnseignement`, `typePedagogique`, `typologieDocument` (each',
        '`<uri>`, `<nom>`), `gratuit`, `offreNationale` (`EDUTHEQUE`, `BRNE`), `attributDeclare`, `urlVignette`,',
        `\`description\`. At most ${MAX_CATALOGUE_XML_BYTES} bytes and 5,000 entries.`,
      ].join(' '),
      request: { body: { required: true, content: { 'application/xml': { schema: z.string() } } } },
      responses: { 200: xml('The catalogue as stored'), ...erreurs(400, 401, 409, 413, 415) },
    }),
    asPublisher(service, async (c, actor) => {
      const body = await readXmlRequest(c.req.raw, c.env, MAX_CATALOGUE_XML_BYTES);
      if (!body.ok) return erreurResponse(body.status, body.message);
      const { entries } = parseRessourcesDiffusables(body.text);
      const stored = await service.catalogue.deliver(actor, { entries });
      return xmlResponse(ressourcesDiffusablesDocument(stored, now()));
    }),
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: RESSOURCES_DIFFUSABLES_PATH,
      tags: ['GAR-compatible'],
      security: [{ entClient: [] }],
      summary: 'The whole catalogue of diffusable resources, as GAR gives it to ENTs',
      responses: { 200: xml('`<listeRessourcesDiffusables>`'), ...erreurs(401, 403) },
    }),
    asEntClient(service, async (_c, actor) =>
      xmlResponse(ressourcesDiffusablesDocument(await service.catalogue.all(actor), now())),
    ),
  );

  // A wrong method or path of GAR's XML routes answers GAR's <Erreur>, as the subscription web service does.
  const allowed: Record<string, string> = { [WS_CATALOGUE_PATH]: 'GET, PUT', [RESSOURCES_DIFFUSABLES_PATH]: 'GET' };
  const fallback: Handler<AppEnv> = (c) => {
    const methods = allowed[c.req.path];
    if (!methods) return erreurResponse(404, `${c.req.path}: no such resource of the web service`);
    return erreurResponse(405, `${c.req.path}: use ${methods}`, { allow: methods });
  };
  app.all('/ws/catalogue/*', fallback);
  app.all(RESSOURCES_DIFFUSABLES_PATH, fallback);

  const pubAuth = publisherAuth(service);
  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/publisher/catalogue',
      tags: ['Publisher'],
      security: publisherSecurity,
      summary: 'Your catalogue of diffusable resources',
      responses: { 200: json(publisherCatalogueSchema, 'Your entries, by idRessource'), ...problems(401) },
    }),
    pubAuth,
    async (c) => c.json({ items: await service.catalogue.own(actorOf(c)) }),
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'put',
      path: '/api/v1/publisher/catalogue',
      tags: ['Publisher'],
      security: publisherSecurity,
      summary: 'Replaces your catalogue (all or nothing)',
      request: { body: jsonBody(catalogueDeliverySchema, 'Every entry of yours; at most 5,000') },
      responses: {
        200: json(publisherCatalogueSchema, 'The catalogue as stored'),
        ...problems(400, 401, 409, 413, 415),
      },
    }),
    pubAuth,
    async (c) => {
      const body = await readJsonBody(c, MAX_CATALOGUE_JSON_BYTES);
      if (!body.ok) return body.response;
      return c.json({ items: await service.catalogue.deliver(actorOf(c), body.value) });
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/schools/{uai}/catalogue',
      tags: ['Catalogue'],
      security: [{ entAssertion: [] }],
      summary: 'The catalogue of diffusable resources, with the school’s standing for each',
      description:
        'For the school’s head, librarians, teachers, allocation managers and delegates: each diffusable resource ' +
        'with `status` (`subscribed`, `not-subscribed`, `ended`), `until`, and the attributes it would receive.',
      request: { params: z.object({ uai: z.string().min(1).max(45) }) },
      responses: { 200: json(schoolCatalogueSchema, 'The catalogue'), ...problems(401, 403, 404) },
    }),
    entUserAuth(service),
    async (c) => c.json(await service.catalogue.school(actorOf(c), c.req.param('uai') ?? '')),
  );
}
