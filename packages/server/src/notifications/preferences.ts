import { notificationPreferencesSchema, type NotificationGroup, type NotificationPreferences } from '@opengar/core';
import type { StoreOps } from '../store/types.js';
import type { ConsoleNotification } from '../store/types-directory-feeds.js';

/** Everything on: what a person who never chose receives. */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  email: { subscriptions: true, copies: true, feeds: true },
};

/** The group a notification kind belongs to, for the e-mail opt-out. */
export function groupOf(kind: ConsoleNotification['kind']): NotificationGroup {
  if (kind.startsWith('subscription.') && kind !== 'subscription.over-allocated') return 'subscriptions';
  if (kind.startsWith('feed.')) return 'feeds';
  return 'copies';
}

/** The setting that holds one person's preferences (one per person of an ENT, whatever the school). */
export const preferencesSetting = (entId: string, personId: string): string =>
  `notifications.preferences:${entId}:${personId}`;

/**
 * One person's preferences, defaults when never set (or unreadable: a bad stored value never silences anyone).
 *
 * @example
 * ```ts
 * (await readPreferences(tx, 'ENT-A', 'head-1')).email.copies; // true unless turned off
 * ```
 */
export async function readPreferences(
  tx: Pick<StoreOps, 'getSetting'>,
  entId: string,
  personId: string,
): Promise<NotificationPreferences> {
  const raw = await tx.getSetting(preferencesSetting(entId, personId));
  if (raw === undefined) return DEFAULT_PREFERENCES;
  try {
    const parsed = notificationPreferencesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_PREFERENCES;
  } catch {
    return DEFAULT_PREFERENCES;
  }
}
