import { htmlEscape as e } from '../launch-page.js';
import type { DiscoveryChoices } from './discovery-use-cases.js';

/** The languages of the discovery page. */
export type DiscoveryLang = 'fr' | 'en';

/** What the discovery page shows. */
export interface DiscoveryPageInput {
  lang: DiscoveryLang;
  resource: { id: string; name: string };
  /** The checked grain (absolute URL), carried through. */
  grain?: string;
  query: { q?: string; academie?: string; entId?: string };
  choices: DiscoveryChoices;
  /** The choice remembered on this browser, offered first. */
  remembered?: { entId: string; uai?: string; label: string };
}

const NNBSP = '\u202f';
const T = {
  fr: {
    title: (r: string) => `Ouvrir «${NNBSP}${r}${NNBSP}»`,
    intro: `Choisissez votre établissement${NNBSP}: vous vous connecterez à votre ENT,
      puis vous arriverez sur la ressource. Aucun identifiant n’est demandé ici.`,
    page: 'Page demandée',
    search: 'Rechercher votre établissement',
    q: 'Nom, commune, code postal ou UAI',
    academie: 'Académie',
    allAcademies: 'Toutes les académies',
    ent: 'ENT',
    allEnts: 'Tous les ENT',
    find: 'Rechercher',
    results: 'Établissements',
    count: (n: number, shown: number) =>
      n === 0
        ? 'Aucun établissement trouvé.'
        : n > shown
          ? `${n} établissements trouvés, les ${shown} premiers sont affichés${NNBSP}: précisez la recherche.`
          : n === 1
            ? '1 établissement trouvé.'
            : `${n} établissements trouvés.`,
    hint: 'Tapez le nom de votre établissement ou de votre commune, ou choisissez votre académie.',
    yourSchool: 'Votre établissement',
    remember: 'Se souvenir de ce choix sur ce navigateur',
    go: 'Continuer vers mon ENT',
    entOnly: `Vous ne trouvez pas votre établissement${NNBSP}?`,
    entOnlyHint: `Choisissez seulement votre ENT${NNBSP}: il dira à quel établissement vous êtes rattaché.`,
    entGo: 'Continuer avec cet ENT',
    again: 'Choix enregistré sur ce navigateur',
    againGo: (label: string) => `Continuer avec ${label}`,
    other: 'English',
  },
  en: {
    title: (r: string) => `Open “${r}”`,
    intro:
      'Choose your school: you will sign in to your school portal (ENT), then land on the resource. No password is asked here.',
    page: 'Page asked for',
    search: 'Find your school',
    q: 'Name, town, postcode or UAI',
    academie: 'Académie',
    allAcademies: 'All académies',
    ent: 'School portal (ENT)',
    allEnts: 'All portals',
    find: 'Search',
    results: 'Schools',
    count: (n: number, shown: number) =>
      n === 0
        ? 'No school found.'
        : n > shown
          ? `${n} schools found, the first ${shown} are shown: refine the search.`
          : n === 1
            ? '1 school found.'
            : `${n} schools found.`,
    hint: 'Type the name of your school or town, or choose your académie.',
    yourSchool: 'Your school',
    remember: 'Remember this choice on this browser',
    go: 'Continue to my ENT',
    entOnly: 'Cannot find your school?',
    entOnlyHint: 'Choose only your school portal (ENT): it will say which school you belong to.',
    entGo: 'Continue with this ENT',
    again: 'Choice remembered on this browser',
    againGo: (label: string) => `Continue with ${label}`,
    other: 'Français',
  },
} as const;

const STYLE = `body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fff}
main{max-width:40rem;margin:0 auto}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.5rem}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}
input[type=search],select{font:inherit;width:100%;box-sizing:border-box;padding:.4rem;border:1px solid #666;border-radius:4px}
fieldset{border:1px solid #757575;border-radius:4px;padding:.5rem 1rem}legend{font-weight:600}
.choice{display:flex;gap:.5rem;align-items:baseline;font-weight:400;margin:.3rem 0}.choice small{color:#3a3a3a}
.check{display:flex;gap:.5rem;font-weight:400}
button{font:inherit;margin-top:.8rem;padding:.5rem 1rem;border:2px solid #000091;background:#000091;color:#fff;border-radius:4px;cursor:pointer}
code{word-break:break-all}:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}header{text-align:right}`;

function hidden(fields: Record<string, string | undefined>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v!)}">`)
    .join('');
}

/**
 * The discovery page: a person who arrived from a link without their ENT or school finds their school (by words,
 * académie or ENT) or only their ENT, and goes on through it; the choice may be remembered on the browser. No
 * script; every text escaped; French or English.
 *
 * @example
 * ```ts
 * const html = discoveryPageHtml({ lang: 'fr', resource, query: {}, choices });
 * ```
 */
export function discoveryPageHtml(input: DiscoveryPageInput): string {
  const { lang, resource, grain, query, choices, remembered } = input;
  const t = T[lang];
  const carry = { resource: resource.id, grain, lang };
  const self = new URLSearchParams({
    resource: resource.id,
    ...(grain ? { grain } : {}),
    lang: lang === 'fr' ? 'en' : 'fr',
  });
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${e(value)}"${selected ? ' selected' : ''}>${e(label)}</option>`;
  const searchForm = `<form method="get" action="/launch/discover" role="search" aria-labelledby="search-title">
<h2 id="search-title">${e(t.search)}</h2>${hidden(carry)}
<label for="q">${e(t.q)}</label><input id="q" name="q" type="search" autocomplete="off" value="${e(query.q ?? '')}">
<label for="academie">${e(t.academie)}</label><select id="academie" name="academie">
${option('', t.allAcademies, !query.academie)}${choices.academies.map((a) => option(a.code, a.label, a.code === query.academie)).join('')}</select>
<label for="ent">${e(t.ent)}</label><select id="ent" name="ent">
${option('', t.allEnts, !query.entId)}${choices.ents.map((x) => option(x.id, x.name, x.id === query.entId)).join('')}</select>
<button type="submit">${e(t.find)}</button></form>`;
  const asked = Boolean(query.q || query.academie || query.entId);
  const rememberBox = (id: string) =>
    `<label class="check" for="${id}"><input type="checkbox" id="${id}" name="remember" value="1" checked>${e(t.remember)}</label>`;
  const results = !asked
    ? `<p id="results-hint">${e(t.hint)}</p>`
    : `<p role="status">${e(t.count(choices.total, choices.schools.length))}</p>${
        choices.schools.length === 0
          ? ''
          : `<form method="post" action="/launch/discover">${hidden(carry)}<fieldset><legend>${e(t.yourSchool)}</legend>${choices.schools
              .map(
                (s, i) =>
                  `<label class="choice" for="school-${i}">
<input type="radio" id="school-${i}" name="school" value="${e(`${s.entId}:${s.uai}`)}"${i === 0 ? ' checked' : ''}>
<span>${e(s.name)}${s.locality ? ` — ${e(s.locality)}` : ''} <small>(${e(s.uai)}, ${e(s.entName)})</small></span></label>`,
              )
              .join('')}</fieldset>${rememberBox('remember-school')}<button type="submit">${e(t.go)}</button></form>`
      }`;
  const again = remembered
    ? `<section aria-labelledby="again-title"><h2 id="again-title">${e(t.again)}</h2>
<form method="post" action="/launch/discover">${hidden({ ...carry, school: `${remembered.entId}:${remembered.uai ?? ''}`, remember: '1' })}
<button type="submit">${e(t.againGo(remembered.label))}</button></form></section>`
    : '';
  const entOnly = `<section aria-labelledby="ent-only-title"><h2 id="ent-only-title">${e(t.entOnly)}</h2><p>${e(t.entOnlyHint)}</p>
<form method="post" action="/launch/discover">${hidden(carry)}<label for="ent-only">${e(t.ent)}</label>
<select id="ent-only" name="school">${choices.ents.map((x) => option(`${x.id}:`, x.name, x.id === query.entId)).join('')}</select>${rememberBox('remember-ent')}
<button type="submit">${e(t.entGo)}</button></form></section>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t.title(resource.name))}</title><style>${STYLE}</style></head>
<body><header>
<a href="/launch/discover?${e(self.toString())}" hreflang="${lang === 'fr' ? 'en' : 'fr'}" lang="${lang === 'fr' ? 'en' : 'fr'}">${e(t.other)}</a></header>
<main><h1>${e(t.title(resource.name))}</h1><p>${e(t.intro)}</p>
${grain ? `<p>${e(t.page)}${lang === 'fr' ? NNBSP : ''}: <code>${e(grain)}</code></p>` : ''}
${again}${searchForm}<section aria-labelledby="results-title"><h2 id="results-title">${e(t.results)}</h2>${results}</section>${entOnly}</main></body></html>`;
}
