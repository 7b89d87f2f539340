import type { Context, Hono } from 'hono';
import { garErrorResponse } from '../gar/gar-error-body.js';
import { toGarListing } from '../gar/ressources-listing.js';
import type { AppEnv } from '../http/app-env.js';
import { requestClient } from '../http/client-address.js';
import { GarServiceError } from '../kernel/errors.js';
import type { EntClient } from '../kernel/types.js';
import { StoreError } from '../store/errors.js';
import { requestIdOf, type HandoffRouteDeps } from './handoff-context.js';
import { listingEtag } from './listing-etag.js';

/** GAR's status and message for each refusal of the listing. */
const LISTING_REFUSAL = {
  foreign_ent: [403, 'ENT non autorisé pour cette ressource'],
  unknown_school: [400, 'Établissement non trouvé'],
  unknown_person: [400, 'Utilisateur non trouvé'],
  not_at_school: [400, 'Utilisateur non rattaché à cet établissement'],
} as const;

/** Largest body tolerated on the listing (a GET has none; anything bigger is refused with 413). */
const MAX_LISTING_BODY = 1024;

function bearer(c: Context<AppEnv>): string | undefined {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return m?.[1];
}

async function authenticate(c: Context<AppEnv>, deps: HandoffRouteDeps): Promise<EntClient | Response> {
  const fail = (message: string) => garErrorResponse(401, message, c.req.path, { 'www-authenticate': 'Bearer' });
  const fingerprint = deps.clientCertFingerprint?.(c);
  const assertion = bearer(c);
  if (fingerprint === undefined && assertion === undefined) return fail('Authentification du client ENT requise');
  try {
    if (assertion !== undefined) {
      return await deps.service.identity.authenticateEntClient(
        { assertion, url: `${deps.service.issuer}${new URL(c.req.url).pathname}` },
        requestClient(c),
      );
    }
    return await deps.service.identity.authenticateEntClient({ certFingerprint: fingerprint! }, requestClient(c));
  } catch (err) {
    if (err instanceof GarServiceError && (err.code === 'unauthenticated' || err.code === 'token-expired'))
      return fail('Authentification du client ENT refusée');
    if (err instanceof GarServiceError && err.code === 'too-many-requests') {
      return garErrorResponse(err.status, 'Trop de tentatives refusées ; réessayer plus tard', c.req.path, {
        'retry-after': String(err.retryAfterS ?? 60),
      });
    }
    throw err;
  }
}

function bodyProblem(c: Context<AppEnv>): Response | undefined {
  const length = c.req.header('content-length');
  const chunked = c.req.header('transfer-encoding') !== undefined;
  if (length === undefined && !chunked) return undefined;
  if (chunked || Number(length) > MAX_LISTING_BODY)
    return garErrorResponse(413, 'Corps de requête trop volumineux', c.req.path);
  const type = c.req.header('content-type');
  if (Number(length) > 0 && type !== undefined && !/^application\/json\s*(;.*)?$/i.test(type)) {
    return garErrorResponse(415, 'Type de contenu non pris en charge', c.req.path);
  }
  return undefined;
}

/**
 * GAR-compatible médiacentre listing: `GET /ressources/{idENT}/{UAI}/{GARPersonIdentifiant}` for an ENT back end
 * (client assertion as a bearer token, or a verified client certificate), answering GAR's JSON body (with an ETag:
 * `304` on `If-None-Match`) and, for every failure, GAR's error body.
 */
export function mountListingRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  const { service } = deps;
  app.get('/ressources/:idENT/:uai/:personId', listingEtag(), async (c) => {
    const path = c.req.path;
    try {
      const tooBig = bodyProblem(c);
      if (tooBig) return tooBig;
      const client = await authenticate(c, deps);
      if (client instanceof Response) return client;
      const { idENT, uai, personId } = c.req.param();
      const listing = await service.handoff.listGarResources(client, { entId: idENT, uai, personId });
      if (!listing.ok) {
        const [status, message] = LISTING_REFUSAL[listing.reason];
        return garErrorResponse(status, message, path);
      }
      const body = toGarListing(listing.resources, {
        issuer: service.issuer,
        entId: idENT,
        uai,
        ...(deps.badgeUrl === undefined ? {} : { badgeUrl: deps.badgeUrl }),
      });
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-cache' },
      });
    } catch (err) {
      if (err instanceof GarServiceError && err.code === 'unavailable')
        return garErrorResponse(503, 'Service momentanément indisponible', path);
      if (err instanceof StoreError && (err.code === 'unavailable' || err.code === 'locked'))
        return garErrorResponse(503, 'Service momentanément indisponible', path);
      service.logger.error('listing.internal', {
        requestId: requestIdOf(c),
        error: err instanceof Error ? err.name : 'unknown',
      });
      return garErrorResponse(500, 'Erreur interne', path);
    }
  });
  app.all('/ressources/*', (c) => {
    const listingShape = /^\/ressources\/[^/]+\/[^/]+\/[^/]+\/?$/.test(c.req.path);
    if (listingShape && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      return garErrorResponse(405, 'Méthode non autorisée', c.req.path, { allow: 'GET, HEAD' });
    }
    return garErrorResponse(404, 'Ressource non trouvée', c.req.path);
  });
  app.all('/ressources', (c) => garErrorResponse(404, 'Ressource non trouvée', c.req.path));
}
