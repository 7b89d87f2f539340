import { entChooserPageHtml, PUPIL_CHOOSER_TEXTS } from '../ent-chooser-page.js';
import { SAML_PATHS } from './saml-names.js';

/** What the chooser re-sends with the chosen ENT: the SP's request as it came (Redirect: GET; POST: POST). */
export interface SamlChooserInput {
  method: 'get' | 'post';
  /** The request's own parameters (`SAMLRequest`, `RelayState`, `SigAlg`, `Signature`), as received. */
  fields: Record<string, string>;
  resourceName: string;
  ents: readonly { id: string; name: string }[];
}

/**
 * The page an SP-initiated sign-in shows when it names no ENT (`idp_hint`): one radio button per ENT with an assertion
 * endpoint, in a form that sends the SP's request back with `idp_hint`; French then English, keyboard-usable, every
 * text escaped, no script.
 *
 * @example
 * ```ts
 * const html = samlChooserHtml({ method: 'get', fields: { SAMLRequest }, resourceName: 'Lire en ligne', ents });
 * ```
 */
export function samlChooserHtml(input: SamlChooserInput): string {
  return entChooserPageHtml({
    texts: PUPIL_CHOOSER_TEXTS,
    ents: input.ents,
    resourceName: input.resourceName,
    form: { method: input.method, action: SAML_PATHS.sso, hidden: input.fields, field: 'idp_hint' },
  });
}
