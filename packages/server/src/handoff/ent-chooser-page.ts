import { htmlEscape as e } from './launch-page.js';

const STYLE = `body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fff}
main{max-width:36rem;margin:0 auto}h1{font-size:1.4rem}fieldset{border:1px solid #757575;border-radius:4px;padding:.5rem 1rem}
label{display:block;padding:.4rem 0}input[type=radio]{margin-right:.5rem}
button{font:inherit;margin-top:1rem;padding:.5rem 1rem;border:2px solid #000091;background:#000091;color:#fff;border-radius:4px}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}p[lang=en]{color:#3a3a3a}`;

/** What a hand-off page is made of: its language, its title (text) and its body (HTML, escaped by the caller). */
export interface HandoffPageInput {
  lang: 'fr' | 'en';
  title: string;
  body: string;
  /**
   * The page's referrer policy: `no-referrer` by default; `same-origin` where its forms post to this service and must
   * carry an `Origin` the route checks (Chrome sends `null` with `no-referrer`).
   */
  referrer?: 'no-referrer' | 'same-origin';
}

/**
 * The plain page of the hand-off steps a person reads (the ENT choice of CAS, SAML and the LTI tool, the CAS
 * signed-out page): one style, no script, the body in a `<main>`.
 *
 * @example
 * ```ts
 * const html = handoffPageHtml({ lang: 'fr', title: 'Déconnecté / Signed out', body: '<h1>Tu es déconnecté·e</h1>' });
 * ```
 */
export function handoffPageHtml(input: HandoffPageInput): string {
  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="${input.referrer ?? 'no-referrer'}">
<title>${e(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${input.body}
</main>
</body>
</html>
`;
}

/** The words of an ENT chooser (trusted HTML written here; what comes from a request or the registry is data). */
export interface EntChooserTexts {
  lang: 'fr' | 'en';
  title: string;
  heading: string;
  /** The paragraphs above the choice; `resource` is the resource's name, already escaped, when the page knows it. */
  intro: (resource: string | undefined) => string;
  legend: string;
  submit: string;
  /** The whole body when no ENT can be offered. */
  empty: string;
}

/** The chooser of the CAS and SAML sign-ins (mostly pupils): French then English on one page. */
export const PUPIL_CHOOSER_TEXTS: EntChooserTexts = {
  lang: 'fr',
  title: 'Choisir son ENT / Choose your ENT',
  heading: 'Par quel ENT te connectes-tu ? <span lang="en">/ Which ENT do you sign in with?</span>',
  intro: (resource) => {
    const named = resource ? `<strong>${resource}</strong>` : undefined;
    const [fr, en] = [named ?? 'La ressource', named ?? 'The resource'];
    return `<p>${fr} demande une connexion. Choisis l’ENT de ton établissement : tu y passeras pour t’identifier, puis tu reviendras à la ressource.</p>
<p lang="en">${en} asks you to sign in. Choose your school’s ENT: you will sign in there, then come back to the resource.</p>`;
  },
  legend: 'Ton ENT <span lang="en">/ Your ENT</span>',
  submit: 'Continuer <span lang="en">/ Continue</span>',
  empty: `<h1>Connexion impossible <span lang="en">/ Cannot sign in</span></h1>
<p>Aucun ENT n’est encore relié à ce service. Préviens ton établissement.</p>
<p lang="en">No ENT is linked to this service yet. Tell your school.</p>`,
};

/** What an ENT chooser shows and where its form goes. */
export interface EntChooserInput {
  texts: EntChooserTexts;
  ents: readonly { id: string; name: string }[];
  /** The resource's name (text), when the page knows which resource asked. */
  resourceName?: string;
  form: {
    method: 'get' | 'post';
    action: string;
    /** What the form carries back as it came (each escaped). */
    hidden: Record<string, string>;
    /** The name the chosen ENT's id is sent under (`idENT` for CAS, `idp_hint` for SAML, `ent` for the LTI tool). */
    field: string;
  };
  referrer?: HandoffPageInput['referrer'];
}

/**
 * The one ENT chooser of the hand-off: a person who came without their ENT picks it from a labelled radio group (the
 * first checked) and sends the form back with what it carried. CAS (`/cas/login`), SAML (`/saml/sso`) and the LTI
 * tool (`/lti/tool/picker/ent`) differ only by the form and the words. No script; every text from a request or the
 * registry escaped.
 *
 * @example
 * ```ts
 * const html = entChooserPageHtml({
 *   texts: PUPIL_CHOOSER_TEXTS,
 *   ents: [{ id: 'ENTA', name: 'ENT A' }],
 *   form: { method: 'get', action: '/cas/login', hidden: { service: 'https://r.example/cas' }, field: 'idENT' },
 * });
 * ```
 */
export function entChooserPageHtml(input: EntChooserInput): string {
  const { texts: t, form } = input;
  const page = (body: string) =>
    handoffPageHtml({ lang: t.lang, title: t.title, body, ...(input.referrer ? { referrer: input.referrer } : {}) });
  if (input.ents.length === 0) return page(t.empty);
  const hidden = Object.entries(form.hidden)
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('\n');
  const options = input.ents
    .map(
      (ent, i) =>
        `<label><input type="radio" name="${e(form.field)}" value="${e(ent.id)}" required${i === 0 ? ' checked' : ''}>${e(ent.name)}</label>`,
    )
    .join('\n');
  return page(`<h1>${t.heading}</h1>
${t.intro(input.resourceName === undefined ? undefined : e(input.resourceName))}
<form method="${form.method}" action="${e(form.action)}">
${hidden}
<fieldset>
<legend>${t.legend}</legend>
${options}
</fieldset>
<button type="submit">${t.submit}</button>
</form>`);
}

/**
 * The headers of the hand-off's plain pages: no script, no framing, forms to this service only, or also to the ENTs'
 * origins when a choice is answered by a redirect to the ENT (SAML, native apps: `form-action` covers redirects).
 */
export function entChooserHeaders(entOrigins: readonly string[] = []): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      `default-src 'none'; style-src 'unsafe-inline'; form-action ${["'self'", ...entOrigins].join(' ')}; ` +
      `base-uri 'none'; frame-ancestors 'none'`,
  };
}
