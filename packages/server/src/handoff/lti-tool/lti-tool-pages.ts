import { entChooserPageHtml } from '../ent-chooser-page.js';
import { htmlEscape as e } from '../launch-page.js';
import type { PickerItem } from './lti-tool-use-cases.js';

/** The languages of the tool's pages. */
export type LtiPageLang = 'fr' | 'en';

const NNBSP = '\u202f';
const T = {
  fr: {
    pickTitle: 'Placer une ressource dans le cours',
    pickIntro: `Choisissez une ressource de votre médiacentre${NNBSP}; vos élèves l’ouvriront avec leur compte ENT, selon leurs licences.`,
    resources: 'Ressources disponibles',
    none: 'Aucune ressource ne vous est attribuée dans cet établissement. Rien ne peut être placé.',
    publisher: 'Éditeur',
    pages: (o: string) => `Peut s’ouvrir sur une page précise de${NNBSP}: ${o}`,
    grain: 'Page précise (facultatif)',
    grainHint: 'Adresse ou chemin d’une page de la ressource choisie, par exemple /chapitre/3.',
    title: 'Titre dans le cours (facultatif)',
    titleHint: 'Par défaut, le nom de la ressource.',
    place: 'Placer dans le cours',
    entTitle: 'Choisir votre ENT',
    entIntro:
      `Connectez-vous avec l’ENT de votre établissement${NNBSP}: ` +
      'opengar n’utilise pas le compte Moodle pour savoir quelles ressources vous sont ouvertes.',
    entLegend: 'Votre ENT',
    entContinue: 'Continuer',
    entNone: 'Aucun ENT n’est relié à cette plateforme. Prévenez l’administrateur de Moodle.',
    sending: 'Envoi de la ressource au cours…',
    send: 'Envoyer au cours',
    other: 'English',
    winTitle: 'Se connecter à votre ENT',
    winIntro:
      `Votre ENT s’ouvre dans une nouvelle fenêtre${NNBSP}: connectez-vous, choisissez la ressource, ` +
      `puis revenez ici${NNBSP}; elle sera placée dans le cours.`,
    winGo: (name: string) => `Se connecter avec ${name} (nouvelle fenêtre)`,
    sent: (t: string) => `«${NNBSP}${t}${NNBSP}» est envoyé au cours. Vous pouvez fermer cette fenêtre.`,
    noOpener: 'La fenêtre du cours est fermée : recommencez depuis le cours.',
  },
  en: {
    pickTitle: 'Place a resource in the course',
    pickIntro:
      'Choose a resource of your médiacentre; your pupils will open it with their ENT account, as their licences allow.',
    resources: 'Resources available',
    none: 'No resource is allocated to you at this school. Nothing can be placed.',
    publisher: 'Publisher',
    pages: (o: string) => `Can open on a given page of: ${o}`,
    grain: 'A given page (optional)',
    grainHint: 'Address or path of a page of the chosen resource, for example /chapitre/3.',
    title: 'Title in the course (optional)',
    titleHint: 'By default, the name of the resource.',
    place: 'Place in the course',
    entTitle: 'Choose your ENT',
    entIntro:
      'Sign in with your school’s ENT: opengar does not use the Moodle account to know which resources you may open.',
    entLegend: 'Your ENT',
    entContinue: 'Continue',
    entNone: 'No ENT is linked to this platform. Tell the Moodle administrator.',
    sending: 'Sending the resource to the course…',
    send: 'Send to the course',
    other: 'Français',
    winTitle: 'Sign in to your ENT',
    winIntro:
      'Your ENT opens in a new window: sign in, choose the resource, then come back here; it will be placed in the course.',
    winGo: (name: string) => `Sign in with ${name} (new window)`,
    sent: (t: string) => `“${t}” is sent to the course. You may close this window.`,
    noOpener: 'The course window is closed: start again from the course.',
  },
} as const;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f;background:#fff}
h1{font-size:1.5rem}fieldset{border:1px solid #8a8a94;border-radius:.5rem;padding:.5rem 1rem 1rem;margin:1rem 0}
legend{font-weight:600;padding:0 .25rem}.item{display:flex;gap:.75rem;align-items:flex-start;padding:.5rem 0;border-top:1px solid #e3e3e8}
.item:first-of-type{border-top:0}.item input{margin-top:.35rem;width:1.2rem;height:1.2rem}.meta{color:#4a4a55;font-size:.9rem;display:block}
label.field{display:block;font-weight:600;margin-top:1rem}
input[type=text]{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #6b6b76;border-radius:.375rem;font:inherit}
.hint{color:#4a4a55;font-size:.9rem;margin:.25rem 0 0}
button{margin-top:1.25rem;padding:.6rem 1.2rem;font:inherit;font-weight:600;color:#fff;background:#0b5cad;border:0;border-radius:.375rem;cursor:pointer}
a.button{display:inline-block;margin-top:1rem;padding:.6rem 1.2rem;font-weight:600;color:#fff;background:#0b5cad;border-radius:.375rem;text-decoration:none}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f0b400;outline-offset:2px}.lang{float:right;font-size:.9rem}`;

function page(lang: LtiPageLang, title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="referrer" content="same-origin">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${script}</body>
</html>
`;
}

/**
 * The picker: the resources the authenticated teacher may open at the school, one to choose, an optional page inside
 * its declared origins and an optional title. Every text from the registry is escaped; no script.
 */
export function pickerPageHtml(input: {
  lang: LtiPageLang;
  schoolName: string;
  items: PickerItem[];
  session: string;
}): string {
  const t = T[input.lang];
  const list = input.items
    .map((r, i) => {
      const id = `r${i}`;
      const pages = r.grainOrigins ? `<span class="meta">${e(t.pages(r.grainOrigins.join(', ')))}</span>` : '';
      return `<div class="item"><input type="radio" name="resource" id="${id}" value="${e(r.id)}"${i === 0 ? ' checked' : ''}
 required aria-describedby="${id}-m">
<label for="${id}"><strong>${e(r.name)}</strong>
<span class="meta" id="${id}-m">${e(t.publisher)}${input.lang === 'fr' ? NNBSP : ''}: ${e(r.publisherName)}</span>${pages}</label></div>`;
    })
    .join('\n');
  const form =
    input.items.length === 0
      ? `<p role="status">${e(t.none)}</p>`
      : `<form method="post" action="/lti/tool/picker">
<input type="hidden" name="session" value="${e(input.session)}">
<input type="hidden" name="lang" value="${input.lang}">
<fieldset><legend>${e(t.resources)} — ${e(input.schoolName)}</legend>
${list}
</fieldset>
<label class="field" for="grain">${e(t.grain)}</label>
<input type="text" id="grain" name="grain" maxlength="2048" autocomplete="off" spellcheck="false" aria-describedby="grain-hint">
<p class="hint" id="grain-hint">${e(t.grainHint)}</p>
<label class="field" for="title">${e(t.title)}</label>
<input type="text" id="title" name="title" maxlength="255" autocomplete="off" aria-describedby="title-hint">
<p class="hint" id="title-hint">${e(t.titleHint)}</p>
<button type="submit">${e(t.place)}</button>
</form>`;
  return page(input.lang, t.pickTitle, `<h1>${e(t.pickTitle)}</h1>\n<p>${e(t.pickIntro)}</p>\n${form}`);
}

/**
 * The ENT choice of a platform serving several ENTs: the hand-off's one ENT chooser (as CAS and SAML show it), in the
 * teacher's language, posting the sealed request with the chosen ENT.
 */
export function entChoicePageHtml(input: {
  lang: LtiPageLang;
  request: string;
  ents: { id: string; name: string }[];
}): string {
  const t = T[input.lang];
  return entChooserPageHtml({
    texts: {
      lang: input.lang,
      title: t.entTitle,
      heading: e(t.entTitle),
      intro: () => `<p>${e(t.entIntro)}</p>`,
      legend: e(t.entLegend),
      submit: e(t.entContinue),
      empty: `<h1>${e(t.entTitle)}</h1>\n<p>${e(t.entNone)}</p>`,
    },
    ents: input.ents,
    form: { method: 'post', action: '/lti/tool/picker/ent', hidden: { request: input.request }, field: 'ent' },
    // The form posts to this service, whose route checks the Origin.
    referrer: 'same-origin',
  });
}

/** The page posting the Deep Linking response (`JWT`) to the platform: one nonce'd script, a button without it. */
export function deepLinkReturnPageHtml(input: {
  lang: LtiPageLang;
  returnUrl: string;
  jwt: string;
  title: string;
  nonce: string;
}): string {
  const t = T[input.lang];
  const body = `<form id="lti-return" method="post" action="${e(input.returnUrl)}">
<input type="hidden" name="JWT" value="${e(input.jwt)}">
<p role="status">${e(t.sending)} <strong>${e(input.title)}</strong></p>
<noscript><button type="submit">${e(t.send)}</button></noscript>
</form>`;
  const script = `<script nonce="${e(input.nonce)}">document.getElementById('lti-return').submit();</script>\n`;
  return page(input.lang, t.sending, body, script);
}

/** The message a picker's window sends its opener (the platform's frame), with the Deep Linking response. */
export const DEEP_LINK_MESSAGE = 'opengar-lti-deep-link';

/**
 * In the platform's frame: one link per ENT opening its round trip in a new window (`rel="opener"`, so the window can
 * hand the answer back), and the form that posts the Deep Linking response the window sends (`postMessage`, checked to
 * come from this origin) to the platform.
 */
export function windowPageHtml(input: {
  lang: LtiPageLang;
  windows: { name: string; url: string }[];
  returnUrl: string;
  nonce: string;
}): string {
  const t = T[input.lang];
  const links = input.windows
    .map((w) => `<p><a class="button" href="${e(w.url)}" target="_blank" rel="opener">${e(t.winGo(w.name))}</a></p>`)
    .join('\n');
  const body = `<h1>${e(t.winTitle)}</h1>
<p>${e(t.winIntro)}</p>
${links}
<form id="lti-return" method="post" action="${e(input.returnUrl)}"><input type="hidden" name="JWT" value=""></form>
<p role="status" id="lti-status"></p>`;
  const script = `<script nonce="${e(input.nonce)}">addEventListener('message', function (ev) {
  if (ev.origin !== location.origin || !ev.data || ev.data.type !== '${DEEP_LINK_MESSAGE}' || typeof ev.data.jwt !== 'string') return;
  document.getElementById('lti-status').textContent = ${JSON.stringify(t.sending)};
  var f = document.getElementById('lti-return'); f.elements.JWT.value = ev.data.jwt; f.submit();
});</script>\n`;
  return page(input.lang, t.winTitle, body, script);
}

/** In the picker's window: hands the Deep Linking response to the frame that opened it, then closes. */
export function windowReturnPageHtml(input: { lang: LtiPageLang; jwt: string; title: string; nonce: string }): string {
  const t = T[input.lang];
  const body = `<p role="status" id="lti-status" data-jwt="${e(input.jwt)}" data-closed="${e(t.noOpener)}">${e(t.sent(input.title))}</p>`;
  const script = `<script nonce="${e(input.nonce)}">(function () {
  var p = document.getElementById('lti-status');
  if (!window.opener) { p.textContent = p.dataset.closed; return; }
  window.opener.postMessage({ type: '${DEEP_LINK_MESSAGE}', jwt: p.dataset.jwt }, location.origin);
  window.close();
})();</script>\n`;
  return page(input.lang, t.sending, body, script);
}

/**
 * The headers of the tool's pages: never cached, no referrer, no script but the nonce'd one, forms only to `formAction`
 * origins, framed only by the platform (Moodle may show the tool in a frame).
 */
export function ltiPageHeaders(opts: {
  formAction: string[];
  frameAncestor?: string;
  nonce?: string;
}): Record<string, string> {
  const script = opts.nonce ? `script-src 'nonce-${opts.nonce}'; ` : '';
  const frame = opts.frameAncestor ? opts.frameAncestor : "'none'";
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // `same-origin`: the page's own forms must carry the Origin the routes check (Chrome sends `null` with no-referrer).
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      `default-src 'none'; ${script}style-src 'unsafe-inline'; form-action ${opts.formAction.join(' ')}; ` +
      `base-uri 'none'; frame-ancestors ${frame}`,
  };
}
