/** The error codes of OAuth 2.0 answers used here (RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'invalid_token';

/** An OAuth error answer: its HTTP status, code and a description for the app's developer (never a secret). */
export interface OAuthFailure {
  ok: false;
  status: 400 | 401 | 503;
  error: OAuthErrorCode;
  description: string;
}

/** Builds an {@link OAuthFailure}; `invalid_client` and `invalid_token` are 401, the rest 400. */
export function oauthFailure(error: OAuthErrorCode, description: string): OAuthFailure {
  const status = error === 'invalid_client' || error === 'invalid_token' ? 401 : 400;
  return { ok: false, status, error, description };
}

/** Request parameters as received: every value of each name (a repeated parameter is an error, RFC 6749 §3.1). */
export type OAuthParams = Record<string, readonly string[] | undefined>;

/** The single value of a parameter, `undefined` when absent or empty, or `'repeated'`. */
export function single(params: OAuthParams, name: string): { value: string | undefined } | 'repeated' {
  const all = params[name] ?? [];
  if (all.length > 1) return 'repeated';
  const value = all[0];
  return { value: value === '' ? undefined : value };
}
