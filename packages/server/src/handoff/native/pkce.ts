/** RFC 7636 §4.1: 43 to 128 characters of `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"`. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** An S256 challenge: the base64url (no padding) of a SHA-256, 43 characters. */
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whether a text is a well-formed PKCE `code_verifier` (RFC 7636 §4.1).
 * @example `isCodeVerifier('a'.repeat(43)); // true`
 */
export const isCodeVerifier = (value: string): boolean => VERIFIER.test(value);

/**
 * Whether a text is a well-formed S256 `code_challenge` (43 base64url characters).
 * @example `isS256Challenge(await s256Challenge('a'.repeat(43))); // true`
 */
export const isS256Challenge = (value: string): boolean => CHALLENGE.test(value);

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The S256 challenge of a verifier: `BASE64URL(SHA256(ASCII(code_verifier)))` (RFC 7636 §4.2). Web Crypto, so it runs
 * in browsers too.
 *
 * @example
 * ```ts
 * await s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'); // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
 * ```
 */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A random URL-safe secret of 32 bytes (43 characters): authorization codes. */
export function randomCode(): string {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** Compares two texts in time independent of where they differ (their lengths are not secret). */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
