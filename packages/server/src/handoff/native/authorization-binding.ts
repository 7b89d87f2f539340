/**
 * What an authorization request of a native app binds the ENT round trip to: the app, its redirect URI, the PKCE
 * challenge (S256 only) and the app's `state` and `nonce`, echoed back. Carried in the signed launch state.
 */
export interface AuthorizationBinding {
  clientId: string;
  redirectUri: string;
  /** The S256 `code_challenge`. */
  codeChallenge: string;
  /** The app's `state`, echoed on the redirect. */
  state?: string;
  /** The app's OpenID `nonce`, copied into the ID token. */
  nonce?: string;
}

/** Longest `state` an app may send (it travels in the launch state and back in a URL). */
export const MAX_OAUTH_STATE_LENGTH = 1024;
/** Longest `nonce`. */
export const MAX_OAUTH_NONCE_LENGTH = 256;

/**
 * The redirect answering an authorization request: `code` (or `error` and `error_description`), `state` when the app
 * sent one, and `iss` (RFC 9207), so that an app talking to several servers knows which one answered.
 *
 * @example
 * ```ts
 * authorizationRedirect(binding, issuer, { code }); // 'http://127.0.0.1:51004/cb?code=…&state=…&iss=…'
 * ```
 */
export function authorizationRedirect(
  binding: Pick<AuthorizationBinding, 'redirectUri' | 'state'>,
  issuer: string,
  answer: { code: string } | { error: string; description: string },
): string {
  const url = new URL(binding.redirectUri);
  if ('code' in answer) url.searchParams.set('code', answer.code);
  else {
    url.searchParams.set('error', answer.error);
    url.searchParams.set('error_description', answer.description);
  }
  if (binding.state !== undefined) url.searchParams.set('state', binding.state);
  url.searchParams.set('iss', issuer);
  return url.href;
}
