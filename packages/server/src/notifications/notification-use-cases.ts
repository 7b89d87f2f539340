import { requireSchoolReader } from '../allocation/allocation-access.js';
import type { ServiceContext } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import type { ConsoleNotification } from '../store/types-directory-feeds.js';
import { notificationPreferencesSchema, type NotificationPreferences } from '@opengar/core';
import { validate } from '../kernel/context.js';
import { preferencesSetting, readPreferences } from './preferences.js';
import { notificationText, type MailLanguage } from './templates.js';

/** A console notification as the console shows it, with its sentence. */
export interface NotificationView extends ConsoleNotification {
  text: string;
}

/** In-console notifications of a school's managers: list them, mark them read. */
export function notificationUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;
  return {
    /**
     * The caller's notifications at a school, newest first (managers and delegates; each sees their own).
     *
     * @example
     * ```ts
     * const items = await service.notifications.list(user, '0561641E', { lang: 'fr' });
     * ```
     */
    async listNotifications(
      actor: Actor,
      uai: string,
      options: { lang?: MailLanguage; unreadOnly?: boolean } = {},
    ): Promise<NotificationView[]> {
      const { user } = await requireSchoolReader(store, actor, uai);
      const items = await store.listNotifications({
        uai,
        recipientId: user.personId,
        unreadOnly: options.unreadOnly ?? false,
        limit: 200,
      });
      return items.map((n) => ({ ...n, text: notificationText(options.lang ?? 'fr', n, clock.now()) }));
    },
    /**
     * Marks one of the caller's notifications read.
     *
     * @example
     * ```ts
     * await service.notifications.markRead(user, '0561641E', id);
     * ```
     */
    async markNotificationRead(actor: Actor, uai: string, id: string): Promise<void> {
      const { user } = await requireSchoolReader(store, actor, uai);
      const mine = await store.listNotifications({ uai, recipientId: user.personId, limit: 1000 });
      if (
        !mine.some((n) => n.id === id) ||
        !(await store.markNotificationRead(id, user.personId, clock.now().toISOString()))
      ) {
        throw new GarServiceError('not-found', 'no such notification');
      }
    },
    /**
     * The caller's notification preferences (e-mail on or off per group of kinds; everything on until chosen).
     *
     * @example
     * ```ts
     * (await service.notifications.preferences(user, '0561641E')).email.feeds; // true
     * ```
     */
    async getNotificationPreferences(actor: Actor, uai: string): Promise<NotificationPreferences> {
      const { user } = await requireSchoolReader(store, actor, uai);
      return readPreferences(store, user.entId, user.personId);
    },
    /**
     * Replaces the caller's notification preferences (one per person, whatever the school they are set from).
     *
     * @example
     * ```ts
     * await service.notifications.setPreferences(user, '0561641E', { email: { subscriptions: true, copies: false, feeds: true } });
     * ```
     * @throws {@link GarServiceError} `validation` for a malformed body, `forbidden` for callers without a role there.
     */
    async setNotificationPreferences(actor: Actor, uai: string, input: unknown): Promise<NotificationPreferences> {
      const { user } = await requireSchoolReader(store, actor, uai);
      const prefs = validate(notificationPreferencesSchema, input, 'notification preferences');
      await store.putSetting(preferencesSetting(user.entId, user.personId), JSON.stringify(prefs));
      return prefs;
    },
  };
}
