import { ATTRIBUTE_NAMES, SIGNING_ALGORITHMS } from '@opengar/core';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { errorProblem, type HandoffRouteDeps } from './handoff-context.js';
import { SAML_PATHS } from './saml/saml-names.js';

/**
 * The claims a hand-off token may carry: the registered claims and the GAR attributes.
 *
 * @example
 * ```ts
 * GAR_CLAIMS_SUPPORTED.includes('IDO'); // true
 * ```
 */
export const GAR_CLAIMS_SUPPORTED: readonly string[] = [
  'iss',
  'aud',
  'sub',
  'iat',
  'nbf',
  'exp',
  'jti',
  ...ATTRIBUTE_NAMES,
  'GRAIN',
];

/**
 * The service's metadata document (`/.well-known/gar-configuration`).
 *
 * @example
 * ```ts
 * garConfiguration('https://gar.example').jwks_uri; // 'https://gar.example/.well-known/jwks.json'
 * ```
 */
export function garConfiguration(issuer: string) {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    launch_endpoint: `${issuer}/launch`,
    cas_base: `${issuer}/cas`,
    signing_alg_values_supported: [...SIGNING_ALGORITHMS],
    claims_supported: [...GAR_CLAIMS_SUPPORTED],
    token_type: 'gar+jwt',
    token_form_field: 'gar_token',
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    userinfo_endpoint: `${issuer}/oauth/userinfo`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    authorization_response_iss_parameter_supported: true,
    saml_metadata_endpoint: `${issuer}${SAML_PATHS.metadata}`,
    saml_sso_endpoint: `${issuer}${SAML_PATHS.sso}`,
    saml_slo_endpoint: `${issuer}${SAML_PATHS.slo}`,
    lti_configuration_endpoint: `${issuer}/lti/configuration`,
  };
}

/** `GET /.well-known/jwks.json` and `GET /.well-known/gar-configuration`, cacheable for `metadataMaxAgeS`. */
export function mountWellKnownRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  const cache = `public, max-age=${deps.metadataMaxAgeS}`;
  app.get('/.well-known/jwks.json', async (c) => {
    try {
      const jwks = await deps.service.handoff.jwks();
      return new Response(JSON.stringify({ keys: jwks.keys }), {
        status: 200,
        headers: { 'content-type': 'application/json', 'cache-control': cache, 'access-control-allow-origin': '*' },
      });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });
  app.get(
    '/.well-known/gar-configuration',
    () =>
      new Response(JSON.stringify(garConfiguration(deps.service.issuer)), {
        status: 200,
        headers: { 'content-type': 'application/json', 'cache-control': cache, 'access-control-allow-origin': '*' },
      }),
  );
}
