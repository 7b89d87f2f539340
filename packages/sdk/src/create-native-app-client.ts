import { GarSdkError, type GarRequestInfo } from './errors.js';
import type { FetchLike } from './options.js';

/**
 * Options of {@link createNativeAppClient}: the service, the app's registered client id and redirect URI.
 *
 * @example
 * ```ts
 * const options: NativeAppClientOptions = { serviceUrl: 'https://gar.example', clientId: 'lecteur', redirectUri: 'http://127.0.0.1:51004/cb' };
 * ```
 */
export interface NativeAppClientOptions {
  /** The service's issuer URL. */
  serviceUrl: string | URL;
  /** The client id the operator registered. */
  clientId: string;
  /** A registered redirect URI (a loopback one may carry the port the app listens on). */
  redirectUri: string;
  /** The fetch to use (default: the global `fetch`). */
  fetch?: FetchLike;
}

/** What to remember between opening the browser and receiving the redirect: never put it in a URL or a log. */
export interface PendingAuthorization {
  /** The URL to open in the system browser. */
  url: string;
  /** The PKCE verifier, sent with the code. */
  verifier: string;
  /** The `state` to expect back. */
  state: string;
  /** The `nonce` to expect in the ID token. */
  nonce: string;
}

/** The service's token answer. */
export interface NativeAppTokens {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  id_token: string;
  scope: string;
}

/**
 * An OAuth error of the native-app flow: at the redirect (`access_denied`…), from the token endpoint
 * (`invalid_grant`…) or from `userinfo` (`invalid_token`). `error` is the RFC 6749 code.
 *
 * @example
 * ```ts
 * try { await app.exchange(redirect, pending); } catch (e) { if (e instanceof NativeAppError && e.error === 'access_denied') showNoLicence(); }
 * ```
 */
export class NativeAppError extends GarSdkError {
  override name = 'NativeAppError';
  /** The OAuth error code (`invalid_grant`, `access_denied`, `invalid_token`…), or `state_mismatch`, `issuer_mismatch`. */
  readonly error: string;
  /** The HTTP status, when the service answered one (0 for an error read from the redirect). */
  readonly status: number;
  constructor(error: string, description: string, status: number, request: GarRequestInfo) {
    super('oauth', `${error}: ${description}`, request);
    this.error = error;
    this.status = status;
  }
}

/** The native app's calls: open the browser at `authorizationUrl`, then `exchange` the redirect, then `userinfo`. */
export interface NativeAppClient {
  /** A fresh authorization request: its URL (PKCE S256, `state`, `nonce`) and what to keep for the exchange. */
  start(options?: { idpHint?: string; uai?: string }): Promise<PendingAuthorization>;
  /** Reads the redirect the browser landed at (checks `state`), then `POST /oauth/token` with the verifier. */
  exchange(redirect: string | URL, pending: PendingAuthorization): Promise<NativeAppTokens>;
  /** `GET /oauth/userinfo`: `sub` (the IDO) and the released attributes. */
  userinfo(accessToken: string): Promise<Record<string, string | string[]>>;
}

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const random = (n: number) => base64url(globalThis.crypto.getRandomValues(new Uint8Array(n)));

async function s256(verifier: string): Promise<string> {
  return base64url(
    new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
}

function failure(body: Record<string, unknown>, status: number, request: GarRequestInfo): NativeAppError {
  const error = typeof body.error === 'string' ? body.error : 'invalid_response';
  return new NativeAppError(
    error,
    typeof body.error_description === 'string' ? body.error_description : '',
    status,
    request,
  );
}

async function readJson(res: Response): Promise<Record<string, unknown>> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A client for a native app (RFC 8252) of a resource: the authorization-code flow with PKCE S256 through the system
 * browser, the code exchange and `userinfo`. Web Crypto only: Node 20+, browsers, React Native with a polyfill.
 *
 * @example
 * ```ts
 * const app = createNativeAppClient({ serviceUrl: 'https://gar.example', clientId: 'lecteur', redirectUri: 'http://127.0.0.1:51004/cb' });
 * const pending = await app.start({ idpHint: 'ENTTEST1' });
 * // open pending.url in the system browser, wait for http://127.0.0.1:51004/cb?code=…
 * const tokens = await app.exchange(redirectUrl, pending);
 * const claims = await app.userinfo(tokens.access_token); // { sub, IDO, PRO… }
 * ```
 */
export function createNativeAppClient(options: NativeAppClientOptions): NativeAppClient {
  const base = String(options.serviceUrl).replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((r) => fetch(r));
  return {
    async start(o = {}) {
      const verifier = random(32);
      const state = random(16);
      const nonce = random(16);
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        code_challenge: await s256(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        scope: 'openid',
        ...(o.idpHint === undefined ? {} : { idp_hint: o.idpHint }),
        ...(o.uai === undefined ? {} : { uai: o.uai }),
      });
      return { url: `${base}/oauth/authorize?${q}`, verifier, state, nonce };
    },
    async exchange(redirect, pending) {
      const url = new URL(redirect);
      const at = { method: 'GET', url: `${url.origin}${url.pathname}` };
      if (url.searchParams.get('state') !== pending.state)
        throw new NativeAppError('state_mismatch', 'the redirect does not carry the state sent', 0, at);
      const iss = url.searchParams.get('iss');
      if (iss !== null && iss !== base) throw new NativeAppError('issuer_mismatch', 'another server answered', 0, at);
      const error = url.searchParams.get('error');
      if (error !== null) throw new NativeAppError(error, url.searchParams.get('error_description') ?? '', 0, at);
      const code = url.searchParams.get('code');
      if (!code) throw new NativeAppError('invalid_request', 'the redirect carries no code', 0, at);
      const res = await doFetch(
        new Request(`${base}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: options.redirectUri,
            client_id: options.clientId,
            code_verifier: pending.verifier,
          }).toString(),
        }),
      );
      const body = await readJson(res);
      if (!res.ok) throw failure(body, res.status, { method: 'POST', url: `${base}/oauth/token` });
      return body as unknown as NativeAppTokens;
    },
    async userinfo(accessToken) {
      const res = await doFetch(
        new Request(`${base}/oauth/userinfo`, {
          headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
        }),
      );
      const body = await readJson(res);
      if (!res.ok) throw failure(body, res.status, { method: 'GET', url: `${base}/oauth/userinfo` });
      return body as Record<string, string | string[]>;
    },
  };
}
