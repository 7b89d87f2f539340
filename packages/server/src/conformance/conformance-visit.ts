/** What one request to the publisher came to: accepted when its last answer (after its own redirects) is 2xx. */
export interface Visit {
  accepted: boolean;
  status?: number;
  detail: string;
}

/** A browser's cookies for one origin, kept across the steps of one case (an LTI login, then its launch). */
export type CookieJar = Map<string, string>;

/** Keeps the cookies an answer sets (name and value only: the kit talks to one origin per jar). */
export function keepCookies(jar: CookieJar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0]!;
    const i = pair.indexOf('=');
    if (i > 0) jar.set(pair.slice(0, i).trim(), pair.slice(i + 1));
  }
}

/** The `cookie` header of a jar, or `undefined` when it is empty. */
export function cookieHeader(jar: CookieJar): string | undefined {
  return jar.size > 0 ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
}

/**
 * Sends one request to the publisher and follows its redirects inside its own origin (a browser would, with its
 * cookies); accepted when the last answer is 2xx. A redirect elsewhere (to a CAS login, an error site) is a refusal.
 * `jar` carries cookies in from an earlier step (a fresh one by default).
 */
export async function visit(
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  jar: CookieJar = new Map(),
): Promise<Visit> {
  const origin = new URL(url).origin;
  let target = new URL(url);
  let request = init;
  for (let hop = 0; hop < 6; hop++) {
    const headers = new Headers(request.headers);
    headers.set('accept', 'text/html');
    const cookie = cookieHeader(jar);
    if (cookie !== undefined) headers.set('cookie', cookie);
    const res = await doFetch(target, {
      ...request,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    keepCookies(jar, res);
    await res.body?.cancel();
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, target);
      if (next.origin !== origin)
        return { accepted: false, status: res.status, detail: `redirected to ${next.origin}` };
      target = next;
      request = {};
      continue;
    }
    return { accepted: res.status >= 200 && res.status < 300, status: res.status, detail: `HTTP ${res.status}` };
  }
  return { accepted: false, detail: 'too many redirects' };
}

/** Posts a form (as the hand-off pages do) and judges the answer with {@link visit}. */
export function postForm(
  doFetch: typeof fetch,
  url: string,
  fields: Record<string, string>,
  timeoutMs: number,
  jar?: CookieJar,
): Promise<Visit> {
  return visit(
    doFetch,
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    },
    timeoutMs,
    jar,
  );
}
