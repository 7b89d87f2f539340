import { escapeHtml } from '../../http/escape-html.js';
import { SAML_PATHS } from './saml-names.js';

const STYLE = `body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fff}
main{max-width:36rem;margin:0 auto}h1{font-size:1.4rem}fieldset{border:1px solid #757575;border-radius:4px;padding:.5rem 1rem}
label{display:block;padding:.4rem 0}input[type=radio]{margin-right:.5rem}
button{font:inherit;margin-top:1rem;padding:.5rem 1rem;border:2px solid #000091;background:#000091;color:#fff;border-radius:4px}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}p[lang=en]{color:#3a3a3a}`;

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
  const name = escapeHtml(input.resourceName);
  const hidden = Object.entries(input.fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  const options = input.ents
    .map(
      (e, i) =>
        `<label><input type="radio" name="idp_hint" value="${escapeHtml(e.id)}" required${i === 0 ? ' checked' : ''}>${escapeHtml(e.name)}</label>`,
    )
    .join('\n');
  const body =
    input.ents.length === 0
      ? `<h1>Connexion impossible <span lang="en">/ Cannot sign in</span></h1>
<p>Aucun ENT n’est encore relié à ce service. Préviens ton établissement.</p>
<p lang="en">No ENT is linked to this service yet. Tell your school.</p>`
      : `<h1>Par quel ENT te connectes-tu ? <span lang="en">/ Which ENT do you sign in with?</span></h1>
<p><strong>${name}</strong> demande une connexion. Choisis l’ENT de ton établissement : tu y passeras pour t’identifier, puis tu reviendras à la ressource.</p>
<p lang="en"><strong>${name}</strong> asks you to sign in. Choose your school’s ENT: you will sign in there, then come back to the resource.</p>
<form method="${input.method}" action="${SAML_PATHS.sso}">
${hidden}
<fieldset>
<legend>Ton ENT <span lang="en">/ Your ENT</span></legend>
${options}
</fieldset>
<button type="submit">Continuer <span lang="en">/ Continue</span></button>
</form>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Choisir son ENT / Choose your ENT</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
