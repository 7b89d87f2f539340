import { escapeHtml } from '../../http/escape-html.js';

/** An auto-submitting form: the LTI login initiation (to the tool) and the `id_token`'s form post (to the tool). */
export interface AutoPostPage {
  action: string;
  fields: Readonly<Record<string, string>>;
  /** The resource's name, shown while the page submits. */
  resourceName: string;
  /** A fresh nonce for the one inline script. */
  nonce: string;
}

/**
 * The page that posts `fields` to `action` (nothing in a URL), submitted by one nonce'd script, with a button for
 * browsers without script; French first, English beside it. Every text is escaped.
 *
 * @example
 * ```ts
 * autoPostPageHtml({ action: tool.loginUrl, fields, resourceName: resource.name, nonce: cspNonce() });
 * ```
 */
export function autoPostPageHtml(page: AutoPostPage): string {
  const name = escapeHtml(page.resourceName);
  const inputs = Object.entries(page.fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ouverture de ${name}</title>
</head>
<body>
<form id="gar-lti" method="post" action="${escapeHtml(page.action)}">
${inputs}
<p>Ouverture de <strong>${name}</strong>… <span lang="en">(opening ${name}…)</span></p>
<noscript><button type="submit">Continuer vers ${name} <span lang="en">(continue)</span></button></noscript>
</form>
<script nonce="${escapeHtml(page.nonce)}">document.getElementById('gar-lti').submit();</script>
</body>
</html>
`;
}
