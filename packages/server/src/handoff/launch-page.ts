import { escapeHtml } from '../http/escape-html.js';
/**
 * Escapes text for HTML content and double-quoted attribute values: `escapeHtml` under the name the hand-off
 * module has always exported.
 *
 * @example
 * ```ts
 * htmlEscape('<a href="x">'); // '&lt;a href=&quot;x&quot;&gt;'
 * ```
 */
export function htmlEscape(text: string): string {
  return escapeHtml(text);
}

/** What the auto-submitting page posts, and where. */
export interface LaunchPageInput {
  /** The resource's access URL (https, or http on loopback): the form's action. */
  action: string;
  /** The signed hand-off token, posted as `gar_token`. */
  token: string;
  /** The resource's name, shown while the page submits. */
  resourceName: string;
  /** A fresh random nonce for the one inline script. */
  nonce: string;
  /** The deployment's terms of use and information notice (checked, absolute), shown under the form. */
  legal?: { termsUrl?: string; noticeUrl?: string };
}

function legalFooter(legal: LaunchPageInput['legal']): string {
  const links = [
    legal?.termsUrl ? `<a href="${htmlEscape(legal.termsUrl)}">Conditions d’utilisation</a>` : '',
    legal?.noticeUrl ? `<a href="${htmlEscape(legal.noticeUrl)}">Mentions d’information</a>` : '',
  ].filter(Boolean);
  return links.length ? `<footer><p>${links.join(' · ')}</p></footer>\n` : '';
}

/** An auto-submitting page: what it posts (every field hidden, nothing in a URL), where, and for which resource. */
export interface AutoPostPageInput {
  /** The form's action: the resource's access URL, the SAML ACS, the LTI tool's login or redirect URI. */
  action: string;
  /** The hidden fields, in order (`gar_token`; `SAMLResponse` and `RelayState`; the LTI parameters or `id_token`). */
  fields: Readonly<Record<string, string>>;
  /** The resource's name, shown while the page submits. */
  resourceName: string;
  /** A fresh random nonce for the one inline script. */
  nonce: string;
  /** The deployment's terms of use and information notice (checked, absolute), shown under the form. */
  legal?: LaunchPageInput['legal'];
  /** What the page says it does, before the resource's name, in French then English (default: opening it). */
  heading?: readonly [fr: string, en: string];
}

/**
 * The one page every hand-off protocol answers with when it posts to the resource (the JWT token, a SAML response, an
 * LTI login initiation or `id_token`): a form submitted by one inline script allowed by its nonce, with a button for
 * browsers without script; French first, English under it. Every text is escaped.
 *
 * @example
 * ```ts
 * const html = autoPostPageHtml({ action: acsUrl, fields: { SAMLResponse: response }, resourceName: 'Quiz', nonce });
 * ```
 */
export function autoPostPageHtml(input: AutoPostPageInput): string {
  const name = htmlEscape(input.resourceName);
  const [fr, en] = input.heading ?? ['Ouverture de', 'Opening'];
  const fields = Object.entries(input.fields)
    .map(([k, v]) => `<input type="hidden" name="${htmlEscape(k)}" value="${htmlEscape(v)}">\n`)
    .join('');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fr} ${name}</title>
</head>
<body>
<main>
<h1>${fr} ${name}…</h1>
<p lang="en">${en} ${name}…</p>
<form id="gar-post" method="post" action="${htmlEscape(input.action)}">
${fields}<noscript><button type="submit">Continuer vers ${name} <span lang="en">(continue)</span></button></noscript>
</form>
</main>
${legalFooter(input.legal)}<script nonce="${htmlEscape(input.nonce)}">document.getElementById('gar-post').submit();</script>
</body>
</html>
`;
}

/**
 * The hand-off page: {@link autoPostPageHtml} posting `gar_token` to the resource (the token never goes in a URL).
 *
 * @example
 * ```ts
 * const html = launchPageHtml({ action: resource.accessUrl, token, resourceName: resource.name, nonce });
 * ```
 */
export function launchPageHtml(input: LaunchPageInput): string {
  const { token, ...page } = input;
  return autoPostPageHtml({ ...page, fields: { gar_token: token } });
}

/**
 * The headers of the hand-off page: never cached, no referrer, a CSP that runs only the nonce'd script and lets the
 * form post only to the resource's origin, no framing.
 *
 * @example
 * ```ts
 * new Response(html, { headers: launchPageHeaders(nonce, resource.accessUrl) });
 * ```
 */
export function launchPageHeaders(nonce: string, action: string): Record<string, string> {
  const origin = new URL(action).origin;
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; form-action ${origin}; base-uri 'none'; frame-ancestors 'none'`,
  };
}

/**
 * A random nonce for a CSP (128 bits, base64).
 *
 * @example
 * ```ts
 * const nonce = cspNonce();
 * ```
 */
export function cspNonce(): string {
  let bin = '';
  for (const b of globalThis.crypto.getRandomValues(new Uint8Array(16))) bin += String.fromCharCode(b);
  return btoa(bin);
}
