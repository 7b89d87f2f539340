import type { Resource, SamlServiceProvider } from '@opengar/core';
import type { ServiceContext } from '../../kernel/context.js';
import { ServiceConfigError } from '../../kernel/service-config-error.js';
import type { SamlBinding } from './issue-saml-response.js';
import type { SamlCrypto, SamlRequestSignature } from './saml-crypto.js';
import { samlMetadataXml } from './saml-metadata.js';
import { SAML, SAML_PATHS, samlEntityId } from './saml-names.js';
import { readAuthnRequest, type AuthnRequestReadError } from './parse-authn-request.js';
import { samlId } from './saml-response-xml.js';
import { samlLogoutUseCases } from './saml-logout-use-cases.js';
import { base64Utf8, samlRefusalStatus, statusResponseXml } from './saml-status-response.js';

/** How old an AuthnRequest may be, and how far in the future (clock skew). */
export const AUTHN_REQUEST_MAX_AGE_S = 300;
const FUTURE_SKEW_S = 60;

/** Why an AuthnRequest is refused. */
export type AuthnRequestRefusal =
  | AuthnRequestReadError
  | 'unknown_issuer'
  | 'unregistered_acs'
  | 'unsupported_binding'
  | 'wrong_destination'
  | 'stale_request'
  | 'bad_signature'
  | 'replayed_request';

/** An AuthnRequest accepted: the resource of its SP and what the response must be bound to. */
export type AuthnRequestResult =
  | { ok: true; resource: Resource & { saml: SamlServiceProvider }; binding: SamlBinding }
  | { ok: false; reason: AuthnRequestRefusal };

/** A refusal answered to the SP: the signed status-only response to post to its ACS, with its RelayState. */
export interface SamlRefusalResponse {
  action: string;
  samlResponse: string;
  relayState?: string;
  resourceName: string;
}

/** What an SP's request brings: its XML, how it came signed (if it did), the RelayState. */
export interface AuthnRequestInput {
  xml: string;
  signature?: SamlRequestSignature;
  relayState?: string;
  /** Spend the request's ID now (the person is sent to the ENT); a second use is then `replayed_request`. */
  spend: boolean;
}

/**
 * The SAML identity provider's use cases: its metadata, and the check of an SP's AuthnRequest (a registered SP as
 * `Issuer`, a registered ACS URL, a fresh `IssueInstant`, the signature when the SP must sign or did sign, a single-use
 * `ID`). The response itself is issued by the hand-off (`handOff` with `saml`).
 */
export function samlUseCases(ctx: ServiceContext, crypto: SamlCrypto | undefined) {
  const { store, clock, issuer } = ctx;
  const need = (): SamlCrypto => {
    if (!crypto) throw new ServiceConfigError('handoff-not-configured', 'this service was made without samlCrypto');
    return crypto;
  };

  async function providerFor(entityId: string) {
    const all = await store.listResources({ samlEntityId: entityId });
    return all.find(
      (r): r is Resource & { saml: SamlServiceProvider } => r.protocol === 'saml' && r.saml?.entityId === entityId,
    );
  }

  return {
    ...samlLogoutUseCases(ctx, need),
    /**
     * The IdP metadata XML (`GET /saml/metadata`), with the current and next signing certificates, signed by the
     * current key (enveloped, first in the `EntityDescriptor`) and valid for a week.
     * @example `const xml = await service.saml.metadata();`
     * @throws {@link ServiceConfigError} `handoff-not-configured` (no `samlCrypto`).
     */
    metadata: async (): Promise<string> =>
      need().signMessage(samlMetadataXml(issuer, await need().certificates(), clock.now()), 'EntityDescriptor'),
    /**
     * Checks an SP's AuthnRequest; refusals are results. The ID is spent only when `spend` is set.
     *
     * @example
     * ```ts
     * const r = await service.saml.acceptAuthnRequest({ xml, spend: true });
     * if (r.ok) await service.handoff.startLaunch({ entId, resourceId: r.resource.id, saml: r.binding });
     * ```
     */
    async acceptAuthnRequest(input: AuthnRequestInput): Promise<AuthnRequestResult> {
      const read = readAuthnRequest(input.xml);
      if (!read.ok) return read;
      const req = read.request;
      const resource = await providerFor(req.issuer);
      if (!resource) return { ok: false, reason: 'unknown_issuer' };
      const sp = resource.saml;
      const acsUrl = req.acsUrl ?? sp.acsUrls[0]!;
      if (!sp.acsUrls.includes(acsUrl)) return { ok: false, reason: 'unregistered_acs' };
      if (req.protocolBinding !== undefined && req.protocolBinding !== SAML.postBinding)
        return { ok: false, reason: 'unsupported_binding' };
      if (req.destination !== undefined && req.destination !== `${issuer}${SAML_PATHS.sso}`)
        return { ok: false, reason: 'wrong_destination' };
      const now = clock.now().getTime();
      const at = req.issueInstant.getTime();
      if (!(at >= now - AUTHN_REQUEST_MAX_AGE_S * 1000 && at <= now + FUTURE_SKEW_S * 1000))
        return { ok: false, reason: 'stale_request' };
      const signed = input.signature !== undefined || /<(?:\w+:)?Signature[\s>]/.test(input.xml);
      if (sp.requireSignedAuthnRequests || signed) {
        const signature = input.signature ?? { binding: 'post', xml: input.xml };
        if (!(await need().verifyRequest(signature, sp.signingCertificates)))
          return { ok: false, reason: 'bad_signature' };
      }
      if (input.spend) {
        const until = new Date(at + (AUTHN_REQUEST_MAX_AGE_S + FUTURE_SKEW_S) * 1000).toISOString();
        const key = `${sp.entityId}\n${req.id}`;
        if (!(await store.useOnce('saml-authn-request', key, until, clock.now().toISOString())))
          return { ok: false, reason: 'replayed_request' };
      }
      const binding: SamlBinding = {
        requestId: req.id,
        acsUrl,
        ...(input.relayState === undefined ? {} : { relayState: input.relayState }),
      };
      return { ok: true, resource, binding };
    },
    /**
     * The answer to an SP-initiated request refused after the person signed in at the ENT (no copy, outside the
     * subscription's validity, the account unknown, the SP's ACS removed meanwhile…): a signed `Response` with a
     * `Responder` status (`RequestDenied` or `AuthnFailed`), `InResponseTo` the request, to post to the ACS the request
     * named if still registered, else the SP's first registered ACS. `undefined` when the resource no longer speaks
     * SAML or registers no ACS: no endpoint can be trusted, the caller shows its problem page.
     *
     * @example
     * ```ts
     * const r = await service.saml.refusalResponse({ resourceId, binding: target.saml, reason: 'no_copy' });
     * if (r) return samlRefusalPostResponse(r);
     * ```
     */
    async refusalResponse(input: {
      resourceId: string;
      binding: SamlBinding;
      reason: string;
    }): Promise<SamlRefusalResponse | undefined> {
      const resource = await store.getResource(input.resourceId);
      if (resource?.protocol !== 'saml' || !resource.saml) return undefined;
      const acs = resource.saml.acsUrls;
      const action = acs.includes(input.binding.acsUrl) ? input.binding.acsUrl : acs[0];
      if (action === undefined) return undefined;
      const xml = statusResponseXml({
        element: 'Response',
        issuer: samlEntityId(issuer),
        id: samlId(),
        now: clock.now(),
        destination: action,
        inResponseTo: input.binding.requestId,
        status: samlRefusalStatus(input.reason),
      });
      const signed = await need().signMessage(xml, 'Response');
      const relayState = input.binding.relayState;
      return {
        action,
        samlResponse: base64Utf8(signed),
        resourceName: resource.name,
        ...(relayState === undefined ? {} : { relayState }),
      };
    },
  };
}
