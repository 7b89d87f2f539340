import type { MiddlewareHandler } from 'hono';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A strong ETag of a body: `"` + base64url(SHA-256(body)) + `"` (WebCrypto).
 *
 * @example
 * ```ts
 * await bodyEtag('{"resources":[]}'); // '"Xy…"'
 * ```
 */
export async function bodyEtag(body: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return `"${toBase64Url(new Uint8Array(digest))}"`;
}

/** Whether an `If-None-Match` header matches an ETag (weak comparison, as RFC 9110 asks for `If-None-Match`). */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => strip(t) === strip(etag));
}

const DROPPED_ON_304 = ['content-type', 'content-length', 'content-encoding'];

/**
 * Makes a personal JSON listing cheap to reload and always fresh: a `200` gets an `ETag` (hash of the body) and
 * `Cache-Control: private, no-cache` (so the browser revalidates every time), and a request whose `If-None-Match`
 * names the current ETag gets `304` with no body. A change of allocation changes the body, so it shows at the next
 * load. Other statuses pass untouched.
 *
 * @example
 * ```ts
 * app.use('/api/v1/me/resources', listingEtag());
 * ```
 */
export function listingEtag(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.res.status !== 200) return;
    const body = new Uint8Array(await c.res.clone().arrayBuffer());
    const etag = await bodyEtag(body);
    const headers = new Headers(c.res.headers);
    headers.set('etag', etag);
    headers.set('cache-control', 'private, no-cache');
    const vary = headers.get('vary');
    if (!vary || !/\bauthorization\b/i.test(vary))
      headers.set('vary', vary ? `${vary}, Authorization` : 'Authorization');
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) {
      for (const h of DROPPED_ON_304) headers.delete(h);
      // Unset first: Hono copies the previous response's headers (a stale content-length) onto the new one.
      c.res = undefined;
      c.res = new Response(null, { status: 304, headers });
      return;
    }
    c.res = undefined;
    c.res = new Response(body, { status: 200, headers });
  };
}
