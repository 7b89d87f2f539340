import { ATTRIBUTE_NAMES } from '@opengar/core';
import { escapeXml } from '../../http/escape-xml.js';
import { SAML, SAML_PATHS, samlEntityId } from './saml-names.js';

/**
 * The IdP's metadata: entity id, SSO endpoints (Redirect and POST bindings), persistent NameIDs, GAR's attribute names,
 * and a signing `KeyDescriptor` per certificate (the key signing now first, then the next one, pre-published, and the
 * one retired recently): an SP reading the metadata regularly follows a key rollover without a cut. `validUntil` and
 * `cacheDuration` tell a metadata reader how long to keep it; the service signs the whole (`SamlCrypto.signMessage`).
 *
 * @example
 * ```ts
 * const xml = samlMetadataXml('https://gar.example', await samlCrypto.certificates(), new Date());
 * ```
 */
export function samlMetadataXml(issuer: string, certificates: readonly string[], now: Date): string {
  // Valid to the end of the seventh day (one value a day: every instance publishes the same bytes that day).
  const day = Math.floor(now.getTime() / 86_400_000);
  const validUntil = new Date((day + 8) * 86_400_000 - 1000).toISOString().replace('.000Z', 'Z');
  const sso = escapeXml(`${issuer}${SAML_PATHS.sso}`);
  const keys = certificates
    .map(
      (c) =>
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${escapeXml(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
        `</md:KeyDescriptor>`,
    )
    .join('\n    ');
  const attributes = ATTRIBUTE_NAMES.map(
    (n) => `<saml:Attribute Name="${escapeXml(n)}" NameFormat="${SAML.basic}"/>`,
  ).join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${SAML.metadata}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:saml="${SAML.assertion}"
 ID="_opengar-metadata-${day}" entityID="${escapeXml(samlEntityId(issuer))}" validUntil="${validUntil}" cacheDuration="PT6H">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${SAML.protocol}">
    ${keys}
    <md:SingleLogoutService Binding="${SAML.redirectBinding}" Location="${escapeXml(`${issuer}${SAML_PATHS.slo}`)}"/>
    <md:NameIDFormat>${SAML.persistent}</md:NameIDFormat>
    <md:SingleSignOnService Binding="${SAML.redirectBinding}" Location="${sso}"/>
    <md:SingleSignOnService Binding="${SAML.postBinding}" Location="${sso}"/>
    ${attributes}
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}
