import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { errorProblem, requestIdOf, type HandoffRouteDeps } from '../handoff-context.js';
import { handoffProblem } from '../handoff-problem.js';
import { admitLaunch, formFields, redirectToEnt } from '../launch-routes.js';
import { entIdSchema } from '@opengar/core';
import { decodeBase64, inflateRequest } from './parse-authn-request.js';
import type { SamlRequestSignature } from './saml-crypto.js';
import { samlChooserHtml } from './saml-chooser-page.js';
import { entChooserHeaders } from '../ent-chooser-page.js';
import { rememberedEnt } from './saml-remembered.js';
import { mountSamlLogoutRoute } from './saml-slo-routes.js';
import { MAX_PARAMETER_LENGTH, MAX_RELAY_STATE, readRedirectMessage } from './saml-query.js';
import { SAML_PATHS } from './saml-names.js';
import type { AuthnRequestRefusal } from './saml-use-cases.js';

const DETAIL: Record<AuthnRequestRefusal | 'not_base64' | 'duplicate' | 'relay_state', string> = {
  too_large: 'the AuthnRequest is too large',
  forbidden_construct: 'DTDs and entity declarations are not accepted',
  malformed: 'the AuthnRequest is not well-formed XML',
  not_an_authn_request: 'not a SAML 2.0 AuthnRequest (ID, Version 2.0, IssueInstant and Issuer are required)',
  unknown_issuer: 'no resource registered this service provider (Issuer)',
  unregistered_acs: 'the AssertionConsumerServiceURL is not one the service provider registered',
  unsupported_binding: 'responses are sent with the HTTP-POST binding only',
  wrong_destination: 'the Destination is not this identity provider’s SSO endpoint',
  stale_request: 'the AuthnRequest’s IssueInstant is too old or in the future',
  bad_signature: 'the AuthnRequest’s signature does not verify with the registered certificates',
  replayed_request: 'this AuthnRequest was already used; start the sign-in again at the resource',
  not_base64: 'SAMLRequest is not base64 (DEFLATE for the Redirect binding)',
  duplicate: 'a SAML parameter is given more than once',
  relay_state: `RelayState is longer than ${MAX_RELAY_STATE} characters`,
};

function refused(c: Context<AppEnv>, reason: keyof typeof DETAIL): Response {
  return handoffProblem({
    code: 'bad-request',
    status: 400,
    detail: DETAIL[reason],
    ...(reason === 'not_base64' || reason === 'duplicate' || reason === 'relay_state' ? {} : { reason }),
    requestId: requestIdOf(c),
    instance: c.req.path,
  });
}

interface SsoRequest {
  method: 'get' | 'post';
  xml: string;
  relayState?: string;
  hint?: string;
  signature?: SamlRequestSignature;
  /** The request's own parameters, for the chooser page to send back. */
  fields: Record<string, string>;
}

/** Accepts the request (spending its ID when an ENT is named) and sends the browser to the ENT, or to the chooser. */
async function sso(c: Context<AppEnv>, deps: HandoffRouteDeps, r: SsoRequest): Promise<Response> {
  if (r.hint !== undefined && !entIdSchema.safeParse(r.hint).success) {
    return handoffProblem({
      code: 'validation',
      status: 400,
      detail: 'idp_hint is not an ENT id',
      requestId: requestIdOf(c),
      instance: c.req.path,
      errors: [{ pointer: '/idp_hint', code: 'invalid', message: 'an ENT id' }],
    });
  }
  try {
    const accepted = await deps.service.saml.acceptAuthnRequest({
      xml: r.xml,
      spend: r.hint !== undefined,
      ...(r.signature ? { signature: r.signature } : {}),
      ...(r.relayState === undefined ? {} : { relayState: r.relayState }),
    });
    if (!accepted.ok) return refused(c, accepted.reason);
    // The ENT this browser chose before (the discovery cookie): straight there, the request's ID spent, as with a hint.
    const remembered = r.hint === undefined ? await rememberedEnt(c, deps) : undefined;
    if (remembered !== undefined) return await sso(c, deps, { ...r, hint: remembered });
    if (r.hint === undefined) {
      const ents = await deps.service.cas.loginEnts();
      const html = samlChooserHtml({ method: r.method, fields: r.fields, resourceName: accepted.resource.name, ents });
      // The choice is answered by a redirect to the ENT: form-action allows the ENTs' origins (as discovery does).
      return new Response(html, { status: 200, headers: entChooserHeaders(await deps.service.discovery.entOrigins()) });
    }
    return await redirectToEnt(c, deps, { entId: r.hint, resourceId: accepted.resource.id, saml: accepted.binding });
  } catch (err) {
    return errorProblem(c, deps, err);
  }
}

/**
 * SAML 2.0 identity provider: `GET /saml/metadata` (the IdP's metadata, current and next signing certificates);
 * `GET /saml/sso` (HTTP-Redirect binding: `SAMLRequest` DEFLATEd, optional `RelayState`, `SigAlg`, `Signature`) and
 * `POST /saml/sso` (HTTP-POST binding), each with an optional `idp_hint` naming the ENT; without it, the ENT chooser.
 * The person then signs in at the ENT as for a GAR link, and the response comes from the hand-off (`/launch/callback`).
 */
export function mountSamlRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  mountSamlLogoutRoute(app, deps);
  app.get(SAML_PATHS.metadata, async (c) => {
    try {
      const xml = await deps.service.saml.metadata();
      return new Response(xml, {
        status: 200,
        headers: {
          'content-type': 'application/samlmetadata+xml; charset=utf-8',
          'cache-control': `public, max-age=${deps.metadataMaxAgeS}`,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });

  app.get(SAML_PATHS.sso, async (c) => {
    const limited = await admitLaunch(c, deps);
    if (limited) return limited;
    const m = await readRedirectMessage(c.req.url, ['idp_hint']);
    if (!m.ok) return refused(c, m.reason);
    const { xml, relayState, signature, decoded } = m;
    const fields: Record<string, string> = {};
    for (const n of ['SAMLRequest', 'RelayState', 'SigAlg', 'Signature'] as const)
      if (decoded[n] !== undefined) fields[n] = decoded[n]!;
    return sso(c, deps, {
      method: 'get',
      xml,
      fields,
      ...(relayState === undefined ? {} : { relayState }),
      ...(decoded.idp_hint === undefined ? {} : { hint: decoded.idp_hint }),
      ...(signature ? { signature } : {}),
    });
  });

  app.post(SAML_PATHS.sso, async (c) => {
    const limited = await admitLaunch(c, deps);
    if (limited) return limited;
    const f = await formFields(c, deps, ['SAMLRequest'] as const, ['RelayState', 'idp_hint'] as const);
    if (f instanceof Response) return f;
    const bytes = f.SAMLRequest.length > MAX_PARAMETER_LENGTH ? undefined : decodeBase64(f.SAMLRequest);
    let xml: string | undefined;
    try {
      xml = bytes && new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      xml = undefined;
    }
    // The POST binding sends the XML as is; some SPs (node-saml by default) DEFLATE it as for the Redirect binding.
    if (bytes && !xml?.trimStart().startsWith('<')) xml = await inflateRequest(bytes);
    if (!xml) return refused(c, 'not_base64');
    const relayState = f.RelayState;
    if ((relayState?.length ?? 0) > MAX_RELAY_STATE) return refused(c, 'relay_state');
    return sso(c, deps, {
      method: 'post',
      xml,
      fields: { SAMLRequest: f.SAMLRequest, ...(f.RelayState === undefined ? {} : { RelayState: f.RelayState }) },
      ...(relayState === undefined ? {} : { relayState }),
      ...(f.idp_hint === undefined ? {} : { hint: f.idp_hint }),
    });
  });
}
