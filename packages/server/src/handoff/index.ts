/**
 * `@opengar/server/handoff`: the hand-off ("one-click access") building blocks: token, launch page, GAR-style links,
 * CAS 3.0, keys metadata, listing ETag. Embedders mount them with `createHandoffRoutes` (also in the root entry).
 *
 * @packageDocumentation
 */
export { createHandoff, casServices } from './create-handoff.js';
export type { Handoff, HandoffOptions, HandoffRefusalReason, HandoffRequest, HandoffResult } from './create-handoff.js';
export type { AuthorizationBinding } from './native/authorization-binding.js';
export { createHandoffRoutes } from './create-handoff-routes.js';
export type {
  GarListingQuery,
  GarListingResult,
  HandoffServiceOptions,
  LaunchHeaders,
  LaunchStart,
} from './handoff-use-cases.js';
export type { CasRedemption } from './cas/cas-use-cases.js';
export { registerHandoffOpenApi } from './handoff-openapi.js';
export type { HandoffRoutesOptions } from './create-handoff-routes.js';
export { MAX_TOKEN_LIFETIME_S, garTokenClaims, signGarToken } from './sign-gar-token.js';
export type { GarTokenClaims, SignGarTokenInput } from './sign-gar-token.js';
export type { ActiveSigningKey, PublicJwks, SigningKeySource } from './signing-key-source.js';
export { autoPostPageHtml, cspNonce, htmlEscape, launchPageHeaders, launchPageHtml } from './launch-page.js';
export type { AutoPostPageInput, LaunchPageInput } from './launch-page.js';
export { casFailureXml, casSuccessXml, xmlEscape } from './cas-response.js';
export { MAX_CAS_TICKET_LIFETIME_S, issueCasTicket, redeemCasTicket } from './single-use-tickets.js';
export type { CasFailureCode, CasTicketPayload } from './single-use-tickets.js';
export {
  LAUNCH_STATE_LIFETIME_S,
  MAX_LAUNCH_STATE_LENGTH,
  consumeLaunchState,
  issueLaunchState,
  launchStateKey,
  readLaunchState,
} from './launch-state.js';
export type { LaunchStatePayload, ReadLaunchState } from './launch-state.js';
export { GAR_CLAIMS_SUPPORTED, garConfiguration } from './well-known-routes.js';
export { bodyEtag, etagMatches, listingEtag } from './listing-etag.js';
export type { SamlCrypto, SamlRequestSignature, SamlSealInput } from './saml/saml-crypto.js';
export type { SamlBinding } from './saml/issue-saml-response.js';
export type { LtiLoginInitiation } from './lti/lti-login-hint.js';
