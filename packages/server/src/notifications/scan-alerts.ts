import type { Store, StoredSubscription } from '../store/types.js';
import { notifyManagers, type NotifyOptions } from './notify.js';

/** Options of {@link scanAlerts}. */
export interface AlertOptions extends NotifyOptions {
  at: Date;
  /** Days before the end at which managers are told (default 30 and 7). */
  endingDays?: readonly number[];
  /** A finite pool with this share or less left is "running out" (default 0.1). */
  runningOutRatio?: number;
}

/** The setting that remembers up to when new subscriptions were announced. */
export const NEW_SUBSCRIPTIONS_WATERMARK = 'notifications.subscriptions.seen';

const DAY = 86_400_000;

function pool(sub: StoredSubscription): number | undefined {
  if (sub.licences.kind === 'global') return sub.licences.count === 'ILLIMITE' ? undefined : sub.licences.count;
  let total = 0;
  for (const a of sub.audiences) {
    const c = sub.licences.counts[a];
    if (c === 'ILLIMITE') return undefined;
    total += c;
  }
  return total;
}

function suggestion(sub: StoredSubscription): string {
  return sub.type === 'ETABL' ? `ETABL → ${sub.audiences.join(', ')}` : 'INDIV → divisions';
}

/**
 * Looks for what managers must hear about and notifies them (each event once): subscriptions that arrived since the
 * last scan (with a suggested allocation), subscriptions ending within 30 or 7 days, pools running out, and
 * over-allocated subscriptions. The `serve` command runs it under a lease; returns how many notifications were added.
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
        data: { subscriptionId: sub.id, resourceLabel: sub.resourceLabel, ...data },
        at: options.at,
      });
    });
  for (const sub of await store.listSubscriptions({ sortBy: 'createdAt', order: 'ASC' })) {
    if (sub.deletedAt !== undefined) continue;
    const created = Date.parse(sub.createdAt);
    if (created > since && created <= at && !sub.automatic)
      await notify(sub, 'subscription.new', sub.id, { type: sub.type, suggestion: suggestion(sub) });
    const end = Date.parse(sub.validUntil);
    const days = endingDays.find((d) => end > at && end <= at + d * DAY);
    if (days !== undefined)
      await notify(sub, 'subscription.ending', `${sub.id}:${days}:${sub.validUntil}`, {
        days,
        validUntil: sub.validUntil,
      });
    const total = pool(sub);
    if (total === undefined || end <= at) continue;
    const counts = await store.countCopies(sub.id);
    const used = Object.values(counts).reduce((s, n) => s + (n ?? 0), 0);
    if (used > total) await notify(sub, 'subscription.over-allocated', `${sub.id}:over:${total}`, { used, total });
    else if (total > 0 && total - used <= Math.ceil(total * ratio))
      await notify(sub, 'copies.running-out', `${sub.id}:low:${total}`, { remaining: total - used, total });
  }
  await store.putSetting(NEW_SUBSCRIPTIONS_WATERMARK, options.at.toISOString());
  return added;
}
