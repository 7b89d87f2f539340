import type { StoreOps } from '../store/types.js';
import type { ConsoleNotification } from '../store/types-directory-feeds.js';
import { sha256Hex } from '../kernel/crypto.js';
import type { SupportContact } from '../allocation/dashboard-use-cases.js';
import { groupOf, readPreferences } from './preferences.js';
import { renderNotificationMail, type MailItem, type MailLanguage } from './templates.js';

/** One manager of a school and where to write to them. */
export interface ManagerRecipient {
  personId: string;
  email?: string;
}

/** How notifications become e-mails. */
export interface NotifyOptions {
  /** `digest` (default): one e-mail per day per manager; `immediate`: one e-mail per notification. */
  mode?: 'digest' | 'immediate';
  lang?: MailLanguage;
  /**
   * The allocation console's URL, linked from the e-mails of schools whose ENT registered none (`opengar ent update
   * --console-url`); without either, the e-mail says to open the console from the ENT.
   */
  consoleUrl?: string;
  /** Whom managers ask for help (the dashboard's support contact): named in every e-mail, with a "report" link. */
  supportContact?: SupportContact;
}

/**
 * Renders the e-mail of a school's notifications: its name, its ENT's console (else `options.consoleUrl`), the support
 * contact, the days left counted from `options.at`.
 *
 * @example
 * ```ts
 * const mail = await store.transaction((tx) => schoolMail(tx, '0561641E', [notification], { at: new Date() }));
 * ```
 */
export async function schoolMail(
  tx: StoreOps,
  uai: string,
  items: readonly MailItem[],
  options: NotifyOptions & { at: Date },
) {
  const school = await tx.getSchool(uai);
  return renderNotificationMail(options.lang ?? 'fr', uai, items, await consoleUrlOf(tx, uai, options.consoleUrl), {
    at: options.at,
    ...(school ? { schoolName: school.name } : {}),
    ...(options.supportContact ? { support: options.supportContact } : {}),
  });
}

/**
 * The allocation managers of a school: its head(s) (`National_dir`) and the people RespAff names for it, with their
 * e-mail (RespAff's, else the directory's).
 *
 * @example
 * ```ts
 * const managers = await managersOf(tx, '0561641E');
 * ```
 */
export async function managersOf(tx: StoreOps, uai: string): Promise<ManagerRecipient[]> {
  const out = new Map<string, ManagerRecipient>();
  const school = await tx.getSchool(uai);
  if (!school) return [];
  for (const p of await tx.listPeople({ uai, audience: 'AUTRE PERSONNEL' })) {
    if (p.profiles.some((x) => x.uai === uai && x.profile === 'National_dir'))
      out.set(p.id, { personId: p.id, ...(p.email ? { email: p.email } : {}) });
  }
  for (const r of await tx.listRespAff({ uai })) {
    if (r.entId !== school.entId) continue;
    const email = r.email ?? out.get(r.personId)?.email ?? (await tx.getPerson(r.entId, r.personId))?.email;
    out.set(r.personId, { personId: r.personId, ...(email ? { email } : {}) });
  }
  return [...out.values()].sort((a, b) => (a.personId < b.personId ? -1 : 1));
}

/** The kinds a school's librarians hear of: end dates and expiries of the school's subscriptions. */
const LIBRARIAN_KINDS: ReadonlySet<ConsoleNotification['kind']> = new Set([
  'subscription.ending',
  'subscription.expired',
]);

/**
 * Who hears of a school's notification of a kind: its managers ({@link managersOf}), its delegates (active
 * delegations), and, for end dates and expiries of subscriptions, its librarians (`National_doc` there). Each once,
 * with their e-mail (RespAff's, else the directory's).
 *
 * @example
 * ```ts
 * const told = await recipientsOf(tx, '0561641E', 'subscription.ending'); // managers, delegates, librarians
 * ```
 */
export async function recipientsOf(
  tx: StoreOps,
  uai: string,
  kind?: ConsoleNotification['kind'],
): Promise<ManagerRecipient[]> {
  const school = await tx.getSchool(uai);
  if (!school) return [];
  const out = new Map((await managersOf(tx, uai)).map((m) => [m.personId, m]));
  const add = (p: { id: string; email?: string | undefined }) => {
    if (!out.has(p.id)) out.set(p.id, { personId: p.id, ...(p.email ? { email: p.email } : {}) });
  };
  for (const d of await tx.listDelegations({ uai })) {
    if (d.revokedAt !== undefined) continue;
    const person = await tx.getPerson(school.entId, d.delegateId);
    if (person) add(person);
  }
  if (kind === undefined || LIBRARIAN_KINDS.has(kind))
    for (const p of await tx.listPeople({ uai, audience: 'DOCUMENTALISTE' }))
      if (p.entId === school.entId && p.profiles.some((x) => x.uai === uai && x.profile === 'National_doc')) add(p);
  return [...out.values()].sort((a, b) => (a.personId < b.personId ? -1 : 1));
}

/** What is being notified. */
export interface NotificationEvent {
  uai: string;
  kind: ConsoleNotification['kind'];
  /** What makes this event unique (a subscription id and a threshold, a feed run id…): the same key is notified once. */
  key: string;
  data: Record<string, unknown>;
  at: Date;
}

/**
 * Notifies everyone `recipientsOf` names for the event, inside the caller's transaction: an in-console
 * notification each (once per event key), and in `immediate` mode an e-mail in the outbox unless the person turned
 * e-mail off for the kind's group (in `digest` mode the daily digest takes it).
 *
 * @example
 * ```ts
 * await notifyManagers(tx, { uai, kind: 'subscription.new', key: sub.id, data: { subscriptionId: sub.id }, at, mode: 'immediate' });
 * ```
 */
export async function notifyManagers(tx: StoreOps, event: NotificationEvent & NotifyOptions): Promise<number> {
  let added = 0;
  const now = event.at.toISOString();
  const school = await tx.getSchool(event.uai);
  for (const m of await recipientsOf(tx, event.uai, event.kind)) {
    const id = (await sha256Hex(`${event.kind}\u0000${event.key}\u0000${event.uai}\u0000${m.personId}`)).slice(0, 40);
    const n: ConsoleNotification = {
      id,
      uai: event.uai,
      recipientId: m.personId,
      kind: event.kind,
      data: event.data,
      createdAt: now,
    };
    if (!(await tx.putNotification(n))) continue;
    added++;
    const wanted =
      school !== undefined && (await readPreferences(tx, school.entId, m.personId)).email[groupOf(event.kind)];
    if (event.mode === 'immediate' && m.email && wanted) {
      const mail = await schoolMail(tx, event.uai, [n], event);
      await tx.enqueueOutbox({
        id: `n-${id}`,
        uai: event.uai,
        to: m.email,
        ...mail,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      });
      await tx.markNotificationsMailed([id], now);
    }
  }
  return added;
}

/**
 * The allocation console a school's e-mails link to: its ENT's `consoleUrl` when registered, else `fallback`; else
 * none (the mail then says to open the console from the ENT rather than link to a page that is not there).
 */
export async function consoleUrlOf(tx: StoreOps, uai: string, fallback?: string): Promise<string | undefined> {
  const school = await tx.getSchool(uai);
  const ent = school ? await tx.getEnt(school.entId) : undefined;
  return ent?.consoleUrl ?? fallback;
}

/**
 * Puts one digest e-mail per recipient and school into the outbox for the notifications not mailed yet; the digest's
 * id depends on the notifications it carries, so running it twice enqueues nothing new. People without an e-mail, and
 * kinds a person turned e-mail off for, stay in the console only. Returns how many digests were enqueued.
 *
 * @example
 * ```ts
 * await store.transaction((tx) => enqueueDigests(tx, { at: clock.now(), consoleUrl }));
 * ```
 */
export async function enqueueDigests(tx: StoreOps, options: NotifyOptions & { at: Date }): Promise<number> {
  const now = options.at.toISOString();
  const pending = await tx.listNotifications({ unmailedOnly: true, limit: 10_000 });
  const groups = new Map<string, ConsoleNotification[]>();
  for (const n of pending) {
    const k = `${n.uai}\u0000${n.recipientId}`;
    groups.set(k, [...(groups.get(k) ?? []), n]);
  }
  let enqueued = 0;
  for (const items of groups.values()) {
    const { uai, recipientId } = items[0]!;
    const email = (await recipientsOf(tx, uai)).find((m) => m.personId === recipientId)?.email;
    const ids = items.map((n) => n.id).sort();
    const entId = (await tx.getSchool(uai))?.entId;
    const prefs = entId === undefined ? undefined : await readPreferences(tx, entId, recipientId);
    // Kinds the person turned e-mail off for stay in the console only (and count as mailed: never sent later).
    const mailed = prefs ? items.filter((n) => prefs.email[groupOf(n.kind)]) : [];
    if (email && mailed.length > 0) {
      const mail = await schoolMail(tx, uai, [...mailed].reverse(), options);
      const id = `d-${(await sha256Hex(ids.join(','))).slice(0, 40)}`;
      if (
        await tx.enqueueOutbox({
          id,
          uai,
          to: email,
          ...mail,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        })
      )
        enqueued++;
    }
    await tx.markNotificationsMailed(ids, now);
  }
  return enqueued;
}
