import { escapeXml } from '../../http/escape-xml.js';
import { SAML } from './saml-names.js';

/** SAML 2.0 status codes used by the identity provider's error and logout responses. */
export const SAML_STATUS = {
  success: SAML.success,
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  requestDenied: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
} as const;

/** A status: the top-level code, an optional second-level code, an optional message (never personal data). */
export interface SamlStatus {
  code: string;
  subCode?: string;
  message?: string;
}

/** What a response without assertion says (a refusal's `Response`, or a `LogoutResponse`). */
export interface StatusResponseFields {
  /** `Response` (Web SSO) or `LogoutResponse` (single logout). */
  element: 'Response' | 'LogoutResponse';
  /** The IdP's entity id. */
  issuer: string;
  id: string;
  now: Date;
  /** Where the response goes (the ACS, or the SP's logout endpoint). */
  destination: string;
  /** The request's ID. */
  inResponseTo: string;
  status: SamlStatus;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const attr = (name: string, value: string) => ` ${name}="${escapeXml(value)}"`;

/**
 * A SAML response carrying a status only (no assertion): unsigned XML, which the `SamlCrypto` signs (`signMessage`).
 *
 * @example
 * ```ts
 * const xml = statusResponseXml({ element: 'Response', issuer, id: samlId(), now, destination: acsUrl,
 *   inResponseTo: requestId, status: { code: SAML_STATUS.responder, subCode: SAML_STATUS.requestDenied } });
 * ```
 */
export function statusResponseXml(f: StatusResponseFields): string {
  const sub = f.status.subCode === undefined ? '' : `<samlp:StatusCode${attr('Value', f.status.subCode)}/>`;
  const code = sub
    ? `<samlp:StatusCode${attr('Value', f.status.code)}>${sub}</samlp:StatusCode>`
    : `<samlp:StatusCode${attr('Value', f.status.code)}/>`;
  const message =
    f.status.message === undefined ? '' : `<samlp:StatusMessage>${escapeXml(f.status.message)}</samlp:StatusMessage>`;
  return (
    `<samlp:${f.element} xmlns:samlp="${SAML.protocol}" xmlns:saml="${SAML.assertion}"${attr('ID', f.id)} Version="2.0"` +
    `${attr('IssueInstant', iso(f.now))}${attr('Destination', f.destination)}${attr('InResponseTo', f.inResponseTo)}>` +
    `<saml:Issuer>${escapeXml(f.issuer)}</saml:Issuer>` +
    `<samlp:Status>${code}${message}</samlp:Status>` +
    `</samlp:${f.element}>`
  );
}

/**
 * The status of an SP-initiated request refused after the person signed in at the ENT: `Responder` with `AuthnFailed`
 * when the GAR service does not know the account (person or school), else `RequestDenied` (no copy, outside the
 * subscription's validity, the SP's registration changed…). The message names the kind of refusal, never the person.
 *
 * @example
 * ```ts
 * samlRefusalStatus('no_copy').subCode; // 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied'
 * ```
 */
export function samlRefusalStatus(reason: string): Required<SamlStatus> {
  if (reason === 'unknown_person' || reason === 'unknown_school')
    return {
      code: SAML_STATUS.responder,
      subCode: SAML_STATUS.authnFailed,
      message: 'the GAR service does not know this account or its school',
    };
  if (reason === 'invalid_service')
    return {
      code: SAML_STATUS.responder,
      subCode: SAML_STATUS.requestDenied,
      message: 'the service provider registration changed during the sign-in',
    };
  return {
    code: SAML_STATUS.responder,
    subCode: SAML_STATUS.requestDenied,
    message: `no right to this resource now (${reason})`,
  };
}

/** Base64 of a UTF-8 text (as the HTTP-POST binding posts a message). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
