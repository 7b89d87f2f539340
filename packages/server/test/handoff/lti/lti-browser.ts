// A browser enough for LTI over loopback: manual redirects, one cookie jar per origin, and the auto-submitting forms
// (login initiation, id_token form post) read from the page and posted as a browser with script would.

/** An auto-submitting form read from a page: its action and hidden fields. */
export interface PostedForm {
  action: string;
  fields: Record<string, string>;
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The first `<form method="post">` of a page, or `undefined`. */
export function readForm(html: string): PostedForm | undefined {
  const form = /<form[^>]*method="post"[^>]*action="([^"]*)"/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields[unescapeHtml(m[1]!)] = unescapeHtml(m[2]!);
  return { action: unescapeHtml(form[1]!), fields };
}

export class Browser {
  readonly jars = new Map<string, Map<string, string>>();

  private cookieHeader(url: URL): string {
    return [...(this.jars.get(url.origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(url: URL, res: Response): void {
    const jar = this.jars.get(url.origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      if (/expires=thu, 01 jan 1970/i.test(line) || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, pair!.slice(i + 1));
    }
    this.jars.set(url.origin, jar);
  }

  /** Follows redirects to the first page that is not one; the trail of URLs is kept. */
  async go(start: string, init: RequestInit = {}): Promise<{ res: Response; url: URL; text: string; trail: string[] }> {
    let url = new URL(start);
    let request = init;
    const trail: string[] = [];
    for (let hop = 0; hop < 10; hop++) {
      trail.push(url.href);
      const headers = new Headers(request.headers);
      headers.set('accept', 'text/html');
      const cookie = this.cookieHeader(url);
      if (cookie) headers.set('cookie', cookie);
      const res = await fetch(url, { ...request, headers, redirect: 'manual' });
      this.keep(url, res);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url, text: await res.text(), trail };
      await res.body?.cancel();
      url = new URL(location, url);
      request = {};
    }
    throw new Error('too many redirects');
  }

  /** Posts a form as a browser does. */
  post(form: PostedForm) {
    return this.go(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    });
  }
}
