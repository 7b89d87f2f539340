/**
 * `@opengar/server/identity`: how the service turns credentials into callers: ENT user and client assertions checked
 * against the ENTs' key sets, publishers' API keys and certificates, operators' secrets.
 *
 * @packageDocumentation
 */
export { createEntKeySets } from './ent-key-sets.js';
export type { DegradedKeySet, EntKeySets } from './ent-key-sets.js';
export { MAX_ASSERTION_LIFETIME_S, verifyEntAssertion, verifyEntAssertionOnce } from './verify-ent-assertion.js';
export type { EntAssertionDeps, VerifiedEntAssertion } from './verify-ent-assertion.js';
export { MAX_CLIENT_ASSERTION_LIFETIME_S, normalizeFingerprint, verifyEntClient } from './verify-ent-client.js';
export type { EntClientCredential, EntClientDeps } from './verify-ent-client.js';
export { verifyOperator, verifyPublisher } from './verify-secrets.js';
export type { PublisherCredential } from './verify-secrets.js';
// What the verifiers throw on a refused credential.
export { GarServiceError } from '../kernel/errors.js';
export type { GarServiceErrorCode } from '../kernel/errors.js';
