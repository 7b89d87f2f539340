import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { GarServiceError } from '../kernel/errors.js';

/** Largest SP metadata read (an SP's EntityDescriptor with a few certificates is under 16 KiB). */
export const MAX_SP_METADATA_BYTES = 64 * 1024;

const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** What an SP's metadata says, in the registry's words (checked afterwards by `samlServiceProviderSchema`). */
export interface SpMetadata {
  entityId: string;
  acsUrls: string[];
  signingCertificates: string[];
  encryptionCertificate?: string;
  requireSignedAuthnRequests: boolean;
  /** The `SingleLogoutService` (its `ResponseLocation`, else `Location`): HTTP-POST if the SP has one, else HTTP-Redirect. */
  singleLogoutUrl?: string;
  /** `redirect` when only an HTTP-Redirect `SingleLogoutService` is offered. */
  singleLogoutBinding?: 'redirect';
}

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Node[];
const invalid = (pointer: string, message: string) =>
  new GarServiceError('validation', `Invalid SAML metadata: ${message}`, {
    issues: [{ pointer, code: 'invalid', message }],
  });

function certificates(descriptor: Node, use: 'signing' | 'encryption'): string[] {
  const out: string[] = [];
  for (const key of list(descriptor.KeyDescriptor)) {
    if (key['@use'] !== undefined && key['@use'] !== use) continue;
    for (const info of list(key.KeyInfo))
      for (const data of list(info.X509Data))
        for (const cert of list(data.X509Certificate)) {
          const b64 = String((cert as unknown as { '#text'?: string })['#text'] ?? cert).replace(/\s+/g, '');
          if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw invalid('/KeyDescriptor', 'a certificate is not base64');
          out.push(`-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').trim()}\n-----END CERTIFICATE-----`);
        }
  }
  return out;
}

/**
 * Reads an SP's SAML metadata (`<md:EntityDescriptor>` with one `<md:SPSSODescriptor>`) as safely as every XML input:
 * size bounded, DTDs and entity declarations refused before parsing, control characters refused, well-formedness
 * checked, nesting bounded. Keeps the entity id, the HTTP-POST ACS URLs (the default one first, then by `index`), the
 * signing and encryption certificates (a `KeyDescriptor` without `use` counts for both) and `AuthnRequestsSigned`.
 *
 * @throws {@link GarServiceError} `validation` (413-sized bodies included), with a pointer into the document.
 * @example
 * ```ts
 * const sp = readSpMetadata(xml); // { entityId, acsUrls, signingCertificates, … }
 * ```
 */
export function readSpMetadata(xml: string): SpMetadata {
  if (new TextEncoder().encode(xml).length > MAX_SP_METADATA_BYTES)
    throw invalid('/', `larger than ${MAX_SP_METADATA_BYTES} bytes`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw invalid('/', 'DTDs and entity declarations are not accepted');
  if (CONTROL.test(xml)) throw invalid('/', 'control characters are not accepted');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw invalid('/', `malformed XML at line ${valid.err.line}`);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: false,
    maxNestedTags: 16,
  }).parse(xml) as Node;
  const entity = doc.EntityDescriptor as Node | undefined;
  if (!entity || typeof entity !== 'object') throw invalid('/', 'not an EntityDescriptor');
  const entityId = entity['@entityID'];
  if (typeof entityId !== 'string' || !entityId)
    throw invalid('/EntityDescriptor/@entityID', 'the entity id is required');
  const sps = list(entity.SPSSODescriptor);
  if (sps.length !== 1) throw invalid('/EntityDescriptor/SPSSODescriptor', 'exactly one SPSSODescriptor is required');
  const sp = sps[0]!;
  const acs = list(sp.AssertionConsumerService)
    .filter((a) => a['@Binding'] === POST_BINDING && typeof a['@Location'] === 'string')
    .map((a) => ({ url: a['@Location'] as string, index: Number(a['@index'] ?? 0), first: a['@isDefault'] === 'true' }))
    .sort((a, b) => Number(b.first) - Number(a.first) || a.index - b.index);
  if (acs.length === 0)
    throw invalid(
      '/EntityDescriptor/SPSSODescriptor/AssertionConsumerService',
      'no HTTP-POST AssertionConsumerService',
    );
  const encryption = certificates(sp, 'encryption');
  // Single logout: the SP's HTTP-POST SingleLogoutService (the LogoutResponse is posted), else its HTTP-Redirect one
  // (the LogoutResponse is sent by a signed redirect); its ResponseLocation if any.
  const services = list(sp.SingleLogoutService);
  const posted = services.find((s) => s['@Binding'] === POST_BINDING);
  const slo = posted ?? services.find((s) => s['@Binding'] === REDIRECT_BINDING);
  const sloUrl = slo?.['@ResponseLocation'] ?? slo?.['@Location'];
  return {
    entityId,
    acsUrls: [...new Set(acs.map((a) => a.url))],
    signingCertificates: certificates(sp, 'signing'),
    ...(encryption[0] ? { encryptionCertificate: encryption[0] } : {}),
    requireSignedAuthnRequests: sp['@AuthnRequestsSigned'] === 'true',
    ...(typeof sloUrl === 'string' ? { singleLogoutUrl: sloUrl } : {}),
    ...(typeof sloUrl === 'string' && !posted ? { singleLogoutBinding: 'redirect' as const } : {}),
  };
}
