import { entChooserHeaders, entChooserPageHtml, handoffPageHtml, PUPIL_CHOOSER_TEXTS } from '../ent-chooser-page.js';

/** An ENT offered on the chooser page. */
export interface ChooserEnt {
  id: string;
  name: string;
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
  return entChooserHeaders();
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
  return entChooserPageHtml({
    texts: PUPIL_CHOOSER_TEXTS,
    ents: input.ents,
    form: { method: 'get', action: '/cas/login', hidden: { service: input.service }, field: 'idENT' },
  });
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
  return handoffPageHtml({
    lang: 'fr',
    title: 'Déconnecté / Signed out',
    body: `<h1>Tu es déconnecté·e <span lang="en">/ You are signed out</span></h1>
<p>Ta session d’accès aux ressources est fermée${told[0]}.</p>
<p lang="en">Your resource access session is closed${told[1]}.</p>
${failedText}`,
  });
}
