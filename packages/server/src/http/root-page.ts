import { escapeHtml } from './escape-html.js';

/** The language of the service's root page: `?lang=`, else the first of `Accept-Language` it speaks, else French. */
export function rootPageLang(query: string | undefined, acceptLanguage: string | undefined): 'fr' | 'en' {
  if (query === 'fr' || query === 'en') return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'fr' || tag === 'en') return tag;
  }
  return 'fr';
}

const TEXT = {
  fr: {
    title: 'Service GAR opengar',
    intro:
      'Ce service met en relation les ENT et les ressources des éditeurs\u202f: il n’a pas de page d’accueil pour les élèves ni pour les enseignants, qui passent par leur ENT.',
    links: 'Pour les développeurs et les exploitants',
    docs: 'Référence de l’API',
    openapi: 'Document OpenAPI',
    health: 'État du service',
    ready: 'Disponibilité',
    version: 'Version',
    other: 'English',
  },
  en: {
    title: 'opengar GAR service',
    intro:
      'This service connects ENTs with publishers’ resources: pupils and teachers have no home page here, they come through their ENT.',
    links: 'For developers and operators',
    docs: 'API reference',
    openapi: 'OpenAPI document',
    health: 'Service health',
    ready: 'Readiness',
    version: 'Version',
    other: 'Français',
  },
} as const;

/**
 * The service's root page: what the service is, and links to `/docs`, `/openapi.json`, `/healthz` and `/readyz`, in
 * French or English (a link switches). Static text; the version is escaped.
 *
 * @example
 * ```ts
 * renderRootPage('fr', '0.1.0');
 * ```
 */
export function renderRootPage(lang: 'fr' | 'en', version: string): string {
  const t = TEXT[lang];
  const other = lang === 'fr' ? 'en' : 'fr';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>
body { margin: 0; font-family: system-ui, sans-serif; color: #1b1b1f; background: #f6f7fb; line-height: 1.5; }
header, main, footer { max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 0; }
a { color: #123c69; }
a:focus-visible { outline: 3px solid #123c69; outline-offset: 2px; }
li { margin: 0.35rem 0; }
</style>
</head>
<body>
<header><h1>${t.title}</h1></header>
<main>
<p>${t.intro}</p>
<h2>${t.links}</h2>
<ul>
<li><a href="/docs">${t.docs}</a></li>
<li><a href="/openapi.json">${t.openapi}</a></li>
<li><a href="/healthz">${t.health}</a> · <a href="/readyz">${t.ready}</a></li>
</ul>
</main>
<footer><p>${t.version} ${escapeHtml(version)} · <a href="/?lang=${other}" hreflang="${other}" lang="${other}">${t.other}</a></p></footer>
</body>
</html>`;
}
