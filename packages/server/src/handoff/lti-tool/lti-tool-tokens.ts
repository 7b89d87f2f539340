import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';

/** The kinds of short-lived tokens the LTI tool seals for itself, each with its own `typ` and lifetime (seconds). */
export const LTI_TOKENS = {
  /** The OIDC `state` of a login initiation, bound to the browser's cookie; read at `/lti/tool/launch`. */
  state: { typ: 'opengar-lti-state+jwt', lifetimeS: 600 },
  /** A Deep Linking request waiting for the teacher to choose an ENT. */
  request: { typ: 'opengar-lti-request+jwt', lifetimeS: 900 },
  /** The state of the ENT round trip of the picker; read at `/launch/callback`. */
  picker: { typ: 'opengar-lti-picker+jwt', lifetimeS: 300 },
  /** The link a framed Deep Linking request opens in a new window (the ENT refuses frames): the request and the ENT. */
  window: { typ: 'opengar-lti-window+jwt', lifetimeS: 900 },
  /** The picker's form: the authenticated teacher, the school, the Deep Linking request. */
  session: { typ: 'opengar-lti-session+jwt', lifetimeS: 1800 },
} as const;
/** A kind of {@link LTI_TOKENS}. */
export type LtiTokenKind = keyof typeof LTI_TOKENS;

/** What a Deep Linking request asked, carried through the picker (never trusted for a person's identity). */
export const deepLinkContextSchema = z.strictObject({
  /** The platform's registration id. */
  plt: z.string().max(64),
  /** The client id the launch was for. */
  cid: z.string().max(255),
  /** The deployment id. */
  dep: z.string().max(255),
  /** `deep_link_return_url`. */
  ret: z.string().max(2048),
  /** `data`, echoed. */
  data: z.string().max(2048).optional(),
  /** Whether several items may be returned (`accept_multiple`). */
  multi: z.boolean().optional(),
  /** Whether the platform accepts items opening in a new window (`accept_presentation_document_targets`). */
  win: z.boolean().optional(),
  /** The picker runs in a window opened from the platform's frame: the response goes back to that frame. */
  pop: z.boolean().optional(),
});
/** See {@link deepLinkContextSchema}. */
export type DeepLinkContext = z.infer<typeof deepLinkContextSchema>;

/**
 * The key of the LTI tool's own tokens (256 bits): HMAC-SHA-256 of a label of its own under the IDO secret, so every
 * instance sharing that secret reads the tokens of the others, and nothing else is sealed with it.
 */
export async function ltiToolKey(secret: string | Uint8Array): Promise<Uint8Array> {
  const raw = typeof secret === 'string' ? new TextEncoder().encode(secret) : new Uint8Array(secret);
  const hmac = await globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(
    await globalThis.crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode('opengar/lti-tool/v1')),
  );
}

/**
 * Seals one of the tool's tokens: an encrypted JWT (JWE `dir` + A256GCM: authenticated, and unreadable outside the
 * service, for some travel in URLs through the ENT and carry the platform's return URL, which holds Moodle's
 * `sesskey`), with `aud`, `iat`, `exp` and a random `jti`.
 */
export async function signLtiToken(
  key: Uint8Array,
  kind: LtiTokenKind,
  claims: Record<string, unknown>,
  audience: string,
  now: Date,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: LTI_TOKENS[kind].typ })
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + LTI_TOKENS[kind].lifetimeS)
    .setJti(globalThis.crypto.randomUUID())
    .encrypt(key);
}

/** Opens one of the tool's tokens: its claims, or `undefined` when forged, altered, of another kind, or expired. */
export async function readLtiToken<S extends z.ZodType>(
  key: Uint8Array,
  kind: LtiTokenKind,
  token: string,
  audience: string,
  now: Date,
  schema: S,
): Promise<(z.output<S> & { jti: string; exp: number }) | undefined> {
  if (token.length === 0 || token.length > 8192) return undefined;
  try {
    const { payload } = await jwtDecrypt(token, key, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      typ: LTI_TOKENS[kind].typ,
      audience,
      currentDate: now,
      requiredClaims: ['exp', 'jti'],
    });
    const parsed = schema.safeParse(payload);
    if (!parsed.success || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return undefined;
    return Object.assign({}, parsed.data as z.output<S>, { jti: payload.jti, exp: payload.exp });
  } catch {
    return undefined;
  }
}

/** Whether a compact JWE carries the picker's `typ` (how `/launch/callback` recognises a picker's round trip). */
export function isPickerState(token: string): boolean {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot > 512) return false;
  try {
    const header = JSON.parse(new TextDecoder().decode(base64UrlBytes(token.slice(0, dot)))) as { typ?: unknown };
    return header.typ === LTI_TOKENS.picker.typ;
  } catch {
    return false;
  }
}

function base64UrlBytes(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** SHA-256 (base64url) of the browser's binding cookie, as tokens carry it. */
export async function bindingHash(value: string): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random value of 32 bytes, base64url (nonces, the browser's binding cookie). */
export function randomToken(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
