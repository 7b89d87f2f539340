import { z } from 'zod';
import { resourceIdSchema } from './primitives.js';

/** Loopback literals a native app may listen on (RFC 8252 §7.3; `localhost` is not accepted, §8.3). */
const LOOPBACK_LITERALS = new Set(['127.0.0.1', '[::1]']);

/**
 * Why a redirect URI cannot be registered for a native app, or `undefined` when it can: a claimed `https:` URL
 * (RFC 8252 §7.2) with a host and no userinfo or fragment, or a loopback `http:` URL on the IP literal `127.0.0.1` or
 * `[::1]` (§7.3; any port is accepted at request time, so a registered port is ignored). Custom schemes, `localhost`,
 * `http:` on another host, relative URLs and fragments are refused.
 *
 * @example
 * ```ts
 * redirectUriProblem('http://127.0.0.1/callback');        // undefined
 * redirectUriProblem('https://app.editeur.example/cb');   // undefined
 * redirectUriProblem('http://localhost/callback');        // 'loopback redirects use 127.0.0.1 or [::1]…'
 * ```
 */
export function redirectUriProblem(value: string): string | undefined {
  if (value.length > 2048) return 'at most 2,048 characters';
  // Control characters and spaces are refused as written: URL parsers strip some of them silently.
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return 'no spaces, backslashes or control characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value)) return 'no userinfo';
  if (value.includes('#')) return 'no fragment (RFC 6749 §3.1.2)';
  if (url.protocol === 'https:') return url.hostname ? undefined : 'an https redirect needs a host';
  if (url.protocol !== 'http:') return 'https, or http on the loopback address only (custom schemes are not accepted)';
  if (!LOOPBACK_LITERALS.has(url.hostname)) return 'loopback redirects use 127.0.0.1 or [::1] (RFC 8252 §7.3, §8.3)';
  return undefined;
}

/** A redirect URI of a native app: see {@link redirectUriProblem}. */
export const redirectUriSchema = z
  .string()
  .min(1)
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = redirectUriProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'invalid_format' } });
  });

/**
 * Whether a redirect URI sent in an authorization request is one the app registered: the same string exactly, except
 * that on a loopback `http:` URI the port may differ (RFC 8252 §7.3: the app picks a free port when it starts).
 *
 * @example
 * ```ts
 * matchesRedirectUri(['http://127.0.0.1/cb'], 'http://127.0.0.1:51004/cb'); // true
 * matchesRedirectUri(['https://app.example/cb'], 'https://app.example/cb/'); // false
 * ```
 */
export function matchesRedirectUri(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  if (redirectUriProblem(requested) !== undefined || !requested.startsWith('http://')) return false;
  const asked = withoutPort(requested);
  return registered.some((r) => r.startsWith('http://') && withoutPort(r) === asked);
}

/** The text of a loopback URI with its port removed, so that only the port may differ (no normalisation tricks). */
function withoutPort(value: string): string {
  return value.replace(/^(http:\/\/(?:127\.0\.0\.1|\[::1\])):\d{1,5}(?=[/?]|$)/i, '$1');
}

/** A native app's client id: letters, digits, `.`, `_`, `-`, 3 to 64 characters. */
export const clientIdSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'letters, digits, ".", "_" and "-"' });

/**
 * A native app (a tablet reader, a desktop app) registered by the operator for one resource: the OAuth 2.0 public
 * client that may obtain, with PKCE, the claims the resource's hand-off token would carry.
 *
 * @example
 * ```ts
 * nativeAppSchema.parse({ clientId: 'lecteur-ipad', resourceId: 'ark:/67890/dico', name: 'Lecteur', redirectUris: ['http://127.0.0.1/cb'] });
 * ```
 */
export const nativeAppSchema = z.strictObject({
  clientId: clientIdSchema,
  /** The resource whose claims the app receives; one app serves one resource. */
  resourceId: resourceIdSchema,
  name: z.string().min(1).max(255),
  /** Claimed https URLs and loopback URLs, matched exactly (a loopback's port may vary). */
  redirectUris: z
    .array(redirectUriSchema)
    .min(1)
    .max(10)
    .refine((a) => new Set(a).size === a.length, { message: 'redirect URIs must be unique' }),
});
/** A registered native app. */
export type NativeApp = z.infer<typeof nativeAppSchema>;

/** Answer of `GET /api/v1/admin/apps`. @example `nativeAppListSchema.parse(body).items` */
export const nativeAppListSchema = z.object({ items: z.array(nativeAppSchema) });

/** Query of `GET /api/v1/admin/apps`: optionally one resource's apps. @example `nativeAppListQuerySchema.parse({})` */
export const nativeAppListQuerySchema = z.strictObject({ resourceId: resourceIdSchema.optional() });
