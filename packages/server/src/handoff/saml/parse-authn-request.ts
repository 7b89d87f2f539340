import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Largest AuthnRequest read, inflated or not (they are well under 2 KiB). */
export const MAX_AUTHN_REQUEST_BYTES = 16 * 1024;

/** What an AuthnRequest asks, as read. */
export interface AuthnRequest {
  id: string;
  issuer: string;
  issueInstant: Date;
  acsUrl?: string;
  protocolBinding?: string;
  destination?: string;
}

/** Why an AuthnRequest could not be read. */
export type AuthnRequestReadError = 'too_large' | 'forbidden_construct' | 'malformed' | 'not_an_authn_request';

const CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|127)|x0*(?:[0-8bcef]|1[0-9a-f]|7f));/i;
const ID = /^[A-Za-z_][\w.-]{0,255}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

const text = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim();
  if (v && typeof v === 'object' && typeof (v as Record<string, unknown>)['#text'] === 'string')
    return ((v as Record<string, unknown>)['#text'] as string).trim();
  return undefined;
};

/**
 * Reads a SAML AuthnRequest as safely as the rest of the service reads XML: size bounded, DTDs and entity declarations
 * refused before parsing (no external entity, no expansion), control characters refused, well-formedness checked,
 * nesting bounded; then only `ID`, `Version`, `IssueInstant`, `Issuer`, `AssertionConsumerServiceURL`,
 * `ProtocolBinding` and `Destination` are read.
 *
 * @example
 * ```ts
 * const r = readAuthnRequest(xml);
 * if (r.ok) r.request.issuer;
 * ```
 */
export function readAuthnRequest(
  xml: string,
  rootName: 'AuthnRequest' | 'LogoutRequest' = 'AuthnRequest',
): { ok: true; request: AuthnRequest } | { ok: false; reason: AuthnRequestReadError } {
  if (new TextEncoder().encode(xml).length > MAX_AUTHN_REQUEST_BYTES) return { ok: false, reason: 'too_large' };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, reason: 'forbidden_construct' };
  if (CONTROL.test(xml) || XMLValidator.validate(xml) !== true) return { ok: false, reason: 'malformed' };
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      removeNSPrefix: true,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      processEntities: true,
      htmlEntities: false,
      maxNestedTags: 16,
    }).parse(xml) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
  const root = doc[rootName] as Record<string, unknown> | undefined;
  if (roots.length !== 1 || !root || typeof root !== 'object') return { ok: false, reason: 'not_an_authn_request' };
  const id = root['@ID'];
  const instant = root['@IssueInstant'];
  const issuer = text(root.Issuer);
  if (
    typeof id !== 'string' ||
    !ID.test(id) ||
    root['@Version'] !== '2.0' ||
    typeof instant !== 'string' ||
    !ISO_INSTANT.test(instant) ||
    !issuer ||
    issuer.length > 1024
  )
    return { ok: false, reason: 'not_an_authn_request' };
  const optional = (name: string) => {
    const v = root[`@${name}`];
    return typeof v === 'string' && v.length <= 4096 ? { [name]: v } : {};
  };
  const acs = optional('AssertionConsumerServiceURL');
  const binding = optional('ProtocolBinding');
  const destination = optional('Destination');
  return {
    ok: true,
    request: {
      id,
      issuer,
      issueInstant: new Date(instant),
      ...(acs.AssertionConsumerServiceURL ? { acsUrl: acs.AssertionConsumerServiceURL } : {}),
      ...(binding.ProtocolBinding ? { protocolBinding: binding.ProtocolBinding } : {}),
      ...(destination.Destination ? { destination: destination.Destination } : {}),
    },
  };
}

/** Base64 (standard, whitespace ignored) to bytes; `undefined` when it is not base64. */
export function decodeBase64(value: string): Uint8Array | undefined {
  const clean = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  try {
    return Uint8Array.from(atob(clean), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * Inflates a Redirect-binding `SAMLRequest` (raw DEFLATE), stopping at {@link MAX_AUTHN_REQUEST_BYTES}: a zip bomb
 * costs at most that much. `undefined` when it is not DEFLATE or too large.
 */
export async function inflateRequest(bytes: Uint8Array): Promise<string | undefined> {
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_AUTHN_REQUEST_BYTES) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.length;
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    return undefined;
  }
}
