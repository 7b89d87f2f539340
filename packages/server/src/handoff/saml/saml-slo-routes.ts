import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { endCasSession } from '../cas/cas-client-routes.js';
import { casSessionCookie } from '../cas/cas-session.js';
import { errorProblem, redirectHeaders, requestIdOf, type HandoffRouteDeps } from '../handoff-context.js';
import { handoffProblem } from '../handoff-problem.js';
import { cspNonce } from '../launch-page.js';
import { admitLaunch } from '../launch-routes.js';
import type { LogoutRequestRefusal } from './saml-logout-use-cases.js';
import { SAML_PATHS } from './saml-names.js';
import { samlPostPageHeaders, samlPostPageHtml } from './saml-post-page.js';
import { MAX_RELAY_STATE, readRedirectMessage } from './saml-query.js';

const DETAIL: Record<LogoutRequestRefusal | 'not_base64' | 'duplicate' | 'relay_state', string> = {
  too_large: 'the LogoutRequest is too large',
  forbidden_construct: 'DTDs and entity declarations are not accepted',
  malformed: 'the LogoutRequest is not well-formed XML',
  not_a_logout_request: 'not a SAML 2.0 LogoutRequest (ID, Version 2.0, IssueInstant and Issuer are required)',
  unknown_issuer: 'no resource registered this service provider (Issuer)',
  no_logout_endpoint: 'the service provider registered no single logout URL',
  wrong_destination: 'the Destination is not this identity provider’s single logout endpoint',
  stale_request: 'the LogoutRequest’s IssueInstant is too old or in the future',
  bad_signature: 'the LogoutRequest must be signed (SigAlg rsa-sha256, Signature) with a registered certificate',
  replayed_request: 'this LogoutRequest was already used',
  not_base64: 'SAMLRequest is not base64 of DEFLATE',
  duplicate: 'a SAML parameter is given more than once',
  relay_state: `RelayState is longer than ${MAX_RELAY_STATE} characters`,
};

function refused(c: Context<AppEnv>, reason: keyof typeof DETAIL): Response {
  const plain = reason === 'not_base64' || reason === 'duplicate' || reason === 'relay_state';
  return handoffProblem({
    code: 'bad-request',
    status: 400,
    detail: DETAIL[reason],
    ...(plain ? {} : { reason }),
    requestId: requestIdOf(c),
    instance: c.req.path,
  });
}

/**
 * `GET /saml/slo`: SAML single logout, SP-initiated, HTTP-Redirect binding (`SAMLRequest` DEFLATEd, `RelayState`,
 * `SigAlg`, `Signature`). A valid request ends the browser's CAS session (opengar keeps no SAML session), sending its
 * CAS services their single logout requests, and is
 * answered by a page posting the signed `LogoutResponse` (`Success`, `InResponseTo` the request) to the SP's
 * registered single logout URL, or by a redirect there with a signed query when the SP registered the Redirect
 * binding; a refused one is a 400 problem (no endpoint is trusted).
 */
export function mountSamlLogoutRoute(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  app.get(SAML_PATHS.slo, async (c) => {
    const limited = await admitLaunch(c, deps);
    if (limited) return limited;
    const m = await readRedirectMessage(c.req.url);
    if (!m.ok) return refused(c, m.reason);
    try {
      const r = await deps.service.saml.answerLogoutRequest({
        xml: m.xml,
        ...(m.relayState === undefined ? {} : { relayState: m.relayState }),
        ...(m.signature ? { signature: m.signature } : {}),
      });
      if (!r.ok) return refused(c, r.reason);
      // The browser's CAS session ends here too: its CAS services get their single logout requests.
      const to = r.binding === 'post' ? r.action : r.location;
      await endCasSession(c, deps, 'saml.logout', { sp: new URL(to).origin, binding: r.binding });
      const clear = casSessionCookie(undefined, deps.service.issuer.startsWith('https:'));
      if (r.binding === 'redirect')
        return new Response(null, { status: 303, headers: { ...redirectHeaders(r.location), 'set-cookie': clear } });
      const nonce = cspNonce();
      const html = samlPostPageHtml({
        action: r.action,
        samlResponse: r.samlResponse,
        resourceName: r.resourceName,
        nonce,
        kind: 'logout',
        ...(r.relayState === undefined ? {} : { relayState: r.relayState }),
      });
      const headers = new Headers(samlPostPageHeaders(nonce, r.action));
      headers.append('set-cookie', clear);
      return new Response(html, { status: 200, headers });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });
}
