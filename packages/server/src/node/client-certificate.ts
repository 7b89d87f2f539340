import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

/**
 * The request header through which the listener tells the app the SHA-256 fingerprint (lower-case hex) of the
 * client certificate it verified. The listener removes any copy a client sent, and sets it only itself: from the TLS
 * session (with a client CA), or from the proxy header named by `--client-cert-header`.
 */
export const CLIENT_CERT_HEADER = 'x-opengar-client-cert-sha256';

/** Lower-case hex without separators, or `undefined` when `value` is not a SHA-256 fingerprint. */
function asFingerprint(value: string): string | undefined {
  const hex = value.replace(/[:\s]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/**
 * The fingerprint a TLS-terminating proxy passed in a header: a SHA-256 fingerprint (hex, colons allowed), or the
 * certificate itself in PEM, URL-encoded or not (nginx `$ssl_client_escaped_cert`, Envoy, Traefik…).
 *
 * @example
 * ```ts
 * fingerprintFromProxyHeader('AB:CD:…'); // 'abcd…'
 * ```
 */
export function fingerprintFromProxyHeader(value: string): string | undefined {
  const direct = asFingerprint(value);
  if (direct) return direct;
  let pem = value;
  try {
    if (pem.includes('%')) pem = decodeURIComponent(pem);
  } catch {
    return undefined;
  }
  if (!pem.includes('BEGIN CERTIFICATE')) return undefined;
  try {
    return asFingerprint(new X509Certificate(pem.replace(/\t/g, '\n')).fingerprint256);
  } catch {
    return undefined;
  }
}

/**
 * The fingerprint of the client certificate the TLS session verified against the client CA, or `undefined` when
 * the client sent none or one that did not verify.
 *
 * @example
 * ```ts
 * fingerprintFromTls(incoming); // 'a1b2…' (64 hex characters)
 * ```
 */
export function fingerprintFromTls(incoming: { socket: unknown }): string | undefined {
  const socket = incoming.socket as Partial<TLSSocket> | null;
  if (!socket) return undefined;
  if (typeof socket.getPeerCertificate !== 'function' || socket.authorized !== true) return undefined;
  const cert = socket.getPeerCertificate(false);
  return cert && typeof cert.fingerprint256 === 'string' ? asFingerprint(cert.fingerprint256) : undefined;
}
