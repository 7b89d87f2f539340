import { escapeHtml } from '../http/escape-html.js';
import type { SupportContact } from '../allocation/dashboard-use-cases.js';
import type { ConsoleNotification } from '../store/types-directory-feeds.js';

/** Languages of the e-mails. */
export type MailLanguage = 'fr' | 'en';

/** A rendered e-mail. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * What a mail says beyond its notifications: the school's name, the day it is read, whom to ask for help.
 *
 * @example
 * ```ts
 * const options: MailOptions = { schoolName: 'Collège Jean Moulin', at: new Date(), support: { name: 'Assistance GAR', url: 'https://support.example.fr' } };
 * ```
 */
export interface MailOptions {
  /** The school's name, said before its UAI. */
  schoolName?: string;
  /** When the mail is rendered: the days left are counted from it (default: now). */
  at?: Date;
  /** The support contact; with a URL or an e-mail, each item gets a "report a problem" link. */
  support?: SupportContact;
}

/**
 * A notification as rendered: its id (carried by the "report a problem" link), kind and data.
 *
 * @example
 * ```ts
 * const item: MailItem = { id: 'n-1', kind: 'subscription.ending', data: { resourceLabel: 'Maths 3e', validUntil: '2026-12-27T22:59:59Z' } };
 * ```
 */
export type MailItem = Pick<ConsoleNotification, 'kind' | 'data'> & { id?: string };

/** No-break space (before `:` and inside « »). */
const NBSP = '\u00a0';
/** Narrow no-break space (before `;` `!` `?`, thousands). */
const NNBSP = '\u202f';
const DAY = 86_400_000;

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const quoteFr = (s: string) => `«${NBSP}${s}${NBSP}»`;
const quoteEn = (s: string) => `“${s}”`;

const dateIn =
  (locale: string) =>
  (v: unknown): string => {
    const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
    return Number.isNaN(t)
      ? ''
      : new Intl.DateTimeFormat(locale, {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'Europe/Paris',
        }).format(t);
  };
/** “27 décembre 2026”, “1er septembre 2026”, in Paris time. */
const frenchDate = (v: unknown): string => dateIn('fr-FR')(v).replace(/^1 /, '1er ');
/** “27 December 2026”, in Paris time. */
const englishDate = dateIn('en-GB');
/** `1 234` with the narrow no-break space French uses between thousands. */
const frNumber = (n: number) => new Intl.NumberFormat('fr-FR').format(n).replace(/[\s\u00a0]/g, NNBSP);
const enNumber = (n: number) => new Intl.NumberFormat('en-GB').format(n);

const parisDay = (t: number): number => {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(t);
  return Date.parse(`${ymd}T00:00:00Z`) / DAY;
};

/**
 * Calendar days (Paris time) from `at` to a subscription's last day: 0 on the last day itself. Undefined without a
 * date.
 *
 * @example
 * ```ts
 * daysLeft('2026-12-27T22:59:59Z', new Date('2026-12-06T08:00:00Z')); // 21
 * ```
 */
export function daysLeft(validUntil: unknown, at: Date): number | undefined {
  const end = typeof validUntil === 'string' ? Date.parse(validUntil) : Number.NaN;
  if (Number.isNaN(end)) return undefined;
  return Math.max(0, parisDay(end) - parisDay(at.getTime()));
}

const POOLS: Record<MailLanguage, Record<string, string>> = {
  fr: {
    GLOBAL: 'toutes catégories',
    ELEVE: 'élèves',
    ENSEIGNANT: 'enseignants',
    DOCUMENTALISTE: 'professeurs documentalistes',
    'AUTRE PERSONNEL': 'autres personnels',
  },
  en: {
    GLOBAL: 'all audiences',
    ELEVE: 'pupils',
    ENSEIGNANT: 'teachers',
    DOCUMENTALISTE: 'librarians',
    'AUTRE PERSONNEL': 'other staff',
  },
};

interface PoolData {
  pool: string;
  licences: number | 'ILLIMITE';
  used?: number;
  remaining?: number | 'ILLIMITE';
}

const poolsOf = (v: unknown): PoolData[] =>
  Array.isArray(v)
    ? v.filter(
        (p): p is PoolData =>
          typeof p === 'object' && p !== null && typeof (p as PoolData).pool === 'string' && 'licences' in p,
      )
    : [];

/**
 * A suggestion as stored in a `subscription.new` notification: the dashboard's (`suggestionsFor`), with its words in
 * French (`text`, the dashboard's) and English (`textEn`).
 */
interface SuggestionData {
  target: { kind: string; code?: string; audience?: string };
  reason?: string;
  text?: string;
  textEn?: string;
  label?: string;
}
const suggestionsOf = (v: unknown): SuggestionData[] =>
  Array.isArray(v)
    ? v.filter((s): s is SuggestionData => typeof s === 'object' && s !== null && typeof s.target === 'object')
    : [];

function suggestionWords(lang: MailLanguage, s: SuggestionData): string {
  const words = lang === 'fr' ? s.text : s.textEn;
  if (typeof words === 'string' && words) return words;
  const t = s.target;
  const name = s.label || t.code || '';
  if (lang === 'fr') {
    if (t.kind === 'division') return `la classe ${name}`;
    if (t.kind === 'group') return `le groupe ${name}`;
    if (t.kind === 'audience') return `tous les ${POOLS.fr[t.audience ?? ''] ?? str(t.audience)}`;
    return 'une personne';
  }
  if (t.kind === 'division') return `class ${name}`;
  if (t.kind === 'group') return `group ${name}`;
  if (t.kind === 'audience') return `all ${POOLS.en[t.audience ?? ''] ?? str(t.audience)}`;
  return 'one person';
}

const listFr = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} et ${xs.at(-1)}`);
const listEn = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

function licencesFr(pools: PoolData[]): string {
  return listFr(
    pools.map((p) =>
      p.licences === 'ILLIMITE'
        ? `sans limite pour ${p.pool === 'GLOBAL' ? 'tous' : `les ${POOLS.fr[p.pool] ?? p.pool}`}`
        : `${frNumber(p.licences)}${NBSP}licence${p.licences > 1 ? 's' : ''} ${p.pool === 'GLOBAL' ? 'à partager' : `pour les ${POOLS.fr[p.pool] ?? p.pool}`}`,
    ),
  );
}
function licencesEn(pools: PoolData[]): string {
  return listEn(
    pools.map((p) =>
      p.licences === 'ILLIMITE'
        ? `unlimited for ${p.pool === 'GLOBAL' ? 'everyone' : POOLS.en[p.pool]}`
        : `${enNumber(p.licences)} licence${p.licences > 1 ? 's' : ''} ${p.pool === 'GLOBAL' ? 'to share' : `for ${POOLS.en[p.pool] ?? p.pool}`}`,
    ),
  );
}

function usageFr(pools: PoolData[], what: 'left' | 'used'): string {
  return pools
    .map((p) => {
      const who = p.pool === 'GLOBAL' ? 'licences communes' : (POOLS.fr[p.pool] ?? p.pool);
      const total = p.licences === 'ILLIMITE' ? 'sans limite' : frNumber(p.licences);
      if (what === 'left') {
        const r = typeof p.remaining === 'number' ? p.remaining : 0;
        return `${who}${NBSP}: ${frNumber(r)}${NBSP}disponible${r > 1 ? 's' : ''} sur ${total}`;
      }
      return `${who}${NBSP}: ${frNumber(p.used ?? 0)}${NBSP}utilisées pour ${total}`;
    })
    .join(`${NNBSP}; `);
}
function usageEn(pools: PoolData[], what: 'left' | 'used'): string {
  return pools
    .map((p) => {
      const who = p.pool === 'GLOBAL' ? 'shared licences' : (POOLS.en[p.pool] ?? p.pool);
      const total = p.licences === 'ILLIMITE' ? 'unlimited' : enNumber(p.licences);
      if (what === 'left')
        return `${who}: ${enNumber(typeof p.remaining === 'number' ? p.remaining : 0)} left of ${total}`;
      return `${who}: ${enNumber(p.used ?? 0)} in use for ${total}`;
    })
    .join('; ');
}

/** Pools of older notifications that carried only a total. */
const poolsOrTotal = (d: Record<string, unknown>, what: 'left' | 'used'): PoolData[] => {
  const pools = poolsOf(d.pools);
  if (pools.length > 0) return pools;
  const total = num(d.total) ?? 0;
  return [
    what === 'left'
      ? { pool: 'GLOBAL', licences: total, remaining: num(d.remaining) ?? 0 }
      : { pool: 'GLOBAL', licences: total, used: num(d.used) ?? 0 },
  ];
};

type Line = (d: Record<string, unknown>, at: Date) => string;
type Lines = Record<ConsoleNotification['kind'], Line>;

function endingFr(d: Record<string, unknown>, at: Date): string {
  const title = quoteFr(str(d.resourceLabel));
  const days = daysLeft(d.validUntil, at);
  const date = frenchDate(d.validUntil);
  if (days === undefined) return `L’abonnement à ${title} se termine bientôt.`;
  if (Date.parse(str(d.validUntil)) <= at.getTime()) return `L’abonnement à ${title} s’est terminé le ${date}.`;
  const when = days === 0 ? 'aujourd’hui' : days === 1 ? 'demain' : `dans ${days}${NBSP}jours`;
  return (
    `L’abonnement à ${title} se termine ${when}, le ${date}.` +
    ` Après cette date, les élèves et les enseignants n’y auront plus accès, sauf renouvellement par l’établissement.`
  );
}
function endingEn(d: Record<string, unknown>, at: Date): string {
  const title = quoteEn(str(d.resourceLabel));
  const days = daysLeft(d.validUntil, at);
  const date = englishDate(d.validUntil);
  if (days === undefined) return `The subscription to ${title} ends soon.`;
  if (Date.parse(str(d.validUntil)) <= at.getTime()) return `The subscription to ${title} ended on ${date}.`;
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return `The subscription to ${title} ends ${when}, on ${date}. After that date, pupils and teachers lose access unless the school renews it.`;
}

function newFr(d: Record<string, unknown>): string {
  const title = quoteFr(str(d.resourceLabel));
  const pools = poolsOf(d.pools);
  const until = frenchDate(d.validUntil);
  const suggestions = suggestionsOf(d.suggestions).map((s) => suggestionWords('fr', s));
  return [
    `Un nouvel abonnement à ${title} est arrivé${str(d.publisher) ? ` (éditeur${NBSP}: ${str(d.publisher)})` : ''}.`,
    pools.length > 0 ? ` Licences${NBSP}: ${licencesFr(pools)}.` : '',
    until ? ` Valable jusqu’au ${until}.` : '',
    str(d.type) === 'ETABL'
      ? ' Il s’agit d’une ressource d’établissement.'
      : ' Chaque licence est attribuée à une personne.',
    suggestions.length > 0
      ? ` Affectations suggérées${NBSP}: ${suggestions.join(`${NNBSP}; `)}.`
      : ` Aucune affectation n’est suggérée${NNBSP}; choisissez-les dans la console.`,
  ].join('');
}
function newEn(d: Record<string, unknown>): string {
  const title = quoteEn(str(d.resourceLabel));
  const pools = poolsOf(d.pools);
  const until = englishDate(d.validUntil);
  const suggestions = suggestionsOf(d.suggestions).map((s) => suggestionWords('en', s));
  return [
    `A new subscription to ${title} has arrived${str(d.publisher) ? ` (publisher: ${str(d.publisher)})` : ''}.`,
    pools.length > 0 ? ` Licences: ${licencesEn(pools)}.` : '',
    until ? ` Valid until ${until}.` : '',
    str(d.type) === 'ETABL' ? ' It is a school-wide resource.' : ' Each licence goes to one person.',
    suggestions.length > 0
      ? ` Suggested allocations: ${suggestions.join('; ')}.`
      : ' No allocation is suggested; choose them in the console.',
  ].join('');
}

const LINES: Record<MailLanguage, Lines> = {
  fr: {
    'subscription.new': (d) => newFr(d),
    'subscription.ending': endingFr,
    'subscription.expired': (d) =>
      `L’abonnement à ${quoteFr(str(d.resourceLabel))} a pris fin le ${frenchDate(d.validUntil)}${NBSP}: ses licences ne sont plus utilisables.` +
      ` Il reste affiché comme expiré dans la console.`,
    'copies.running-out': (d) =>
      `Les licences de ${quoteFr(str(d.resourceLabel))} sont bientôt épuisées (${usageFr(poolsOrTotal(d, 'left'), 'left')}).` +
      ` Les nouveaux arrivants n’en recevront plus${NNBSP}; libérez des licences ou commandez-en d’autres.`,
    'subscription.over-allocated': (d) =>
      `${quoteFr(str(d.resourceLabel))} est sur-affecté (${usageFr(poolsOrTotal(d, 'used'), 'used')})${NBSP}: l’éditeur a réduit le nombre de licences. Retirez des affectations${NNBSP}; aucune nouvelle ne sera acceptée d’ici là.`,
    'feed.problems': (d) =>
      `L’import de l’annuaire envoyé par l’ENT a été refusé (${frNumber(num(d.problemCount) ?? 0)}${NBSP}problème${(num(d.problemCount) ?? 0) > 1 ? 's' : ''}). Rien n’a été modifié${NNBSP}; contactez votre ENT.`,
    'feed.stale': (d) =>
      `L’ENT ${quoteFr(str(d.entName))} n’a envoyé aucun annuaire depuis ${str(d.days)}${NBSP}jours (dernier envoi le ${frenchDate(d.lastFeedAt)})${NBSP}: les arrivées, départs et changements de classe ne sont plus pris en compte. Contactez votre ENT.`,
  },
  en: {
    'subscription.new': (d) => newEn(d),
    'subscription.ending': endingEn,
    'subscription.expired': (d) =>
      `The subscription to ${quoteEn(str(d.resourceLabel))} ended on ${englishDate(d.validUntil)}: its licences can no longer be used.` +
      ` The console still lists it as expired.`,
    'copies.running-out': (d) =>
      `The licences of ${quoteEn(str(d.resourceLabel))} are running out (${usageEn(poolsOrTotal(d, 'left'), 'left')}).` +
      ` Newcomers will get none; free some licences or order more.`,
    'subscription.over-allocated': (d) =>
      `${quoteEn(str(d.resourceLabel))} is over-allocated (${usageEn(poolsOrTotal(d, 'used'), 'used')}): the publisher lowered the number of licences. Withdraw some allocations; no new one is accepted until then.`,
    'feed.problems': (d) =>
      `The directory import sent by the ENT was refused (${enNumber(num(d.problemCount) ?? 0)} problem${(num(d.problemCount) ?? 0) > 1 ? 's' : ''}).` +
      ` Nothing was changed; contact your ENT.`,
    'feed.stale': (d) =>
      `The ENT ${quoteEn(str(d.entName))} has sent no directory for ${str(d.days)} days (last on ${englishDate(d.lastFeedAt)}): arrivals, departures and class changes are no longer taken into account. Contact your ENT.`,
  },
};

/** A short headline per kind, the resource's name first. */
const HEADLINES: Record<
  MailLanguage,
  Record<ConsoleNotification['kind'], (d: Record<string, unknown>, at: Date) => string>
> = {
  fr: {
    'subscription.new': (d) => `${quoteFr(str(d.resourceLabel))}${NBSP}: nouvel abonnement`,
    'subscription.ending': (d, at) => {
      const days = daysLeft(d.validUntil, at);
      return `${quoteFr(str(d.resourceLabel))}${NBSP}: ${days === undefined ? 'bientôt terminé' : Date.parse(str(d.validUntil)) <= at.getTime() ? 'abonnement terminé' : `fin le ${frenchDate(d.validUntil)}`}`;
    },
    'subscription.expired': (d) =>
      `${quoteFr(str(d.resourceLabel))}${NBSP}: abonnement terminé le ${frenchDate(d.validUntil)}`,
    'copies.running-out': (d) => `${quoteFr(str(d.resourceLabel))}${NBSP}: licences bientôt épuisées`,
    'subscription.over-allocated': (d) => `${quoteFr(str(d.resourceLabel))}${NBSP}: abonnement sur-affecté`,
    'feed.problems': () => 'Annuaire de l’ENT refusé',
    'feed.stale': () => 'Annuaire de l’ENT plus reçu',
  },
  en: {
    'subscription.new': (d) => `${quoteEn(str(d.resourceLabel))}: new subscription`,
    'subscription.ending': (d, at) => {
      const days = daysLeft(d.validUntil, at);
      return `${quoteEn(str(d.resourceLabel))}: ${days === undefined ? 'ending soon' : Date.parse(str(d.validUntil)) <= at.getTime() ? 'subscription ended' : `ends on ${englishDate(d.validUntil)}`}`;
    },
    'subscription.expired': (d) =>
      `${quoteEn(str(d.resourceLabel))}: subscription ended on ${englishDate(d.validUntil)}`,
    'copies.running-out': (d) => `${quoteEn(str(d.resourceLabel))}: licences running out`,
    'subscription.over-allocated': (d) => `${quoteEn(str(d.resourceLabel))}: over-allocated subscription`,
    'feed.problems': () => 'ENT directory refused',
    'feed.stale': () => 'ENT directory no longer received',
  },
};

const WORDS = {
  fr: {
    school: (name: string, uai: string) => (name ? `${name} (UAI ${uai})` : `UAI ${uai}`),
    subject: (school: string, what: string) => `GAR · ${school}${NBSP}: ${what}`,
    digest: (n: number) => `${n}${NBSP}notification${n > 1 ? 's' : ''}`,
    hello: 'Bonjour,',
    intro: (school: string) => `Voici ce qui concerne ${school}${NBSP}:`,
    open: 'Ouvrir la console d’affectation',
    openInEnt: 'Ouvrez la console d’affectation depuis votre ENT.',
    report: 'Signaler un problème',
    help: (s: SupportContact) =>
      `Une question${NNBSP}? ${s.name}${s.email ? `${NBSP}: ${s.email}` : ''}${s.phone ? `, ${s.phone.replace(/ /g, NBSP)}` : ''}.`,
    bye: 'Ce message est envoyé par le service GAR de votre établissement.',
  },
  en: {
    school: (name: string, uai: string) => (name ? `${name} (UAI ${uai})` : `UAI ${uai}`),
    subject: (school: string, what: string) => `GAR · ${school}: ${what}`,
    digest: (n: number) => `${n} notification${n === 1 ? '' : 's'}`,
    hello: 'Hello,',
    intro: (school: string) => `Here is what concerns ${school}:`,
    open: 'Open the allocation console',
    openInEnt: 'Open the allocation console from your ENT.',
    report: 'Report a problem',
    help: (s: SupportContact) =>
      `A question? ${s.name}${s.email ? `: ${s.email}` : ''}${s.phone ? `, ${s.phone}` : ''}.`,
    bye: "This message is sent by your school's GAR service.",
  },
};

/**
 * The sentence a notification says, in a language (console and e-mail share it); the days left are counted from `at`.
 *
 * @example
 * ```ts
 * notificationText('en', { kind: 'subscription.ending', data: { resourceLabel: 'Maths 3e', validUntil: '2026-08-15T21:59:59Z' } }, new Date());
 * ```
 */
export function notificationText(
  lang: MailLanguage,
  n: Pick<ConsoleNotification, 'kind' | 'data'>,
  at: Date = new Date(),
): string {
  return LINES[lang][n.kind](n.data, at);
}

/**
 * The "report a problem" link of an item: the support URL (or a `mailto:` to the support e-mail) with the
 * notification's id, the school's UAI and the resource's id as query parameters. No personal data.
 *
 * @example
 * ```ts
 * reportLink({ name: 'Assistance', url: 'https://support.example.fr/gar' }, { ref: 'n-1', uai: '0561641E', resource: 'ark:/1/a' });
 * ```
 */
export function reportLink(
  support: SupportContact | undefined,
  about: { ref?: string; uai: string; resource?: string },
  lang: MailLanguage = 'fr',
): string | undefined {
  const params = new URLSearchParams();
  if (about.ref) params.set('ref', about.ref);
  params.set('uai', about.uai);
  if (about.resource) params.set('resource', about.resource);
  if (support?.url) return `${support.url}${support.url.includes('?') ? '&' : '?'}${params}`;
  if (support?.email) {
    const subject = `${WORDS[lang].report} (GAR) ${[...params].map(([k, v]) => `${k}=${v}`).join(' ')}`;
    return `mailto:${support.email}?subject=${encodeURIComponent(subject)}`;
  }
  return undefined;
}

/**
 * Renders the e-mail of one or several notifications of one school (a digest), as plain text and HTML, everything
 * escaped: the resource's and school's names first, dates in words, the days left counted from `options.at`, a link
 * to the allocation console (`consoleUrl`, with the school; without one, the mail says to open it from the ENT) and,
 * with a support contact, a "report a problem" link per item.
 *
 * @example
 * ```ts
 * const mail = renderNotificationMail('fr', '0561641E', [notification], 'https://ent.example/gar', { schoolName: 'Collège Jean Moulin' });
 * ```
 */
export function renderNotificationMail(
  lang: MailLanguage,
  uai: string,
  items: readonly MailItem[],
  consoleUrl: string | undefined,
  options: MailOptions = {},
): RenderedMail {
  const w = WORDS[lang];
  const at = options.at ?? new Date();
  const school = w.school(options.schoolName ?? '', uai);
  const subject =
    items.length === 1
      ? `${HEADLINES[lang][items[0]!.kind](items[0]!.data, at)} — ${school}`
      : w.subject(school, w.digest(items.length));
  const link = consoleUrl
    ? `${consoleUrl}${consoleUrl.includes('?') ? '&' : '?'}uai=${encodeURIComponent(uai)}`
    : undefined;
  const entries = items.map((n) => ({
    headline: HEADLINES[lang][n.kind](n.data, at),
    line: notificationText(lang, n, at),
    report: reportLink(
      options.support,
      {
        ...(n.id ? { ref: n.id } : {}),
        uai,
        ...(typeof n.data.resourceId === 'string' ? { resource: n.data.resourceId } : {}),
      },
      lang,
    ),
  }));
  const colon = lang === 'fr' ? `${NBSP}:` : ':';
  const text = [
    w.hello,
    '',
    w.intro(school),
    '',
    ...entries.flatMap((e) => [e.headline, e.line, ...(e.report ? [`${w.report}${colon} ${e.report}`] : []), '']),
    link ? `${w.open}${colon} ${link}` : w.openInEnt,
    ...(options.support ? ['', w.help(options.support)] : []),
    '',
    w.bye,
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    `<p>${escapeHtml(w.hello)}</p>`,
    `<p>${escapeHtml(w.intro(school))}</p>`,
    ...entries.map(
      (e) =>
        `<h2 style="font-size:1.1em">${escapeHtml(e.headline)}</h2><p>${escapeHtml(e.line)}</p>${
          e.report ? `<p><a href="${escapeHtml(e.report)}">${escapeHtml(w.report)}</a></p>` : ''
        }`,
    ),
    link
      ? `<p><a href="${escapeHtml(link)}"><strong>${escapeHtml(w.open)}</strong></a></p>`
      : `<p>${escapeHtml(w.openInEnt)}</p>`,
    options.support ? `<p>${escapeHtml(w.help(options.support))}</p>` : '',
    `<p>${escapeHtml(w.bye)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: subject.replace(/[\r\n]+/g, ' '), text, html };
}
