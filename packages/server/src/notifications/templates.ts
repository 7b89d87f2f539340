import { escapeHtml } from '../http/escape-html.js';
import type { ConsoleNotification } from '../store/types-directory-feeds.js';

/** Languages of the e-mails. */
export type MailLanguage = 'fr' | 'en';

/** A rendered e-mail. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

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

type Lines = Record<ConsoleNotification['kind'], (d: Record<string, unknown>) => string>;

/** `n` with its noun, singular or plural (“1 licence”, “3 licences”). */
const count = (v: unknown, one: string, many: string): string => {
  const n = str(v);
  return `${n}\u00a0${n === '1' || n === '0' ? one : many}`;
};
/** French quotes with their non-breaking spaces. */
const q = (v: unknown): string => `«\u00a0${str(v)}\u00a0»`;

// French typography (STYLE.md): a non-breaking space before : ; ! ? and inside « », the apostrophe ’.
const LINES: Record<MailLanguage, Lines> = {
  fr: {
    'subscription.new': (d) =>
      `Nouvel abonnement ${str(d.subscriptionId)}\u00a0: ${q(d.resourceLabel)} (${str(d.type)}). Affectations suggérées\u00a0: ${str(d.suggestion) || 'à définir dans la console'}.`,
    'subscription.ending': (d) =>
      `L’abonnement ${str(d.subscriptionId)} (${q(d.resourceLabel)}) se termine dans ${count(d.days, 'jour', 'jours')}, le ${frenchDate(d.validUntil)}.`,
    'subscription.expired': (d) =>
      `L’abonnement ${str(d.subscriptionId)} (${q(d.resourceLabel)}) a pris fin le ${frenchDate(d.validUntil)}\u00a0: ` +
      'ses licences ne sont plus utilisables. Il reste affiché comme expiré dans la console.',
    'copies.running-out': (d) =>
      `L’abonnement ${str(d.subscriptionId)} (${q(d.resourceLabel)}) n’a plus que ${count(d.remaining, 'licence disponible', 'licences disponibles')} sur ${str(d.total)}.`,
    'subscription.over-allocated': (d) =>
      `L’abonnement ${str(d.subscriptionId)} (${q(d.resourceLabel)}) est sur-affecté\u00a0: ${count(d.used, 'exemplaire utilisé', 'exemplaires utilisés')} pour ${count(d.total, 'licence', 'licences')}. Retirez des affectations.`,
    'feed.problems': (d) =>
      `L’import de l’annuaire de l’ENT a été refusé (${count(d.problemCount, 'problème', 'problèmes')}). Rien n’a été modifié\u00a0; contactez votre ENT.`,
    'feed.stale': (d) =>
      `L’ENT ${q(d.entName)} n’a envoyé aucun annuaire depuis ${count(d.days, 'jour', 'jours')} (dernier envoi le ${frenchDate(d.lastFeedAt)})\u00a0: les arrivées, départs et changements de classe ne sont plus pris en compte. Contactez votre ENT.`,
  },
  en: {
    'subscription.new': (d) =>
      `New subscription ${str(d.subscriptionId)}: "${str(d.resourceLabel)}" (${str(d.type)}). Suggested allocations: ${str(d.suggestionEn) || 'to be decided in the console'}.`,
    'subscription.ending': (d) =>
      `Subscription ${str(d.subscriptionId)} ("${str(d.resourceLabel)}") ends in ${str(d.days)} day${str(d.days) === '1' ? '' : 's'}, on ${englishDate(d.validUntil)}.`,
    'subscription.expired': (d) =>
      `Subscription ${str(d.subscriptionId)} ("${str(d.resourceLabel)}") ended on ${englishDate(d.validUntil)}: ` +
      'its licences can no longer be used. The console still lists it as expired.',
    'copies.running-out': (d) =>
      `Subscription ${str(d.subscriptionId)} ("${str(d.resourceLabel)}") has only ${str(d.remaining)} licence${str(d.remaining) === '1' ? '' : 's'} left out of ${str(d.total)}.`,
    'subscription.over-allocated': (d) =>
      `Subscription ${str(d.subscriptionId)} ("${str(d.resourceLabel)}") is over-allocated: ${str(d.used)} copies in use for ${str(d.total)} licences. Withdraw some allocations.`,
    'feed.problems': (d) =>
      `The ENT's directory import was refused (${str(d.problemCount)} problem${str(d.problemCount) === '1' ? '' : 's'}). Nothing was changed; contact your ENT.`,
    'feed.stale': (d) =>
      `The ENT "${str(d.entName)}" has sent no directory for ${str(d.days)} days (last on ${englishDate(d.lastFeedAt)}): arrivals, departures and class changes are no longer taken into account. Contact your ENT.`,
  },
};

const WORDS = {
  fr: {
    // Subjects keep plain spaces: an all-ASCII prefix stays readable in every mail client's list, even undecoded.
    one: 'GAR : ',
    digest: (n: number, uai: string) => `GAR : ${n} notification${n > 1 ? 's' : ''} pour ${uai}`,
    open: 'Ouvrir la console d’affectation',
    colon: '\u00a0: ',
    hello: 'Bonjour,',
    bye: 'Ce message est envoyé par le service GAR de votre établissement.',
  },
  en: {
    one: 'GAR: ',
    digest: (n: number, uai: string) => `GAR: ${n} notification${n === 1 ? '' : 's'} for ${uai}`,
    open: 'Open the allocation console',
    colon: ': ',
    hello: 'Hello,',
    bye: "This message is sent by your school's GAR service.",
  },
};

const SUBJECTS: Record<MailLanguage, Record<ConsoleNotification['kind'], string>> = {
  fr: {
    'subscription.new': 'nouvel abonnement',
    'subscription.ending': 'abonnement bientôt terminé',
    'subscription.expired': 'abonnement terminé',
    'copies.running-out': 'licences bientôt épuisées',
    'subscription.over-allocated': 'abonnement sur-affecté',
    'feed.problems': 'import d’annuaire refusé',
    'feed.stale': 'annuaire de l’ENT plus reçu',
  },
  en: {
    'subscription.new': 'new subscription',
    'subscription.ending': 'subscription ending soon',
    'subscription.expired': 'subscription ended',
    'copies.running-out': 'licences running out',
    'subscription.over-allocated': 'over-allocated subscription',
    'feed.problems': 'directory import refused',
    'feed.stale': 'ENT directory no longer received',
  },
};

/**
 * The sentence a notification says, in a language (console and e-mail share it).
 *
 * @example
 * ```ts
 * notificationText('en', { kind: 'subscription.ending', data: { subscriptionId: 'ABO-1', days: 7, validUntil: '2026-08-15T21:59:59Z' } });
 * ```
 */
export function notificationText(lang: MailLanguage, n: Pick<ConsoleNotification, 'kind' | 'data'>): string {
  return LINES[lang][n.kind](n.data);
}

/**
 * Renders the e-mail of one or several notifications of one school (a digest), as plain text and HTML, everything
 * escaped. `consoleUrl` is the link to the allocation console.
 *
 * @example
 * ```ts
 * const mail = renderNotificationMail('fr', '0561641E', [notification], 'https://gar.example/console');
 * ```
 */
export function renderNotificationMail(
  lang: MailLanguage,
  uai: string,
  items: readonly Pick<ConsoleNotification, 'kind' | 'data'>[],
  consoleUrl: string,
): RenderedMail {
  const w = WORDS[lang];
  const subject =
    items.length === 1 ? `${w.one}${SUBJECTS[lang][items[0]!.kind]} (${uai})` : w.digest(items.length, uai);
  const lines = items.map((n) => notificationText(lang, n));
  const link = `${consoleUrl}${consoleUrl.includes('?') ? '&' : '?'}uai=${encodeURIComponent(uai)}`;
  const text = [w.hello, '', ...lines.map((l) => `- ${l}`), '', `${w.open}${w.colon}${link}`, '', w.bye].join('\n');
  const html = [
    `<!doctype html><html lang="${lang}"><body>`,
    `<p>${escapeHtml(w.hello)}</p>`,
    `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(w.open)}</a></p>`,
    `<p>${escapeHtml(w.bye)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: subject.replace(/[\r\n]+/g, ' '), text, html };
}
