import type { PublisherCredential } from '../identity/verify-secrets.js';

/** The header the Node listener passes a verified client certificate's SHA-256 fingerprint in (and strips from clients). */
export const PUBLISHER_CERT_HEADER = 'x-opengar-client-cert-sha256';

/**
 * The publisher credential of a request: a verified client-certificate fingerprint set by the listener, else an API
 * key sent as a bearer token; `undefined` when there is neither.
 *
 * @example
 * ```ts
 * const credential = publisherCredentialOf(c.req.raw.headers);
 * if (credential) actor = await service.identity.authenticatePublisher(credential);
 * ```
 */
export function publisherCredentialOf(headers: Headers): PublisherCredential | undefined {
  const fingerprint = headers.get(PUBLISHER_CERT_HEADER);
  if (fingerprint) return { certFingerprint: fingerprint };
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(headers.get('authorization') ?? '');
  return m?.[1] ? { apiKey: m[1] } : undefined;
}
