/**
 * The closed set of codes a {@link KeyError} carries.
 *
 * - `invalid_kek`: the key-encryption key is not 32 bytes of base64url.
 * - `wrong_kek`: a stored signing key does not decrypt under this key-encryption key (it changed, or the row is damaged).
 * - `unsupported_algorithm`: a signing algorithm other than ES256, RS256 or EdDSA.
 * - `no_active_key`: no key of that algorithm may sign now.
 */
export type KeyErrorCode = 'invalid_kek' | 'wrong_kek' | 'unsupported_algorithm' | 'no_active_key';

/**
 * An error of the signing-key manager. Messages never contain key material.
 *
 * @example
 * ```ts
 * try { await keys.signingKey('ES256'); }
 * catch (e) { if (e instanceof KeyError && e.code === 'wrong_kek') console.error('OPENGAR_KEK changed'); }
 * ```
 */
export class KeyError extends Error {
  /** A stable code; assert on it, not on the message. */
  readonly code: KeyErrorCode;
  constructor(code: KeyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeyError';
    this.code = code;
  }
}
