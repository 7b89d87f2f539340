import { escapeHtml } from '../http/escape-html.js';
import type { ErasureReport, PersonDataExport, PersonDataTableView } from './person-data-use-cases.js';

const NNBSP = '\u202f';
const TEXT = {
  fr: {
    exportTitle: (who: string) => `Données détenues sur ${who}`,
    erasureTitle: (who: string) => `Effacement de ${who}`,
    intro: `Droit d’accès${NNBSP}: chaque enregistrement de chaque table du service qui concerne cette personne.`,
    generated: (at: string) => `Produit le ${at}.`,
    retention: (m: number) =>
      `Les événements d’accès aux ressources sont conservés ${m}${NNBSP}mois sous un pseudonyme réservé aux statistiques${NNBSP}; tous ceux de cette période figurent ci-dessous.`,
    rows: (n: number) => (n === 0 ? 'aucun enregistrement' : n === 1 ? '1 enregistrement' : `${n} enregistrements`),
    notSearched: 'Tables non lues',
    transient: 'éphémère, purgée en quelques secondes ou minutes',
    noSecret: 'le secret des statistiques n’est pas configuré',
    before: 'Avant l’effacement',
    after: 'Après l’effacement (ce que les règles conservent)',
    pseudonym: (p: string) => `Pseudonyme laissé dans le journal${NNBSP}: ${p}.`,
    nothing: 'Aucune donnée.',
  },
  en: {
    exportTitle: (who: string) => `Data held about ${who}`,
    erasureTitle: (who: string) => `Erasure of ${who}`,
    intro: 'Right of access: every record of every table of the service that concerns this person.',
    generated: (at: string) => `Produced on ${at}.`,
    retention: (m: number) =>
      `Resource access events are kept ${m} months under a statistics-only pseudonym; every one of that period is below.`,
    rows: (n: number) => (n === 0 ? 'no record' : n === 1 ? '1 record' : `${n} records`),
    notSearched: 'Tables not read',
    transient: 'transient, purged within seconds or minutes',
    noSecret: 'the statistics secret is not configured',
    before: 'Before the erasure',
    after: 'After the erasure (what the rules keep)',
    pseudonym: (p: string) => `Pseudonym left in the audit trail: ${p}.`,
    nothing: 'No data.',
  },
};

/** The language of the page: English for `en…`, French otherwise. */
export type PageLang = 'fr' | 'en';

const cell = (v: unknown): string =>
  escapeHtml(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function tableHtml(view: PersonDataTableView, t: (typeof TEXT)['fr'], level: 2 | 3): string {
  const columns = [...new Set(view.rows.flatMap((r) => Object.keys(r)))];
  const head = `<h${level}>${escapeHtml(view.table)} <small>— ${escapeHtml(t.rows(view.rows.length))}</small></h${level}>
<p class="why">${escapeHtml(view.why)}</p>`;
  if (view.rows.length === 0) return head;
  const header = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = view.rows.map((r) => `<tr>${columns.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`).join('\n');
  return `${head}
<div class="scroll"><table><thead><tr>${header}</tr></thead><tbody>
${body}
</tbody></table></div>`;
}

function exportBody(data: PersonDataExport, t: (typeof TEXT)['fr'], level: 2 | 3): string {
  const found = data.tables.filter((v) => v.rows.length > 0);
  const empty = data.tables.filter((v) => v.rows.length === 0);
  const skipped = data.notSearched
    .map(
      (s) =>
        `<li>${escapeHtml(s.table)}${NNBSP}: ${escapeHtml(s.reason === 'transient' ? t.transient : t.noSecret)}</li>`,
    )
    .join('');
  return [
    found.length === 0 ? `<p>${escapeHtml(t.nothing)}</p>` : found.map((v) => tableHtml(v, t, level)).join('\n'),
    empty.length
      ? `<p class="why">${empty.map((v) => `${escapeHtml(v.table)} (${escapeHtml(t.rows(0))})`).join(', ')}</p>`
      : '',
    skipped ? `<h${level}>${escapeHtml(t.notSearched)}</h${level}><ul>${skipped}</ul>` : '',
  ].join('\n');
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1f}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}small{font-weight:normal;color:#555}
.why{color:#444}.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #bbb;padding:.25rem .4rem;vertical-align:top;text-align:left;word-break:break-word}
th{background:#f0f0f4}@media print{body{margin:0;max-width:none}.scroll{overflow:visible}}`;

function page(lang: PageLang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>
`;
}

/**
 * The access export as a printable HTML page (French or English): each table with the person's rows, the tables not
 * read and why. Every value is escaped: directory text is untrusted.
 *
 * @example
 * ```ts
 * const html = personDataPage(await service.privacy.exportPerson(operator, 'ENTBRE', 'eleve-12'), 'fr');
 * ```
 */
export function personDataPage(data: PersonDataExport, lang: PageLang): string {
  const t = TEXT[lang];
  const who = `${data.personId} (${data.entId})`;
  return page(
    lang,
    t.exportTitle(who),
    `<p>${escapeHtml(t.intro)}</p><p>${escapeHtml(t.generated(data.generatedAt))} ${escapeHtml(t.retention(data.handoffRetentionMonths))}</p>
${exportBody(data, t, 2)}`,
  );
}

/**
 * An erasure's report as a printable HTML page: the person's data before, and what is left after.
 *
 * @example
 * ```ts
 * const html = erasureReportPage(await service.privacy.erasePerson(operator, 'ENTBRE', 'eleve-12'), 'en');
 * ```
 */
export function erasureReportPage(report: ErasureReport, lang: PageLang): string {
  const t = TEXT[lang];
  const who = `${report.personId} (${report.entId})`;
  return page(
    lang,
    t.erasureTitle(who),
    `<p>${escapeHtml(t.generated(report.erasedAt))} ${escapeHtml(t.pseudonym(report.pseudonym))}</p>
<section aria-labelledby="after"><h2 id="after">${escapeHtml(t.after)}</h2>
${exportBody(report.after, t, 3)}</section>
<section aria-labelledby="before"><h2 id="before">${escapeHtml(t.before)}</h2>
${exportBody(report.before, t, 3)}</section>`,
  );
}
