import { isHttpsOrLoopbackUrl } from './loopback.js';

/** Longest grain read, in characters, as written (a path and query inside a declared origin). */
export const MAX_GRAIN_LENGTH = 2048;

/** Most origins one resource may declare for its grains. */
export const MAX_GRAIN_ORIGINS = 10;

/**
 * Why a grain is refused: `too_long`, `control_character` (C0, DEL, or any white space), `backslash`,
 * `encoded_separator` (`%2f`, `%5c`, `%2e`, an encoded control character, or a `%` not followed by two hex digits),
 * `not_a_url` (neither `/path` nor an absolute URL; `//host` included), `scheme` (not https, or http off loopback:
 * `javascript:`, `data:`…), `userinfo` (`user@host`), `fragment` (`#…`), `not_canonical` (the URL parser would
 * rewrite it: dot segments, upper-case host, default port…), `foreign_origin` (not one of the declared origins),
 * `no_grains` (the resource declares no origin).
 */
export type GrainRefusal =
  | 'too_long'
  | 'control_character'
  | 'backslash'
  | 'encoded_separator'
  | 'not_a_url'
  | 'scheme'
  | 'userinfo'
  | 'fragment'
  | 'not_canonical'
  | 'foreign_origin'
  | 'no_grains';

/** A checked grain (its absolute URL), or why it is refused. */
export type GrainCheck = { ok: true; url: string } | { ok: false; reason: GrainRefusal };

// Any C0 control, DEL, C1 control, or Unicode white space / invisible separators.
const CONTROL = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u2060\u3000\ufeff]/u;
// Encoded `/`, `\`, `.`, controls and `%`; or a lone `%`.
const ENCODED = /%(?:2f|5c|2e|25|[01][0-9a-f]|7f)|%(?![0-9a-f]{2})/i;

/**
 * Checks a grain against the origins a resource declared, before anything is signed: a path (`/chapitre/3?p=42`,
 * read in the first declared origin) or an absolute URL inside one of them, written canonically (as the URL parser
 * would write it back), with no fragment, userinfo, backslash, encoded separator or control character, at most
 * {@link MAX_GRAIN_LENGTH} characters. Answers the grain's absolute URL: the value of the `GRAIN` claim.
 *
 * @example
 * ```ts
 * checkGrain('/chapitre/3?page=42', ['https://lecture.editeur.example']);
 * // { ok: true, url: 'https://lecture.editeur.example/chapitre/3?page=42' }
 * checkGrain('javascript:alert(1)', ['https://lecture.editeur.example']); // { ok: false, reason: 'scheme' }
 * ```
 */
export function checkGrain(raw: string, origins: readonly string[]): GrainCheck {
  // A resource stored before grains existed may hold no list at all.
  if (!origins || origins.length === 0) return { ok: false, reason: 'no_grains' };
  if (raw.length === 0) return { ok: false, reason: 'not_a_url' };
  if (raw.length > MAX_GRAIN_LENGTH) return { ok: false, reason: 'too_long' };
  if (CONTROL.test(raw)) return { ok: false, reason: 'control_character' };
  if (raw.includes('\\')) return { ok: false, reason: 'backslash' };
  if (ENCODED.test(raw)) return { ok: false, reason: 'encoded_separator' };
  if (raw.includes('#')) return { ok: false, reason: 'fragment' };
  let absolute: string;
  if (raw.startsWith('/')) {
    if (raw.startsWith('//')) return { ok: false, reason: 'not_a_url' };
    absolute = `${origins[0]}${raw}`;
  } else {
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw);
    if (!scheme) return { ok: false, reason: 'not_a_url' };
    if (!raw.startsWith('https://') && !raw.startsWith('http://')) return { ok: false, reason: 'scheme' };
    absolute = raw;
  }
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return { ok: false, reason: 'not_a_url' };
  }
  const authority = /^[a-z]+:\/\/([^/?]*)/.exec(absolute)?.[1] ?? '';
  if (url.username || url.password || authority.includes('@')) return { ok: false, reason: 'userinfo' };
  if (!isHttpsOrLoopbackUrl(url.href)) return { ok: false, reason: 'scheme' };
  if (url.href !== absolute) return { ok: false, reason: 'not_canonical' };
  if (!origins.includes(url.origin)) return { ok: false, reason: 'foreign_origin' };
  return { ok: true, url: url.href };
}
