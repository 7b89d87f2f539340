import { MAX_JSON_DEPTH, TEXT_PROBLEM_MESSAGES, jsonDepth, normalizeText, textProblem } from '@opengar/core';
import { errors } from 'jose';
import { GarServiceError, invalid } from '../kernel/errors.js';

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
  if (e instanceof errors.JWTExpired) return new GarServiceError('token-expired', `${what} has expired`, { cause: e });
  // jose's codes and claim names say what failed (an ENT developer needs that) and never contain the token.
  const reason =
    e instanceof errors.JWTClaimValidationFailed
      ? `claim ${e.claim} ${e.reason}`
      : e instanceof errors.JOSEError
        ? e.code
        : 'malformed';
  return new GarServiceError('unauthenticated', `${what} did not verify (${reason})`, { cause: e });
}

/**
 * Refuses, before any verification, a token whose header or payload nests JSON deeper than {@link MAX_JSON_DEPTH}
 * (a `validation` error naming the limit): whatever walks the claims next must not overflow the stack.
 */
export function checkTokenDepth(token: string, what: string): void {
  for (const part of token.split('.', 2)) {
    let json: string;
    try {
      json = new TextDecoder().decode(
        Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0)),
      );
    } catch {
      continue; // not base64url: jose says so in its own words
    }
    if (jsonDepth(json, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
      throw invalid('', 'too_deep', `${what} nests more than ${MAX_JSON_DEPTH} levels of JSON`);
  }
}

/**
 * A string claim naming an id (`iss`, `sub`), NFC-normalised, or a `validation` error when it breaks the id text rule
 * (a control, format character or mixed scripts would otherwise reach the store).
 */
export function claimId(value: string, claim: string): string {
  const code = textProblem(value, 'id');
  if (code) throw invalid(`/${claim}`, code, TEXT_PROBLEM_MESSAGES[code]);
  return normalizeText(value);
}
