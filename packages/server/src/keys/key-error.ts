import { GarServerError } from '../kernel/gar-server-error.js';

/**
 * The closed set of codes a {@link KeyError} carries.
 *
 * - `invalid-kek`: the key-encryption key is not 32 bytes of base64url.
 * - `wrong-kek`: a stored signing key does not decrypt under this key-encryption key (it changed, or the row is damaged).
 * - `unsupported-algorithm`: a signing algorithm other than ES256, RS256 or EdDSA.
 * - `no-active-key`: no key of that algorithm may sign now.
 */
export type KeyErrorCode = 'invalid-kek' | 'wrong-kek' | 'unsupported-algorithm' | 'no-active-key';

/**
 * An error of the signing-key manager. Messages never contain key material.
 *
 * @example
 * ```ts
 * try { await keys.signingKey('ES256'); }
 * catch (e) { if (e instanceof KeyError && e.code === 'wrong-kek') console.error('OPENGAR_KEK changed'); }
 * ```
 */
export class KeyError extends GarServerError {
  /** A stable code; assert on it, not on the message. */
  readonly code: KeyErrorCode;
  constructor(code: KeyErrorCode, message: string, options?: { cause?: unknown }) {
    // A server fault for any HTTP caller: answered 500 generically, the message logged.
    super('internal', message, options?.cause === undefined ? {} : { cause: options.cause });
    this.name = 'KeyError';
    this.code = code;
  }
}
