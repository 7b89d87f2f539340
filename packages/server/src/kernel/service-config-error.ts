import { GarServerError } from './gar-server-error.js';

/**
 * Fewest bytes of a pseudonym secret (`OPENGAR_PSEUDONYM_SECRET`): 256 bits, the CLI's own minimum.
 *
 * @example
 * ```ts
 * if (new TextEncoder().encode(secret).byteLength < MIN_SECRET_BYTES) refuse();
 * ```
 */
export const MIN_SECRET_BYTES = 32;

/**
 * Why a service cannot be made or cannot do what was asked of it, as configured:
 *
 * - `secret-too-short`: a `pseudonymSecret` under {@link MIN_SECRET_BYTES} bytes.
 * - `handoff-not-configured`: a hand-off member called on a service made without `pseudonymSecret`,
 *   `statisticsSecret` or `signingKeys`.
 */
export type ServiceConfigErrorCode = 'secret-too-short' | 'handoff-not-configured' | 'bad-legal-link';

/**
 * A mistake of the embedder, not of a request: thrown by `createGarService` for a bad option, and by a hand-off
 * member of a service made without the hand-off's secrets and keys. Answered as a 500 (`internal`), never explained
 * to clients. Messages name the option, never its value.
 *
 * @example
 * ```ts
 * try { createGarService({ store, issuer, pseudonymSecret: 'short' }); }
 * catch (e) { if (e instanceof ServiceConfigError) console.error(e.code); } // 'secret-too-short'
 * ```
 */
export class ServiceConfigError extends GarServerError {
  /** A stable code; assert on it, not on the message. */
  readonly code: ServiceConfigErrorCode;
  constructor(code: ServiceConfigErrorCode, message: string) {
    super('internal', message);
    this.name = 'ServiceConfigError';
    this.code = code;
  }
}

/** The length in bytes of a secret given as text (UTF-8) or bytes. */
export function secretBytes(secret: string | Uint8Array): number {
  return typeof secret === 'string' ? new TextEncoder().encode(secret).byteLength : secret.byteLength;
}
