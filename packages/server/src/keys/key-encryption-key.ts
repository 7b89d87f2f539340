import { KeyError } from './key-error.js';

const VERSION = 1;
const IV_BYTES = 12;

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The deployment's key-encryption key (`OPENGAR_KEK`): AES-256-GCM, used only to encrypt private signing keys at rest.
 * Nothing else is derived from it.
 *
 * @example
 * ```ts
 * const kek = await importKeyEncryptionKey(process.env.OPENGAR_KEK!);
 * const sealed = await kek.seal('{"kty":"EC",…}', 'kid|ES256');
 * ```
 */
export interface KeyEncryptionKey {
  /** Encrypts `plaintext`, binding it to `context` (additional authenticated data); returns base64url. */
  seal(plaintext: string, context: string): Promise<string>;
  /** Decrypts what {@link KeyEncryptionKey.seal} made with the same context; a {@link KeyError} `wrong-kek` otherwise. */
  open(sealed: string, context: string): Promise<string>;
}

/**
 * Imports a key-encryption key written as base64url of 32 random bytes.
 *
 * @throws {@link KeyError} `invalid-kek` when it is not 32 bytes of base64url.
 * @example
 * ```ts
 * const kek = await importKeyEncryptionKey('q2Fk…'); // 43 characters
 * ```
 */
export async function importKeyEncryptionKey(base64url: string): Promise<KeyEncryptionKey> {
  const raw = fromBase64Url(base64url.trim());
  if (!raw || raw.length !== 32) {
    throw new KeyError('invalid-kek', 'the key-encryption key must be 32 bytes written in base64url (43 characters)');
  }
  const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  const aad = (context: string) => new TextEncoder().encode(context);
  return {
    async seal(plaintext, context) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ct = new Uint8Array(
        await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: aad(context) },
          key,
          new TextEncoder().encode(plaintext),
        ),
      );
      const out = new Uint8Array(1 + IV_BYTES + ct.length);
      out[0] = VERSION;
      out.set(iv, 1);
      out.set(ct, 1 + IV_BYTES);
      return toBase64Url(out);
    },
    async open(sealed, context) {
      const bytes = fromBase64Url(sealed);
      if (!bytes || bytes.length <= 1 + IV_BYTES || bytes[0] !== VERSION) {
        throw new KeyError('wrong-kek', 'a stored signing key is not in the expected format');
      }
      try {
        const pt = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(1, 1 + IV_BYTES), additionalData: aad(context) },
          key,
          bytes.subarray(1 + IV_BYTES),
        );
        return new TextDecoder().decode(pt);
      } catch (cause) {
        throw new KeyError(
          'wrong-kek',
          'a stored signing key does not decrypt with this key-encryption key (did OPENGAR_KEK change?)',
          { cause },
        );
      }
    },
  };
}

/**
 * A new random key-encryption key, as base64url of 32 bytes (what `OPENGAR_KEK` holds).
 *
 * @example
 * ```ts
 * const kek = generateKeyEncryptionKey(); // 43 characters
 * ```
 */
export function generateKeyEncryptionKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}
