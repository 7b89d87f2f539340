import { inflateRawSync } from 'node:zlib';
import { SAML_PATHS } from '../handoff/saml/saml-names.js';
import { cookieHeader, keepCookies, type CookieJar } from './conformance-visit.js';

/** What the SP's own sign-on start gave: its AuthnRequest's ID, its RelayState, and the browser's cookies. */
export interface SamlLogin {
  requestId: string;
  relayState?: string;
  jar: CookieJar;
}

/** An AuthnRequest is small: more than this, inflated, is not one. */
const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * Starts a sign-on at the SP (SP-initiated): `GET` its login URL, follows its redirects inside its origin with its
 * cookies, and reads the AuthnRequest it sends the browser to the IdP with (HTTP-Redirect binding, at the conformance
 * issuer's `/saml/sso`): its `ID` (what the response must be `InResponseTo`) and `RelayState`. An `Error` says why not.
 */
export async function startSamlLogin(
  doFetch: typeof fetch,
  issuer: string,
  loginUrl: string,
  timeoutMs: number,
): Promise<SamlLogin | Error> {
  const jar: CookieJar = new Map();
  const origin = new URL(loginUrl).origin;
  const sso = `${issuer}${SAML_PATHS.sso}`;
  let url = new URL(loginUrl);
  for (let hop = 0; hop < 6; hop++) {
    const headers = new Headers({ accept: 'text/html' });
    const cookie = cookieHeader(jar);
    if (cookie !== undefined) headers.set('cookie', cookie);
    const res = await doFetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    keepCookies(jar, res);
    await res.body?.cancel();
    const location = res.headers.get('location');
    if (!(res.status >= 300 && res.status < 400 && location))
      return new Error(`the SP's login URL answered HTTP ${res.status}, not a redirect to ${sso}`);
    const next = new URL(location, url);
    const at = `${next.origin}${next.pathname}`;
    if (next.origin === origin && at !== sso) {
      url = next;
      continue;
    }
    if (at !== sso) return new Error(`the SP's login redirected to ${at}, not the IdP's ${sso}`);
    const request = next.searchParams.get('SAMLRequest');
    if (!request) return new Error('the SP sent no SAMLRequest (HTTP-Redirect binding)');
    let xml: string;
    try {
      xml = inflateRawSync(Buffer.from(request, 'base64'), { maxOutputLength: MAX_REQUEST_BYTES }).toString('utf8');
    } catch {
      return new Error('the SP sent a SAMLRequest that does not inflate');
    }
    const id = /<(?:\w+:)?AuthnRequest\b[^>]*\sID="([^"<>]{1,256})"/.exec(xml)?.[1];
    if (!id) return new Error('the SP sent a SAMLRequest that is not an AuthnRequest with an ID');
    const relayState = next.searchParams.get('RelayState');
    return { requestId: id, jar, ...(relayState === null ? {} : { relayState }) };
  }
  return new Error("the SP's login redirected too many times");
}
