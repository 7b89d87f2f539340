/**
 * SHA-256 of a UTF-8 string, as lower-case hex, with WebCrypto (browsers and Node). Credentials are stored as these
 * hashes, never in clear.
 *
 * @example
 * ```ts
 * await sha256Hex('abc'); // 'ba7816bf…'
 * ```
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
