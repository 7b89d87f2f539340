import { escapeXml } from '../../http/escape-xml.js';
import type { SamlAttribute } from './saml-attributes.js';
import { SAML } from './saml-names.js';

/** What one SAML response says; the signatures and encryption are added by the `SamlCrypto` afterwards. */
export interface SamlResponseFields {
  /** The IdP's entity id. */
  issuer: string;
  responseId: string;
  assertionId: string;
  now: Date;
  /** Seconds the assertion is valid (its `NotOnOrAfter`), the hand-off's lifetime. */
  lifetimeS: number;
  /** The SP's entity id: the audience. */
  audience: string;
  /** The ACS URL: the response's `Destination` and the confirmation's `Recipient`. */
  acsUrl: string;
  /** The AuthnRequest's ID, for an SP-initiated response. */
  inResponseTo?: string;
  /** The pairwise IDO. */
  nameId: string;
  attributes: SamlAttribute[];
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const attr = (name: string, value: string) => ` ${name}="${escapeXml(value)}"`;

/** The assertion alone, with its own namespace declarations, so that it signs and encrypts as a whole document. */
export function assertionXml(f: SamlResponseFields): string {
  const now = iso(f.now);
  const until = iso(new Date(f.now.getTime() + f.lifetimeS * 1000));
  // A minute of skew, as SPs allow, only before: never after the hand-off's lifetime.
  const notBefore = iso(new Date(f.now.getTime() - 60_000));
  const inResponse = f.inResponseTo === undefined ? '' : attr('InResponseTo', f.inResponseTo);
  const attributes = f.attributes
    .map(
      (a) =>
        `<saml:Attribute${attr('Name', a.name)}${attr('NameFormat', SAML.basic)}>${a.values
          .map((v) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(v)}</saml:AttributeValue>`)
          .join('')}</saml:Attribute>`,
    )
    .join('');
  return (
    `<saml:Assertion xmlns:saml="${SAML.assertion}" xmlns:xs="http://www.w3.org/2001/XMLSchema" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"${attr('ID', f.assertionId)} Version="2.0"${attr('IssueInstant', now)}>` +
    `<saml:Issuer>${escapeXml(f.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID${attr('Format', SAML.persistent)}${attr('NameQualifier', f.issuer)}` +
    `${attr('SPNameQualifier', f.audience)}>${escapeXml(f.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation${attr('Method', SAML.bearer)}>` +
    `<saml:SubjectConfirmationData${inResponse}${attr('NotOnOrAfter', until)}${attr('Recipient', f.acsUrl)}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions${attr('NotBefore', notBefore)}${attr('NotOnOrAfter', until)}><saml:AudienceRestriction><saml:Audience>${escapeXml(f.audience)}` +
    `</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement${attr('AuthnInstant', now)}${attr('SessionIndex', f.assertionId)}><saml:AuthnContext>` +
    `<saml:AuthnContextClassRef>${SAML.unspecifiedContext}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
    `</saml:Assertion>`
  );
}

/** The response around an (already signed, maybe encrypted) assertion element. */
export function responseXml(f: SamlResponseFields, assertion: string): string {
  const inResponse = f.inResponseTo === undefined ? '' : attr('InResponseTo', f.inResponseTo);
  return (
    `<samlp:Response xmlns:samlp="${SAML.protocol}" xmlns:saml="${SAML.assertion}"${attr('ID', f.responseId)} Version="2.0"` +
    `${attr('IssueInstant', iso(f.now))}${attr('Destination', f.acsUrl)}${inResponse}>` +
    `<saml:Issuer>${escapeXml(f.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode${attr('Value', SAML.success)}/></samlp:Status>` +
    assertion +
    `</samlp:Response>`
  );
}

/**
 * A SAML id: `_` then 160 random bits in hex (an XML `ID` may not start with a digit). Never reused: each response and
 * each assertion gets a fresh one.
 */
export function samlId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(20));
  return `_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
