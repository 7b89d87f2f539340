import type { HandoffResult } from '../create-handoff.js';
import { cspNonce } from '../launch-page.js';
import { samlPostPageHeaders, samlPostPageHtml } from './saml-post-page.js';
import type { SamlRefusalResponse } from './saml-use-cases.js';

/** The HTTP answer of a SAML hand-off: the auto-submitting POST page to the ACS. */
export function samlPostResponse(result: Extract<HandoffResult, { ok: true; protocol: 'saml' }>): Response {
  const nonce = cspNonce();
  const html = samlPostPageHtml({
    action: result.action,
    samlResponse: result.samlResponse,
    resourceName: result.resource.name,
    nonce,
    ...(result.relayState === undefined ? {} : { relayState: result.relayState }),
  });
  return new Response(html, { status: 200, headers: samlPostPageHeaders(nonce, result.action) });
}

/** The HTTP answer of a refused SP-initiated request: the POST page carrying the signed error response to the ACS. */
export function samlRefusalPostResponse(refusal: SamlRefusalResponse): Response {
  const nonce = cspNonce();
  const html = samlPostPageHtml({
    action: refusal.action,
    samlResponse: refusal.samlResponse,
    resourceName: refusal.resourceName,
    nonce,
    kind: 'refused',
    ...(refusal.relayState === undefined ? {} : { relayState: refusal.relayState }),
  });
  return new Response(html, { status: 200, headers: samlPostPageHeaders(nonce, refusal.action) });
}
