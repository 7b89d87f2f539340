import { errors } from 'jose';
import { GarServiceError } from '../service/errors.js';

/** Algorithms accepted for ENT-signed tokens: asymmetric only (`none` and HMAC are never accepted). */
export const ENT_ALGORITHMS = ['ES256', 'RS256', 'EdDSA', 'PS256'];

/** Longest token accepted before any parsing. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * Turns a jose or key-resolution failure into a {@link GarServiceError}, keeping the cause for logs and never the
 * token in the message.
 */
export function credentialError(e: unknown, what: string): GarServiceError {
  if (e instanceof GarServiceError) return e;
  if (e instanceof errors.JWTExpired) return new GarServiceError('token_expired', `${what} has expired`, { cause: e });
  // jose's codes and claim names say what failed (an ENT developer needs that) and never contain the token.
  const reason = e instanceof errors.JWTClaimValidationFailed ? `claim ${e.claim} ${e.reason}` : e instanceof errors.JOSEError ? e.code : 'malformed';
  return new GarServiceError('unauthenticated', `${what} did not verify (${reason})`, { cause: e });
}
