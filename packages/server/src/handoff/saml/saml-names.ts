/** SAML 2.0 names used by the identity provider. */
export const SAML = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  postBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  redirectBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  bearer: 'urn:oasis:names:tc:SAML:2.0:cm:bearer',
  basic: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
  unspecifiedContext: 'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
} as const;

/** Where the IdP lives under the service's issuer URL. */
export const SAML_PATHS = { metadata: '/saml/metadata', sso: '/saml/sso', slo: '/saml/slo' } as const;

/**
 * The IdP's entity id: the metadata URL, so an SP that knows the id knows where to read the keys.
 *
 * @example
 * ```ts
 * samlEntityId('https://gar.example'); // 'https://gar.example/saml/metadata'
 * ```
 */
export function samlEntityId(issuer: string): string {
  return `${issuer}${SAML_PATHS.metadata}`;
}
