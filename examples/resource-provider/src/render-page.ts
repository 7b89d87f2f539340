import { garAttributeNames, type GarClaims } from '@opengar/verifier';
import { escapeHtml } from '@opengar/server';
import { messages, type Lang } from './messages.js';

const style = `body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
code{font-size:.85em;word-break:break-all}nav{display:flex;flex-wrap:wrap;gap:1rem;justify-content:flex-end;align-items:center}
nav form{margin:0}`;

function layout(lang: Lang, heading: string, body: string, nav = ''): string {
  const m = messages[lang];
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(m.title)}</title><style>${style}</style></head>
<body>${nav ? `<header><nav aria-label="${escapeHtml(m.title)}">${nav}</nav></header>` : ''}
<main><h1>${escapeHtml(heading)}</h1>
${body}
</main>
</body></html>`;
}

/** `code##libellé` values read better as "code — libellé". */
function formatValue(value: string): string {
  const [code, label] = value.split('##');
  return label === undefined ? escapeHtml(value) : `${escapeHtml(code ?? '')} — ${escapeHtml(label)}`;
}

function cell(value: string | readonly string[]): string {
  if (typeof value === 'string') return `<code>${formatValue(value)}</code>`;
  return `<ul>${value.map((v) => `<li><code>${formatValue(v)}</code></li>`).join('')}</ul>`;
}

const date = (seconds: number, lang: Lang) =>
  escapeHtml(new Date(seconds * 1000).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC' }) + ' UTC');

/**
 * The page a signed-in user sees: every attribute the token carried (and only those), escaped, then the token's
 * registered claims. Links carry the session id so that the site works without cookies (e.g. in an iframe).
 *
 * @example
 * ```ts
 * const html = renderClaimsPage(claims, 'fr', '/s/3q2…/');
 * ```
 */
export function renderClaimsPage(claims: GarClaims, lang: Lang, sessionPath: string): string {
  const m = messages[lang];
  const rows = garAttributeNames
    .filter((name) => claims[name] !== undefined)
    .map((name) => {
      const value = claims[name] as string | readonly string[];
      return `<tr data-claim="${name}"><th scope="row">${escapeHtml(m.attributes[name])} <small>(${name})</small></th><td>${cell(value)}</td></tr>`;
    })
    .join('\n');
  const aud = typeof claims.aud === 'string' ? claims.aud : claims.aud.join(', ');
  const token = [
    [m.issuer, escapeHtml(claims.iss)],
    [m.audience, escapeHtml(aud)],
    [m.issuedAt, date(claims.iat, lang)],
    [m.expiresAt, date(claims.exp, lang)],
    [m.tokenId, escapeHtml(claims.jti)],
  ]
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k ?? '')}</th><td><code>${v ?? ''}</code></td></tr>`)
    .join('\n');
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const path = escapeHtml(sessionPath);
  const nav = `<a href="${path}?lang=${other}" hreflang="${other}">${escapeHtml(m.otherLang)}</a>
<form method="post" action="${path}logout?lang=${lang}"><button>${escapeHtml(m.signOut)}</button></form>`;
  const body = `<p>${escapeHtml(m.receivedNote)}</p>
<table id="claims"><thead><tr><th>${escapeHtml(m.attribute)}</th><th>${escapeHtml(m.value)}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>${escapeHtml(m.token)}</h2>
<table id="token"><tbody>
${token}
</tbody></table>`;
  return layout(lang, m.received, body, nav);
}

/**
 * A deep-linked page (the `GRAIN` the token carried): says which page, escaped, and links to the session's claims.
 *
 * @example
 * ```ts
 * const html = renderGrainPage('fr', '/resources/manuel/chapitres/3?page=42', '/resources/manuel/s/3q2…/');
 * ```
 */
export function renderGrainPage(lang: Lang, pagePath: string, sessionPath: string): string {
  const m = messages[lang];
  const [before, after] = m.pageNote.split('{path}');
  const body = `<p id="grain-page">${escapeHtml(before ?? '')}<code>${escapeHtml(pagePath)}</code>${escapeHtml(after ?? '')}</p>
<p><a href="${escapeHtml(sessionPath)}?lang=${lang}">${escapeHtml(m.seeClaims)}</a></p>`;
  return layout(lang, m.pageHeading, body);
}

/**
 * A page with one message (refused token, unknown session, landing page), in the user's language.
 *
 * @example
 * ```ts
 * const html = renderMessagePage('en', messages.en.refused, messages.en.errors.expired);
 * ```
 */
export function renderMessagePage(lang: Lang, heading: string, message: string, code?: string): string {
  const detail = code ? `<p><small>code: <code data-code>${escapeHtml(code)}</code></small></p>` : '';
  return layout(lang, heading, `<p>${escapeHtml(message)}</p>${detail}`);
}
