import { autoPostPageHtml, launchPageHeaders } from '../launch-page.js';

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
 * The SAML HTTP-POST binding's page: the hand-off's auto-submitting page ({@link autoPostPageHtml}) posting
 * `SAMLResponse` (and `RelayState`) to the ACS.
 *
 * @example
 * ```ts
 * const html = samlPostPageHtml({ action: acsUrl, samlResponse, resourceName: resource.name, nonce });
 * ```
 */
export function samlPostPageHtml(input: SamlPostPageInput): string {
  const { action, resourceName, nonce, samlResponse, relayState } = input;
  const heading =
    input.kind === 'refused'
      ? (['Retour vers', 'Returning to'] as const)
      : input.kind === 'logout'
        ? (['Déconnexion de', 'Signing out of'] as const)
        : undefined;
  const fields = { SAMLResponse: samlResponse, ...(relayState === undefined ? {} : { RelayState: relayState }) };
  return autoPostPageHtml({ action, fields, resourceName, nonce, ...(heading ? { heading } : {}) });
}

/** The SAML page's headers: those of the JWT hand-off page (no store, no referrer, nonce CSP, form only to the ACS). */
export const samlPostPageHeaders = launchPageHeaders;
