import type { ValidationIssue } from '@opengar/core';

/**
 * The closed set of codes a {@link GarServiceError} carries.
 *
 * - `validation`: the input is wrong; `issues` says where and why.
 * - `unauthenticated`: no credential, or one that does not verify.
 * - `token_expired`: an assertion that verified but has expired.
 * - `forbidden`: a known caller asking for something that is not theirs.
 * - `not_found`: no such thing (or not visible to this caller).
 * - `conflict`: it exists already, or the change contradicts the current state.
 * - `unavailable`: a dependency (store, an ENT's JWKS) did not answer.
 * - `rate_limited`: too many failed attempts from this address or with this credential; `retryAfterS` says when to
 *   come back.
 */
export type GarServiceErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'token_expired'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unavailable'
  | 'rate_limited';

/**
 * The one error class of the service's use cases. Messages never contain tokens or secrets; `cause` keeps the
 * underlying failure for logs.
 *
 * @example
 * ```ts
 * try { await service.registerEnt(actor, body); }
 * catch (e) { if (e instanceof GarServiceError && e.code === 'validation') console.log(e.issues); }
 * ```
 */
export class GarServiceError extends Error {
  /** A stable code; assert on it, not on the message. */
  readonly code: GarServiceErrorCode;
  /** For `validation`: each problem with a JSON pointer. */
  readonly issues: readonly ValidationIssue[];
  /** For `rate_limited`: seconds until the window ends (the `Retry-After` of the answer). */
  readonly retryAfterS: number | undefined;
  constructor(code: GarServiceErrorCode, message: string, options: { issues?: readonly ValidationIssue[]; cause?: unknown; retryAfterS?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GarServiceError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.retryAfterS = options.retryAfterS;
  }
}

/** A `validation` error about one field. */
export function invalid(pointer: string, code: string, message: string): GarServiceError {
  return new GarServiceError('validation', `Invalid input: ${pointer || '(root)'}: ${message}`, {
    issues: [{ pointer, code, message }],
  });
}
