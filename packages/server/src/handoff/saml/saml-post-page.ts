import { escapeHtml } from '../../http/escape-html.js';
import { launchPageHeaders } from '../launch-page.js';

/** What the SAML HTTP-POST page posts, and where. */
export interface SamlPostPageInput {
  /** The ACS URL (registered, checked). */
  action: string;
  /** The signed response, base64. */
  samlResponse: string;
  relayState?: string;
  resourceName: string;
  /** A fresh nonce for the one inline script. */
  nonce: string;
  /**
   * What the response is: a sign-in (default, “Ouverture de”), a refusal (“Retour vers”: the resource explains), or a
   * logout response (“Déconnexion de”).
   */
  kind?: 'open' | 'refused' | 'logout';
}

/**
 * The SAML HTTP-POST binding's page: a form posting `SAMLResponse` (and `RelayState`) to the ACS, submitted by one
 * nonce'd script, with a button for browsers without script; French first, English under it. Every text is escaped.
 *
 * @example
 * ```ts
 * const html = samlPostPageHtml({ action: acsUrl, samlResponse, resourceName: resource.name, nonce });
 * ```
 */
export function samlPostPageHtml(input: SamlPostPageInput): string {
  const name = escapeHtml(input.resourceName);
  const [fr, en] =
    input.kind === 'refused'
      ? ['Retour vers', 'Returning to']
      : input.kind === 'logout'
        ? ['Déconnexion de', 'Signing out of']
        : ['Ouverture de', 'Opening'];
  const relay =
    input.relayState === undefined
      ? ''
      : `<input type="hidden" name="RelayState" value="${escapeHtml(input.relayState)}">\n`;
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
<form id="gar-saml" method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(input.samlResponse)}">
${relay}<noscript><button type="submit">Continuer vers ${name} <span lang="en">(Continue)</span></button></noscript>
</form>
</main>
<script nonce="${escapeHtml(input.nonce)}">document.getElementById('gar-saml').submit();</script>
</body>
</html>
`;
}

/** The SAML page's headers: those of the JWT hand-off page (no store, no referrer, nonce CSP, form only to the ACS). */
export const samlPostPageHeaders = launchPageHeaders;
