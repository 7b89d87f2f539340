import { escapeHtml } from '../../http/escape-html.js';

/** What the return page says: the page pinned for a class, or that nothing was chosen. */
export interface DeepLinkingPage {
  resourceName: string;
  classTitle: string;
  /** The chosen page's title (from the tool) or URL; absent when the teacher chose nothing. */
  chosen?: string;
  until?: string;
  /** The ENT's console to go back to (the ENT's registered `consoleUrl`); without one, the page says to close it. */
  backUrl?: string;
}

/**
 * The page the teacher lands on after the tool's picker: French, then English; every text escaped (the title comes
 * from the tool).
 *
 * @example
 * ```ts
 * deepLinkingPageHtml({ resourceName: 'Atlas', classTitle: '6e A', chosen: 'Chapitre 3', until: '2027-01-31' });
 * ```
 */
export function deepLinkingPageHtml(p: DeepLinkingPage): string {
  const name = escapeHtml(p.resourceName);
  const cls = escapeHtml(p.classTitle);
  const day = (locale: string) =>
    p.until
      ? escapeHtml(
          new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
            new Date(`${p.until}T12:00:00Z`),
          ),
        )
      : '';
  const body = p.chosen
    ? `<h1>Page recommandée</h1>
<p role="status">La page «\u202f${escapeHtml(p.chosen)}\u202f» de ${name} est recommandée à la classe
${cls}${p.until ? ` jusqu’au ${day('fr-FR')} inclus` : ''}.</p>
<p lang="en">The page “${escapeHtml(p.chosen)}” of ${name} is recommended to ${cls}${p.until ? ` until ${day('en-GB')}` : ''}.</p>`
    : `<h1>Aucune page choisie</h1>
<p role="status">Rien n’a été recommandé à la classe ${cls}.</p>
<p lang="en">Nothing was recommended to ${cls}.</p>`;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${p.chosen ? 'Page recommandée' : 'Aucune page choisie'}</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f}</style></head>
<body><main>${body}
${
  p.backUrl
    ? `<p><a href="${escapeHtml(p.backUrl)}">Revenir à la console de l’ENT</a> · <a href="${escapeHtml(p.backUrl)}" lang="en">Back to the ENT’s console</a></p>`
    : '<p>Vous pouvez fermer cette page et revenir à l’ENT. <span lang="en">You may close this page and go back to the ENT.</span></p>'
}
</main></body></html>
`;
}
