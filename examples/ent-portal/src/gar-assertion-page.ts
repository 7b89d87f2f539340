import { escapeHtml as e } from '@opengar/server';

/**
 * The page of the ENT's assertion endpoint (`GET /gar/assertion?return_to=…&state=…`), where GAR-style links and
 * discovery send the browser: signed in, an auto-submitted form posting a fresh assertion and the unchanged state back
 * to the service's callback; signed out, the sign-in form, which comes back here.
 *
 * @example
 * ```ts
 * const html = garAssertionPageHtml({ lang: 'fr', nonce, returnTo, state, assertion });
 * ```
 */
export function garAssertionPageHtml(o: {
  lang: 'fr' | 'en';
  nonce: string;
  returnTo: string;
  state: string;
  /** Present when the person is signed in. */
  assertion?: string;
  /** Who can sign in (signed out). */
  users?: readonly { key: string; label: string }[];
  /** This page's own path and query, to come back to after signing in. */
  here?: string;
}): string {
  const en = o.lang === 'en';
  const signedIn = o.assertion !== undefined;
  const title = signedIn
    ? en
      ? 'Opening the resource…'
      : 'Ouverture de la ressource…'
    : en
      ? 'Sign in to the ENT'
      : 'Connexion à l’ENT';
  const body = signedIn
    ? `<form id="back" method="post" action="${e(o.returnTo)}">
<input type="hidden" name="assertion" value="${e(o.assertion!)}">
<input type="hidden" name="state" value="${e(o.state)}"><button type="submit">${en ? 'Continue' : 'Continuer'}</button></form>
<script nonce="${e(o.nonce)}">document.getElementById('back').submit();</script>`
    : `<p>${en ? 'Sign in to open the resource.' : 'Connectez-vous pour ouvrir la ressource.'}</p>
<form method="post" action="/login"><input type="hidden" name="next" value="${e(o.here ?? '/')}">
<label for="user">${en ? 'Who are you?' : 'Qui êtes-vous\u202f?'}</label>
<select id="user" name="user">${(o.users ?? []).map((u) => `<option value="${e(u.key)}">${e(u.label)}</option>`).join('')}</select>
<button type="submit">${en ? 'Sign in' : 'Se connecter'}</button></form>`;
  return `<!doctype html><html lang="${o.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title>
<style nonce="${e(o.nonce)}">body{font:1rem/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:.5rem 0}button{font:inherit;margin-top:.5rem}</style></head>
<body><main><h1>${e(title)}</h1>${body}</main></body></html>`;
}
