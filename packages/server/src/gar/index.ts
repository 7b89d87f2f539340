/**
 * `@opengar/server/gar`: GAR's wire formats: the médiacentre listing body and its error body, launch-link values, and
 * the WS abonnement codecs (subscription XML documents, filters, the licence-count CSV, the establishments document).
 *
 * @packageDocumentation
 */
export {
  decodeGarBase64,
  garBase64,
  garLaunchUrl,
  garListingSchema,
  garRessourceSchema,
  toGarListing,
  toGarRessource,
} from './ressources-listing.js';
export type { GarListing, GarListingContext, GarRessource } from './ressources-listing.js';
export { garErrorBody, garErrorBodySchema, garErrorResponse, reasonPhrase } from './gar-error-body.js';
export type { GarErrorBody } from './gar-error-body.js';

export { freeOfferSubscriptionId } from '../subscriptions/subscriptions-free-offers.js';
export { WS_ABONNEMENT_BASE } from '../http/routes/ws-abonnement-routes.js';
export { WS_XML_TYPE } from '../ws-abonnement/ws-response.js';
export {
  WS_ABONNEMENT_NS,
  abonnementDocument,
  abonnementsDocument,
  erreurDocument,
  parseAbonnement,
} from '../ws-abonnement/abonnement-codec.js';
export type { AbonnementInput, AbonnementMode } from '../ws-abonnement/abonnement-codec.js';
export { decompteCsv } from '../ws-abonnement/decompte-codec.js';
export type { DecompteRow } from '../ws-abonnement/decompte-codec.js';
export { WsAbonnementError } from '../ws-abonnement/errors.js';
export type { WsAbonnementErrorCode } from '../ws-abonnement/errors.js';
export { etablissementsDocument } from '../ws-abonnement/etablissements-codec.js';
export { parseFiltersQuery, parseFiltersXml, parsePaging } from '../ws-abonnement/filters-codec.js';
export type { AbonnementFilters } from '../ws-abonnement/filters-codec.js';
export { readXmlRequest } from '../ws-abonnement/read-xml-request.js';
export { publisherCredentialOf } from '../ws-abonnement/publisher-credential.js';
