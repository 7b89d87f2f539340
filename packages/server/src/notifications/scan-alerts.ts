import { isOverAllocated, licenceUsage } from '@opengar/core';
import type { Store, StoredSubscription } from '../store/types.js';
import { suggestionDirectory, suggestionsFor, suggestionText } from '../allocation/suggestions.js';
import { notifyManagers, type NotifyOptions } from './notify.js';

/** Options of {@link scanAlerts}. */
export interface AlertOptions extends NotifyOptions {
  at: Date;
  /** Days before the end at which managers are told (default 30 and 7). */
  endingDays?: readonly number[];
  /** A finite pool with this share or less left is "running out" (default 0.1). */
  runningOutRatio?: number;
  /**
   * Days without any feed from an ENT after which the managers of its schools are told, once per threshold (default 8
   * and 30; `[]` turns the alert off). ENTs that never sent a feed (a directory kept by API) are not watched.
   */
  staleFeedDays?: readonly number[];
  /** Told once per ENT and threshold, for the operator's log (no personal data). */
  onStaleFeed?: (alert: StaleFeed) => void;
}

/** An ENT whose directory feed stopped coming. */
export interface StaleFeed {
  entId: string;
  /** Whole days since its last feed (applied or refused). */
  days: number;
  /** The threshold crossed. */
  threshold: number;
  lastFeedAt: string;
}

/** The setting that remembers up to when new subscriptions were announced. */
export const NEW_SUBSCRIPTIONS_WATERMARK = 'notifications.subscriptions.seen';

const DAY = 86_400_000;

/** The pools of a subscription as a new-subscription e-mail states them (no copy used yet counted). */
function licencePools(sub: StoredSubscription) {
  return licenceUsage(sub, []).map(({ pool, licences }) => ({ pool, licences }));
}

/** The dashboard's suggestions of a new subscription, in words (French and English), and their targets. */
async function suggestion(store: Store, sub: StoredSubscription, at: Date) {
  const list = await suggestionsFor(store, sub, await suggestionDirectory(store, sub.uai), at);
  return {
    suggestion: list.map((s) => s.text).join('\u00a0; '),
    suggestionEn: list.map((s) => suggestionText(s, 'en')).join('; '),
    suggestions: list.map((s) => ({
      target: s.target,
      reason: s.reason,
      text: s.text,
      textEn: suggestionText(s, 'en'),
    })),
  };
}

/**
 * Looks for what managers must hear about and notifies them (each event once): subscriptions that arrived since the
 * last scan (with a suggested allocation), subscriptions ending within 30 or 7 days, subscriptions that ended in the
 * last 30 days, pools running out, and over-allocated subscriptions (ends and expiries reach the librarians too).
 * The `serve` command runs it under a lease; returns how many notifications were added.
 *
 * @example
 * ```ts
 * await scanAlerts(store, { at: clock.now(), mode: 'digest' });
 * ```
 */
export async function scanAlerts(store: Store, options: AlertOptions): Promise<number> {
  const at = options.at.getTime();
  const endingDays = [...(options.endingDays ?? [30, 7])].sort((a, b) => a - b);
  const ratio = options.runningOutRatio ?? 0.1;
  const seen = await store.getSetting(NEW_SUBSCRIPTIONS_WATERMARK);
  const since = seen !== undefined ? Date.parse(seen) : at - 7 * DAY;
  let added = 0;
  const notify = (
    sub: StoredSubscription,
    kind: Parameters<typeof notifyManagers>[1]['kind'],
    key: string,
    data: Record<string, unknown>,
  ) =>
    store.transaction(async (tx) => {
      added += await notifyManagers(tx, {
        ...options,
        uai: sub.uai,
        kind,
        key,
        data: { subscriptionId: sub.id, resourceId: sub.resourceId, resourceLabel: sub.resourceLabel, ...data },
        at: options.at,
      });
    });
  for (const sub of await store.listSubscriptions({ sortBy: 'createdAt', order: 'ASC' })) {
    if (sub.deletedAt !== undefined) continue;
    const created = Date.parse(sub.createdAt);
    if (created > since && created <= at && !sub.automatic)
      await notify(sub, 'subscription.new', sub.id, {
        type: sub.type,
        validUntil: sub.validUntil,
        pools: licencePools(sub),
        ...(await suggestion(store, sub, options.at)),
      });
    const end = Date.parse(sub.validUntil);
    const days = endingDays.find((d) => end > at && end <= at + d * DAY);
    if (days !== undefined)
      await notify(sub, 'subscription.ending', `${sub.id}:${days}:${sub.validUntil}`, {
        threshold: days,
        validUntil: sub.validUntil,
      });
    // An end within the last 30 days is told once (older ones were before the service watched).
    if (end <= at && end > at - 30 * DAY)
      await notify(sub, 'subscription.expired', `${sub.id}:expired:${sub.validUntil}`, { validUntil: sub.validUntil });
    if (end <= at) continue;
    const copies = await store.listCopies({ subscriptionId: sub.id });
    const usage = licenceUsage(sub, copies);
    const finite = usage.filter(
      (p): p is typeof p & { licences: number; remaining: number } => p.licences !== 'ILLIMITE',
    );
    if (isOverAllocated(sub, copies)) {
      const over = finite.filter((p) => p.used > p.licences);
      const key = over.map((p) => `${p.pool}=${p.licences}`).join(',');
      await notify(sub, 'subscription.over-allocated', `${sub.id}:over:${key}`, {
        pools: over,
        used: over.reduce((n, p) => n + p.used, 0),
        total: over.reduce((n, p) => n + p.licences, 0),
      });
      continue;
    }
    const low = finite.filter((p) => p.licences > 0 && p.remaining <= Math.ceil(p.licences * ratio));
    if (low.length > 0) {
      const key = low.map((p) => `${p.pool}=${p.licences}`).join(',');
      await notify(sub, 'copies.running-out', `${sub.id}:low:${key}`, {
        pools: low,
        remaining: low[0]!.remaining,
        total: low[0]!.licences,
      });
    }
  }
  await store.putSetting(NEW_SUBSCRIPTIONS_WATERMARK, options.at.toISOString());
  return added + (await scanStaleFeeds(store, options));
}

/**
 * Tells the managers of every school of an ENT that its directory feed stopped coming: once per threshold of
 * {@link AlertOptions.staleFeedDays} and per last feed (a new feed starts over). Returns how many notifications were added.
 *
 * @example
 * ```ts
 * await scanStaleFeeds(store, { at: clock.now(), staleFeedDays: [8, 30] });
 * ```
 */
export async function scanStaleFeeds(store: Store, options: AlertOptions): Promise<number> {
  const thresholds = [...(options.staleFeedDays ?? [8, 30])].sort((a, b) => b - a);
  if (thresholds.length === 0) return 0;
  let added = 0;
  for (const ent of await store.listEnts()) {
    const [last] = await store.listFeedRuns({ entId: ent.id, limit: 1 });
    if (!last) continue;
    const days = Math.floor((options.at.getTime() - Date.parse(last.finishedAt)) / DAY);
    const threshold = thresholds.find((d) => days >= d);
    if (threshold === undefined) continue;
    const key = `${ent.id}:stale:${threshold}:${last.id}`;
    const schools = await store.listSchools({ entId: ent.id });
    let told = 0;
    for (const school of schools) {
      told += await store.transaction((tx) =>
        notifyManagers(tx, {
          ...options,
          uai: school.uai,
          kind: 'feed.stale',
          key,
          data: { entId: ent.id, entName: ent.name, days, lastFeedAt: last.finishedAt },
          at: options.at,
        }),
      );
    }
    if (told > 0) options.onStaleFeed?.({ entId: ent.id, days, threshold, lastFeedAt: last.finishedAt });
    added += told;
  }
  return added;
}
