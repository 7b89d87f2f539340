import { escapeHtml } from './render-page.js';

const TEXT = {
  fr: {
    title: 'Assistance (démonstration)',
    intro:
      'Vous arrivez ici depuis le lien « Signaler un problème » d’un service GAR. Donnez ces informations à l’assistance\u202f: elles ne contiennent aucune donnée personnelle.',
    ref: 'Référence de la demande',
    uai: 'Établissement (UAI)',
    resource: 'Ressource',
    none: 'non indiquée',
    contact: 'Dans un vrai ENT, cette page serait celle de votre assistance (formulaire, téléphone, horaires).',
    back: 'Revenir au portail',
  },
  en: {
    title: 'Support (demo)',
    intro:
      'You came here from a GAR widget’s “Report a problem” link. Give these details to the support team: they hold no personal data.',
    ref: 'Request reference',
    uai: 'School (UAI)',
    resource: 'Resource',
    none: 'not given',
    contact: 'In a real ENT, this would be your support page (form, phone, opening hours).',
    back: 'Back to the portal',
  },
} as const;

/**
 * The demo portal's support page, the target of the widgets' `support-url`: the reference, school and resource the
 * link carries, as text (query values are untrusted: escaped and cut to 200 characters).
 */
export function renderSupportPage(o: { lang: 'fr' | 'en'; ref?: string; uai?: string; resource?: string }): string {
  const t = TEXT[o.lang];
  const value = (v: string | undefined) =>
    v ? `<code>${escapeHtml(v.slice(0, 200))}</code>` : `<span>${escapeHtml(t.none)}</span>`;
  return `<!doctype html>
<html lang="${o.lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(t.title)}</title>
</head>
<body>
  <main>
    <h1>${escapeHtml(t.title)}</h1>
    <p>${escapeHtml(t.intro)}</p>
    <dl>
      <dt>${escapeHtml(t.ref)}</dt><dd>${value(o.ref)}</dd>
      <dt>${escapeHtml(t.uai)}</dt><dd>${value(o.uai)}</dd>
      <dt>${escapeHtml(t.resource)}</dt><dd>${value(o.resource)}</dd>
    </dl>
    <p>${escapeHtml(t.contact)}</p>
    <p><a href="/">${escapeHtml(t.back)}</a></p>
  </main>
</body>
</html>`;
}
