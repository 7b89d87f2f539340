import { erreurDocument } from './abonnement-codec.js';

/** Content type of every XML answer of the web service. */
export const WS_XML_TYPE = 'application/xml;charset=utf-8';

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The HTTP reason phrase GAR writes in `<Code>`.
 *
 * @example
 * ```ts
 * wsReasonPhrase(409); // 'Conflict'
 * ```
 */
export function wsReasonPhrase(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

/**
 * GAR's `<Erreur>` answer: the reason phrase in `Code`, the offending element and why in `Message`.
 *
 * @example
 * ```ts
 * return erreurResponse(404, '/abonnement/idAbonnement: no such subscription');
 * ```
 */
export function erreurResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  const h: Record<string, string> = { 'content-type': WS_XML_TYPE, 'cache-control': 'no-store', ...headers };
  if (status === 401) h['www-authenticate'] = 'Bearer';
  return new Response(erreurDocument(wsReasonPhrase(status), message), { status, headers: h });
}

/**
 * An XML answer of the web service.
 *
 * @example
 * ```ts
 * return xmlResponse(abonnementDocument(sub), 201);
 * ```
 */
export function xmlResponse(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': WS_XML_TYPE, 'cache-control': 'no-store' } });
}

/** GAR element names of the subscription's code names, for messages that name the offending element. */
const ELEMENT: Readonly<Record<string, string>> = {
  id: 'idAbonnement',
  comment: 'commentaireAbonnement',
  distributorId: 'idDistributeurCom',
  resourceId: 'idRessource',
  resourceIdType: 'typeIdRessource',
  resourceLabel: 'libelleRessource',
  validFrom: 'debutValidite',
  validUntil: 'finValidite',
  endSchoolYear: 'anneeFinValidite',
  uai: 'uaiEtab',
  category: 'categorieAffectation',
  type: 'typeAffectation',
  licences: 'nbLicenceGlobale',
  audiences: 'publicCible',
  projectCode: 'codeProjetRessource',
  idAbonnement: 'idAbonnement',
};

/**
 * The XML path of a JSON pointer into a subscription (`/resourceId` → `/abonnement/idRessource`).
 *
 * @example
 * ```ts
 * elementPath('/uai'); // '/abonnement/uaiEtab'
 * ```
 */
export function elementPath(pointer: string): string {
  const first = pointer.split('/')[1] ?? '';
  const name = ELEMENT[first];
  return name ? `/abonnement/${name}` : pointer || '/';
}
