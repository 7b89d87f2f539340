/** GAR wire-format codecs of the médiacentre listing: the listing body, its error body, launch-link values. */
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
