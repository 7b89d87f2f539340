const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * SHA-256 of a UTF-8 string, in lower-case hex, with WebCrypto (browsers and Node).
 *
 * @example
 * ```ts
 * await sha256Hex('abc'); // 'ba7816bf…'
 * ```
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toHex(new Uint8Array(digest));
}

/**
 * A new random secret: a prefix and 32 random bytes in base64url (256 bits).
 *
 * @example
 * ```ts
 * randomSecret('ogp_'); // 'ogp_Xy3…'
 * ```
 */
export function randomSecret(prefix: string): string {
  return prefix + toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** A random identifier (UUID v4). */
export function randomId(): string {
  return globalThis.crypto.randomUUID();
}
