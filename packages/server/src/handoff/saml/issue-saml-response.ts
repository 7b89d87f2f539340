import type { ReleasedAttributes, Resource, SamlServiceProvider } from '@opengar/core';
import { ServiceConfigError } from '../../kernel/service-config-error.js';
import { samlAttributes } from './saml-attributes.js';
import type { SamlCrypto } from './saml-crypto.js';
import { samlEntityId } from './saml-names.js';
import { assertionXml, responseXml, samlId } from './saml-response-xml.js';

/** What an SP-initiated hand-off is bound to: the AuthnRequest's ID, the ACS URL checked, the SP's RelayState. */
export interface SamlBinding {
  requestId: string;
  acsUrl: string;
  relayState?: string;
}

/** The ACS URL a response goes to: the one the request named if still registered, else the first; `undefined` if none. */
export function samlAcsUrl(sp: SamlServiceProvider | undefined, binding: SamlBinding | undefined): string | undefined {
  if (!sp) return undefined;
  const asked = binding?.acsUrl ?? sp.acsUrls[0];
  return asked !== undefined && sp.acsUrls.includes(asked) ? asked : undefined;
}

/** What {@link issueSamlResponse} needs. */
export interface IssueSamlInput {
  issuer: string;
  resource: Resource & { saml: SamlServiceProvider };
  acsUrl: string;
  attributes: ReleasedAttributes;
  now: Date;
  lifetimeS: number;
  binding?: SamlBinding | undefined;
  crypto: SamlCrypto | undefined;
}

/**
 * Step 3 of a SAML hand-off: the assertion of exactly the released attributes (NameID = the IDO), signed, encrypted
 * when the SP asked, in a signed response; base64 as the HTTP-POST binding posts it.
 *
 * @throws {@link ServiceConfigError} `handoff-not-configured` when the service was made without `samlCrypto`.
 */
export async function issueSamlResponse(input: IssueSamlInput): Promise<string> {
  if (!input.crypto) throw new ServiceConfigError('handoff-not-configured', 'this service was made without samlCrypto');
  const { saml } = input.resource;
  const fields = {
    issuer: samlEntityId(input.issuer),
    responseId: samlId(),
    assertionId: samlId(),
    now: input.now,
    lifetimeS: input.lifetimeS,
    audience: saml.entityId,
    acsUrl: input.acsUrl,
    ...(input.binding ? { inResponseTo: input.binding.requestId } : {}),
    nameId: input.attributes.IDO,
    attributes: samlAttributes(input.attributes),
  };
  const xml = await input.crypto.seal({
    assertion: assertionXml(fields),
    wrap: (assertion) => responseXml(fields, assertion),
    ...(saml.encryptAssertions && saml.encryptionCertificate ? { encryptTo: saml.encryptionCertificate } : {}),
  });
  const bytes = new TextEncoder().encode(xml);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * The SAML hand-off's answer: the signed response to post to the ACS, with the `RelayState` (SP-initiated: the SP's,
 * as sent; IdP-initiated: the deep link, if any).
 */
export async function samlHandoff(input: IssueSamlInput & { grain?: string | undefined }) {
  const samlResponse = await issueSamlResponse(input);
  const relayState = input.binding ? input.binding.relayState : input.grain;
  return {
    ok: true,
    protocol: 'saml',
    resource: input.resource as Resource,
    action: input.acsUrl,
    samlResponse,
    ...(relayState === undefined ? {} : { relayState }),
  } as const;
}
