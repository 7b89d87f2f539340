// A browser enough for LTI over loopback: manual redirects, one cookie jar per origin, and the auto-submitting forms
// (login initiation, id_token form post) read from the page and posted as a browser with script would.

import { CookieBrowser } from '../fixtures/cookie-browser.js';

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

/** The cookie-jar browser, posting the auto-submitting forms as a browser with script would. */
export class Browser extends CookieBrowser {
  constructor() {
    super(undefined, 10);
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
