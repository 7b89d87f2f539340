import { ATTRIBUTE_NAMES, SIGNING_ALGORITHMS } from '@opengar/core';

/**
 * The OpenID Connect discovery document of the native-app flow (`/.well-known/openid-configuration`), so that stock
 * OAuth clients (AppAuth for iOS and Android, `openid-client`) configure themselves: the endpoints, `code` with PKCE
 * S256 only, public clients, pairwise subjects (the IDO), the GAR attributes as claims.
 *
 * @example
 * ```ts
 * openIdConfiguration('https://gar.example').token_endpoint; // 'https://gar.example/oauth/token'
 * ```
 */
export function openIdConfiguration(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    userinfo_endpoint: `${issuer}/oauth/userinfo`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    scopes_supported: ['openid'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: [...SIGNING_ALGORITHMS],
    claims_supported: ['iss', 'aud', 'sub', 'iat', 'nbf', 'exp', 'jti', 'azp', 'nonce', ...ATTRIBUTE_NAMES],
    authorization_response_iss_parameter_supported: true,
  };
}
