/**
 * Whether a host, as written, is the loopback interface: `localhost`, `::1` (bare or in brackets) or an IPv4 literal of
 * 127.0.0.0/8 written as four decimal octets (0–255, no leading zero). Case-insensitive. Anything else is not, even
 * when a resolver or URL parser would reach loopback (`127.1`, `0x7f.0.0.1`, `127.0.0.1.`, `[::ffff:127.0.0.1]`):
 * the rule is about what a person reading the URL sees, and must not depend on DNS (`127.0.0.1.nip.io`,
 * `localhost.evil.example`).
 *
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1');            // true
 * isLoopbackHost('[::1]');                // true
 * isLoopbackHost('127.0.0.1.evil.example'); // false
 * isLoopbackHost('127.1');                // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '[::1]') return true;
  const m = /^127\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(h);
  return m !== null && m.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * The host of an absolute URL exactly as written in its authority (no userinfo allowed, port removed), or `undefined`
 * when the text has no plain `scheme://host` authority. WHATWG parsers end the authority at `\` too, so this does.
 */
function writtenHost(value: string): string | undefined {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/\\?#]*)/.exec(value);
  if (!m) return undefined;
  const authority = m[1]!;
  if (authority.includes('@')) return undefined;
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    return end < 0 ? undefined : authority.slice(0, end + 1);
  }
  const colon = authority.lastIndexOf(':');
  return colon < 0 ? authority : authority.slice(0, colon);
}

/**
 * Whether an absolute URL points at the loopback interface by {@link isLoopbackHost}'s rule, judged on the host as
 * written and on the host the URL parser reads (both must agree), with no userinfo.
 *
 * @example
 * ```ts
 * isLoopbackUrl('http://127.0.0.1:4100/x');        // true
 * isLoopbackUrl('http://127.0.0.1@evil.example/'); // false
 * ```
 */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const written = writtenHost(value);
  return written !== undefined && isLoopbackHost(written) && url.hostname === written.toLowerCase();
}

/**
 * Whether a URL may be used to reach a party: `https:` always, `http:` only on loopback ({@link isLoopbackUrl},
 * for development), no userinfo, nothing else (`javascript:`, `data:`, relative URLs are refused).
 *
 * @example
 * ```ts
 * isHttpsOrLoopbackUrl('https://ent.example/jwks');          // true
 * isHttpsOrLoopbackUrl('http://127.0.0.1.evil.example/jwks'); // false
 * ```
 */
export function isHttpsOrLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackUrl(value);
}
