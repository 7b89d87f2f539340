import { ServiceConfigError } from './service-config-error.js';

/**
 * The deployment's terms of use (CGU) and information notice (mentions d'information), shown on the hand-off page and
 * given to the elements. Each is an `https:` URL or a path on the service's own origin (`/cgu`).
 */
export interface LegalLinks {
  termsUrl?: string;
  noticeUrl?: string;
}

/** A link that is `https:` (no credentials), or a same-origin path resolved against `issuer`; else `undefined`. */
export function safeLegalUrl(value: string, issuer: string): string | undefined {
  const sameOrigin = value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
  let url: URL;
  try {
    url = sameOrigin ? new URL(value, issuer) : new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (sameOrigin) return url.origin === new URL(issuer).origin ? url.href : undefined;
  return url.protocol === 'https:' ? url.href : undefined;
}

/**
 * Checks the links when the service is made: a link that is neither `https:` nor a same-origin path is the
 * embedder's mistake, said at once (`ServiceConfigError` `bad-legal-link`). Answers them absolute.
 *
 * @example
 * ```ts
 * checkLegalLinks({ termsUrl: '/cgu' }, 'https://gar.example'); // { termsUrl: 'https://gar.example/cgu' }
 * ```
 */
export function checkLegalLinks(links: LegalLinks | undefined, issuer: string): LegalLinks {
  const out: LegalLinks = {};
  for (const key of ['termsUrl', 'noticeUrl'] as const) {
    const value = links?.[key];
    if (value === undefined || value === '') continue;
    const safe = safeLegalUrl(value, issuer);
    if (!safe) throw new ServiceConfigError('bad-legal-link', `${key} must be an https: URL or a path of the service`);
    out[key] = safe;
  }
  return out;
}
