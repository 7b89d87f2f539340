/**
 * The closed set of codes a {@link GarTokenError} carries.
 *
 * - `expired`: `exp` is past (beyond the clock tolerance).
 * - `not_yet_valid`: `nbf` or `iat` is in the future (beyond the clock tolerance).
 * - `bad_signature`: the signature does not match the header and payload.
 * - `wrong_audience`: `aud` does not name this resource.
 * - `wrong_issuer`: `iss` is not the expected service.
 * - `wrong_type`: the header `typ` is not `gar+jwt`.
 * - `replayed`: the `jti` was already used (or the replay store refused to remember it).
 * - `unknown_key`: no key of the key set has the header's `kid` and suits its `alg`.
 * - `jwks_unavailable`: the remote key set could not be fetched (down, slow, too big, not a JWKS).
 * - `unsupported_algorithm`: `alg` is not one of the configured algorithms (`none`, `HS256`… always are not).
 * - `malformed`: not a compact JWS, bad base64url or JSON, a `crit` header, a missing or mistyped claim,
 *   a lifetime (`exp - iat`) over 120 s, an oversized token, or no token at all.
 *
 * @example
 * ```ts
 * const relaunch: GarTokenErrorCode[] = ['expired', 'replayed'];
 * if (isGarTokenError(e) && relaunch.includes(e.code)) showRelaunchPage();
 * ```
 */
export type GarTokenErrorCode =
  | 'expired'
  | 'not_yet_valid'
  | 'bad_signature'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'wrong_type'
  | 'replayed'
  | 'unknown_key'
  | 'jwks_unavailable'
  | 'unsupported_algorithm'
  | 'malformed';

const codes: ReadonlySet<string> = new Set<GarTokenErrorCode>([
  'expired',
  'not_yet_valid',
  'bad_signature',
  'wrong_audience',
  'wrong_issuer',
  'wrong_type',
  'replayed',
  'unknown_key',
  'jwks_unavailable',
  'unsupported_algorithm',
  'malformed',
]);

/**
 * The one error `verify()` rejects with when a token is refused. Its message never contains the token;
 * the underlying failure, when there is one, is in `cause`.
 *
 * @example
 * ```ts
 * try {
 *   const claims = await verifier.verify(token);
 * } catch (e) {
 *   if (e instanceof GarTokenError && e.code === 'expired') return showRelaunchPage();
 *   throw e;
 * }
 * ```
 */
export class GarTokenError extends Error {
  /** A stable code from a closed union; branch on it rather than on the message. */
  readonly code: GarTokenErrorCode;
  constructor(code: GarTokenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GarTokenError';
    this.code = code;
  }
}

/**
 * True when `value` is a {@link GarTokenError}, also across realms or duplicated copies of this package
 * (it checks the name and the code rather than the prototype).
 *
 * @example
 * ```ts
 * if (isGarTokenError(e)) res.status(401).json({ code: e.code });
 * ```
 */
export function isGarTokenError(value: unknown): value is GarTokenError {
  if (value instanceof GarTokenError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; code?: unknown };
  return v.name === 'GarTokenError' && typeof v.code === 'string' && codes.has(v.code);
}
