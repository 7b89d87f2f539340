import type { Resource, SamlServiceProvider } from '@opengar/core';
import type { ServiceContext } from '../../kernel/context.js';
import { readAuthnRequest, type AuthnRequestReadError } from './parse-authn-request.js';
import type { SamlCrypto, SamlRequestSignature } from './saml-crypto.js';
import { SAML, SAML_PATHS, samlEntityId } from './saml-names.js';
import { samlId } from './saml-response-xml.js';
import { SAML_STATUS, base64Utf8, statusResponseXml } from './saml-status-response.js';

/** How old a LogoutRequest may be, and how far in the future (clock skew), as for AuthnRequests. */
const MAX_AGE_S = 300;
const FUTURE_SKEW_S = 60;

/** Why a LogoutRequest is refused (a 400 problem: no logout endpoint can be trusted). */
export type LogoutRequestRefusal =
  | Exclude<AuthnRequestReadError, 'not_an_authn_request'>
  | 'not_a_logout_request'
  | 'unknown_issuer'
  | 'no_logout_endpoint'
  | 'wrong_destination'
  | 'stale_request'
  | 'bad_signature'
  | 'replayed_request';

/**
 * A LogoutRequest answered: the signed `LogoutResponse` (Success) to post to the SP's single logout endpoint, or (an SP
 * registered with `singleLogoutBinding: 'redirect'`) the URL to redirect to, its query signed.
 */
export type LogoutRequestResult =
  | { ok: true; binding: 'post'; action: string; samlResponse: string; relayState?: string; resourceName: string }
  | { ok: true; binding: 'redirect'; location: string; resourceName: string }
  | { ok: false; reason: LogoutRequestRefusal };

/** DEFLATE (raw) then base64, as the HTTP-Redirect binding carries a message. */
async function deflateBase64(xml: string): Promise<string> {
  const stream = new Blob([xml]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * SAML single logout, SP-initiated (HTTP-Redirect binding): opengar keeps no SAML session (each response is a one-time
 * hand-off), so a valid request is answered `Success`; the route also ends the browser's CAS session.
 */
export function samlLogoutUseCases(ctx: ServiceContext, need: () => SamlCrypto) {
  const { store, clock, issuer } = ctx;
  return {
    /**
     * Checks an SP's `LogoutRequest` (a registered SP as `Issuer` with a `singleLogoutUrl`; a fresh `IssueInstant`;
     * `Destination`, if given, this endpoint; the query signature required when the SP registered signing
     * certificates; a single-use `ID`) and answers the signed `LogoutResponse`; refusals are results.
     *
     * @example
     * ```ts
     * const r = await service.saml.answerLogoutRequest({ xml, signature });
     * if (r.ok && r.binding === 'post') postTo(r.action, r.samlResponse, r.relayState);
     * else if (r.ok) redirectTo(r.location);
     * ```
     */
    async answerLogoutRequest(input: {
      xml: string;
      signature?: SamlRequestSignature;
      relayState?: string;
    }): Promise<LogoutRequestResult> {
      const read = readAuthnRequest(input.xml, 'LogoutRequest');
      if (!read.ok)
        return { ok: false, reason: read.reason === 'not_an_authn_request' ? 'not_a_logout_request' : read.reason };
      const req = read.request;
      const all = await store.listResources({ samlEntityId: req.issuer });
      const resource = all.find(
        (r): r is Resource & { saml: SamlServiceProvider } => r.protocol === 'saml' && r.saml?.entityId === req.issuer,
      );
      if (!resource) return { ok: false, reason: 'unknown_issuer' };
      const sp = resource.saml;
      if (sp.singleLogoutUrl === undefined) return { ok: false, reason: 'no_logout_endpoint' };
      if (req.destination !== undefined && req.destination !== `${issuer}${SAML_PATHS.slo}`)
        return { ok: false, reason: 'wrong_destination' };
      const now = clock.now().getTime();
      const at = req.issueInstant.getTime();
      if (!(at >= now - MAX_AGE_S * 1000 && at <= now + FUTURE_SKEW_S * 1000))
        return { ok: false, reason: 'stale_request' };
      if (sp.signingCertificates.length > 0 || input.signature !== undefined) {
        if (!input.signature || !(await need().verifyRequest(input.signature, sp.signingCertificates)))
          return { ok: false, reason: 'bad_signature' };
      }
      const until = new Date(at + (MAX_AGE_S + FUTURE_SKEW_S) * 1000).toISOString();
      if (!(await store.useOnce('saml-logout-request', `${sp.entityId}\n${req.id}`, until, clock.now().toISOString())))
        return { ok: false, reason: 'replayed_request' };
      const xml = statusResponseXml({
        element: 'LogoutResponse',
        issuer: samlEntityId(issuer),
        id: samlId(),
        now: clock.now(),
        destination: sp.singleLogoutUrl,
        inResponseTo: req.id,
        status: { code: SAML_STATUS.success },
      });
      if (sp.singleLogoutBinding === 'redirect') {
        // The Redirect binding: the message unsigned, the query signed (SAML bindings §3.4.4.1), in this order.
        const query = [
          `SAMLResponse=${encodeURIComponent(await deflateBase64(xml))}`,
          ...(input.relayState === undefined ? [] : [`RelayState=${encodeURIComponent(input.relayState)}`]),
          `SigAlg=${encodeURIComponent(SAML.rsaSha256)}`,
        ].join('&');
        const signature = encodeURIComponent(await need().signRedirect(query));
        const url = new URL(sp.singleLogoutUrl);
        const location = `${url.origin}${url.pathname}?${url.search ? `${url.search.slice(1)}&` : ''}${query}&Signature=${signature}`;
        return { ok: true, binding: 'redirect', location, resourceName: resource.name };
      }
      const signed = await need().signMessage(xml, 'LogoutResponse');
      return {
        ok: true,
        binding: 'post',
        action: sp.singleLogoutUrl,
        samlResponse: base64Utf8(signed),
        resourceName: resource.name,
        ...(input.relayState === undefined ? {} : { relayState: input.relayState }),
      };
    },
  };
}
