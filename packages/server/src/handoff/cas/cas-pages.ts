import { htmlEscape } from '../launch-page.js';

/** An ENT offered on the chooser page. */
export interface ChooserEnt {
  id: string;
  name: string;
}

const STYLE = `body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fff}
main{max-width:36rem;margin:0 auto}h1{font-size:1.4rem}fieldset{border:1px solid #757575;border-radius:4px;padding:.5rem 1rem}
label{display:block;padding:.4rem 0}input[type=radio]{margin-right:.5rem}
button{font:inherit;margin-top:1rem;padding:.5rem 1rem;border:2px solid #000091;background:#000091;color:#fff;border-radius:4px}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}p[lang=en]{color:#3a3a3a}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
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

/**
 * Headers of the CAS pages: HTML, never cached, no script, forms only to this service, not framed.
 *
 * @example
 * ```ts
 * new Response(html, { headers: casPageHeaders() });
 * ```
 */
export function casPageHeaders(): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  };
}

/**
 * The page `/cas/login?service=…` shows a browser that came without its ENT (what every stock CAS client sends): one
 * radio button per ENT with an assertion endpoint, in a form that comes back to `/cas/login` with `idENT`, French
 * then English, usable with the keyboard alone. Every text is escaped.
 *
 * @example
 * ```ts
 * const html = entChooserHtml({ service: 'https://cas.resource.example/login/cas', ents: [{ id: 'ENTA', name: 'ENT A' }] });
 * ```
 */
export function entChooserHtml(input: { service: string; ents: readonly ChooserEnt[]; gateway?: boolean }): string {
  const title = 'Choisir son ENT / Choose your ENT';
  if (input.ents.length === 0) {
    return page(
      title,
      `<h1>Connexion impossible <span lang="en">/ Cannot sign in</span></h1>
<p>Aucun ENT n’est encore relié à ce service. Préviens ton établissement.</p>
<p lang="en">No ENT is linked to this service yet. Tell your school.</p>`,
    );
  }
  const options = input.ents
    .map(
      (e, i) =>
        `<label><input type="radio" name="idENT" value="${htmlEscape(e.id)}" required${i === 0 ? ' checked' : ''}>${htmlEscape(e.name)}</label>`,
    )
    .join('\n');
  return page(
    title,
    `<h1>Par quel ENT te connectes-tu ? <span lang="en">/ Which ENT do you sign in with?</span></h1>
<p>La ressource demande une connexion. Choisis l’ENT de ton établissement : tu y passeras pour t’identifier, puis tu reviendras à la ressource.</p>
<p lang="en">The resource asks you to sign in. Choose your school’s ENT: you will sign in there, then come back to the resource.</p>
<form method="get" action="/cas/login">
<input type="hidden" name="service" value="${htmlEscape(input.service)}">
<fieldset>
<legend>Ton ENT <span lang="en">/ Your ENT</span></legend>
${options}
</fieldset>
<button type="submit">Continuer <span lang="en">/ Continue</span></button>
</form>`,
  );
}

/**
 * The page `/cas/logout` shows when it has no registered `service` to send the browser back to: the session is over,
 * and how many services were told (single logout), French then English.
 *
 * @example
 * ```ts
 * const html = loggedOutHtml({ notified: 2, failed: 0 });
 * ```
 */
export function loggedOutHtml(input: { notified: number; failed: number }): string {
  const { notified, failed } = input;
  const plural = (n: number) => (n > 1 ? 's' : '');
  const failedText =
    failed > 0
      ? `<p>${failed} service${plural(failed)} ${failed > 1 ? 'n’ont' : 'n’a'} pas pu être prévenu${plural(failed)} : ferme ton navigateur pour t’en déconnecter.</p>
<p lang="en">${failed} service${plural(failed)} could not be told: close your browser to sign out of ${failed > 1 ? 'them' : 'it'}.</p>`
      : '';
  const told =
    notified > 0
      ? [
          ` (${notified} service${plural(notified)} prévenu${plural(notified)})`,
          ` (${notified} service${plural(notified)} told)`,
        ]
      : ['', ''];
  return page(
    'Déconnecté / Signed out',
    `<h1>Tu es déconnecté·e <span lang="en">/ You are signed out</span></h1>
<p>Ta session d’accès aux ressources est fermée${told[0]}.</p>
<p lang="en">Your resource access session is closed${told[1]}.</p>
${failedText}`,
  );
}
