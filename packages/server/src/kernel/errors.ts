import type { ProblemCode } from '@opengar/core';
import { GarServerError, type GarServerErrorOptions } from './gar-server-error.js';

/**
 * The closed set of codes a {@link GarServiceError} carries, each a problem code it answers with.
 *
 * - `validation`: the input is wrong; `issues` says where and why.
 * - `unauthenticated`: no credential, or one that does not verify.
 * - `token-expired`: an assertion that verified but has expired.
 * - `forbidden`: a known caller asking for something that is not theirs.
 * - `not-found`: no such thing (or not visible to this caller).
 * - `conflict`: it exists already, or the change contradicts the current state.
 * - `unavailable`: a dependency (store, an ENT's JWKS) did not answer.
 * - `too-many-requests`: too many failed attempts from this address or with this credential; `retryAfterS` says when
 *   to come back.
 */
export type GarServiceErrorCode = Extract<
  ProblemCode,
  | 'validation'
  | 'unauthenticated'
  | 'token-expired'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'too-many-requests'
>;

/**
 * The error of the service's use cases. Messages never contain tokens or secrets; `cause` keeps the underlying failure
 * for logs.
 *
 * @example
 * ```ts
 * try { await service.admin.ents.create(actor, body); }
 * catch (e) { if (e instanceof GarServiceError && e.code === 'validation') console.log(e.issues); }
 * ```
 */
export class GarServiceError extends GarServerError {
  /** A stable code; assert on it, not on the message. */
  readonly code: GarServiceErrorCode;
  constructor(code: GarServiceErrorCode, message: string, options: GarServerErrorOptions = {}) {
    super(code, message, options);
    this.name = 'GarServiceError';
    this.code = code;
  }
}

/** A `validation` error about one field. */
export function invalid(pointer: string, code: string, message: string): GarServiceError {
  return new GarServiceError('validation', `Invalid input: ${pointer || '(root)'}: ${message}`, {
    issues: [{ pointer, code, message }],
  });
}
