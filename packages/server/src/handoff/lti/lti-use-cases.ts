import type { ServiceContext } from '../../kernel/context.js';
import { ServiceConfigError } from '../../kernel/service-config-error.js';
import type { JwksFetchOptions } from '../../kernel/types.js';
import type { SigningKeySource } from '../signing-key-source.js';
import { ltiAuthorize, type LtiAuthorizeResult } from './lti-authorize.js';
import { deepLinkingUseCases, type DeepLinkingDeps } from './lti-deep-linking-use-cases.js';

/**
 * The platform's configuration, for the operator to give a tool's publisher: issuer, OIDC authorization endpoint,
 * JWKS URL and the Deep Linking return URL.
 *
 * @example
 * ```ts
 * ltiPlatformConfiguration('https://gar.example').authorization_endpoint; // 'https://gar.example/lti/authorize'
 * ```
 */
export function ltiPlatformConfiguration(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/lti/authorize`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    deep_link_return_url: `${issuer}/lti/deep-linking/return`,
    id_token_signing_alg_values_supported: ['RS256'],
    messages_supported: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
    product_family_code: 'opengar',
    gar_attributes_claim: 'https://opengar.org/lti/claim/gar',
  };
}

/** LTI 1.3, opengar as the platform: the authorization endpoint, Deep Linking, and the platform's configuration. */
export function ltiUseCases(
  ctx: ServiceContext,
  options: { signingKeys?: SigningKeySource; jwks?: JwksFetchOptions },
  deps: DeepLinkingDeps,
) {
  const { store, clock, issuer } = ctx;
  const keys = () => {
    if (!options.signingKeys)
      throw new ServiceConfigError('handoff-not-configured', 'this service was made without signingKeys');
    return options.signingKeys;
  };
  return {
    ...deepLinkingUseCases(ctx, deps, options.jwks),
    /**
     * Answers a tool's OIDC authentication request (the second step of the launch): a signed `id_token` to form-post
     * to its registered `redirect_uri`, or why not.
     *
     * @example
     * ```ts
     * const r = await service.lti.authorize({ client_id, redirect_uri, login_hint, lti_message_hint, nonce, state,
     * response_type: 'id_token', response_mode: 'form_post', scope: 'openid', prompt: 'none' });
     * ```
     */
    authorize(params: Readonly<Record<string, string | undefined>>): Promise<LtiAuthorizeResult> {
      return ltiAuthorize({ store, keys: keys(), issuer, now: clock.now() }, params);
    },
    /** The platform's configuration (issuer, endpoints, JWKS). */
    configuration: () => ltiPlatformConfiguration(issuer),
  };
}
