import type { NotificationPreferences } from '@opengar/core';
import type { ConsoleSend } from './console-client.js';
import type { CallOptions } from './options.js';

/** The rentrée check of one school after the ENT's last feed (`GET …/sync-report`). */
export interface SyncReportView {
  uai: string;
  entId: string;
  /** The feed run it comes from, and when that run was applied. */
  runId: string;
  at: string;
  /** People per profile. */
  counts: Record<string, number>;
  /** What the feed changed: people arrived, changed, left; divisions and groups added, renamed, removed. */
  changes: Record<string, number>;
  /** What a head should fix in the ENT: pupils without a class, classes without pupils, managers without e-mail… */
  anomalies: Record<string, string[]>;
}

/** One in-console notification of a school (`GET …/notifications`), its text in the asked language. */
export interface NotificationView {
  id: string;
  kind: string;
  text: string;
  createdAt: string;
  readAt?: string;
  [key: string]: unknown;
}

/** What the school-year rollover did, or would do (`preview`), for one school. */
export interface RolloverOutcome {
  uai: string;
  year: string;
  alreadyDone: boolean;
  preview: boolean;
  summary: Record<string, number>;
  [key: string]: unknown;
}

/** The console's calls of the school year: sync report, notifications, rollover (part of {@link GarConsoleClient}). */
export interface GarConsoleYearCalls {
  /** `GET …/sync-report`: the rentrée check after the last feed (404 `not-found` before any feed). */
  syncReport(uai: string, options?: CallOptions): Promise<SyncReportView>;
  /** `GET …/sync-report?format=csv`: the same report as CSV text, for a spreadsheet. */
  syncReportCsv(uai: string, options?: CallOptions): Promise<string>;
  /** `GET …/notifications`: the school's notifications for the caller, newest first (`unread` only on request). */
  notifications(
    uai: string,
    options?: CallOptions & { lang?: 'fr' | 'en'; unread?: boolean },
  ): Promise<NotificationView[]>;
  /** `POST …/notifications/{id}/read`: marks one notification read. */
  markNotificationRead(uai: string, id: string, options?: CallOptions): Promise<void>;
  /** `GET …/notification-preferences`: the caller's e-mail choices per group of kinds (everything on until chosen). */
  notificationPreferences(uai: string, options?: CallOptions): Promise<NotificationPreferences>;
  /** `PUT …/notification-preferences`: replaces the caller's e-mail choices; answers them as stored. */
  setNotificationPreferences(
    uai: string,
    preferences: NotificationPreferences,
    options?: CallOptions,
  ): Promise<NotificationPreferences>;
  /** `POST …/rollover?year=`: the school-year rollover of one school; a preview unless `preview: false`. */
  rollover(uai: string, year: string, options?: CallOptions & { preview?: boolean }): Promise<RolloverOutcome>;
}

const part = (value: string, name: string): string => {
  if (typeof value !== 'string' || value === '' || value.length > 256)
    throw new TypeError(`console: ${name} must be 1 to 256 characters`);
  return encodeURIComponent(value);
};

/**
 * The school-year calls of the console group, over a client's `send`.
 *
 * @example
 * ```ts
 * const report = await client.console.syncReport('0561641E');
 * const unread = await client.console.notifications('0561641E', { unread: true });
 * await client.console.setNotificationPreferences('0561641E', { email: { subscriptions: true, copies: false, feeds: true } });
 * ```
 */
export function consoleYearCalls(send: ConsoleSend): GarConsoleYearCalls {
  const school = (uai: string, rest: string) => `api/v1/schools/${part(uai, 'uai')}${rest}`;
  return {
    syncReport: (uai, o) => send('get', school(uai, '/sync-report'), { signal: o?.signal }),
    syncReportCsv: (uai, o) =>
      send('get', school(uai, '/sync-report'), { signal: o?.signal, searchParams: { format: 'csv' }, as: 'text' }),
    notifications: async (uai, o) =>
      (
        await send<{ items: NotificationView[] }>('get', school(uai, '/notifications'), {
          signal: o?.signal,
          searchParams: { lang: o?.lang, unread: o?.unread === undefined ? undefined : String(o.unread) },
        })
      ).items,
    markNotificationRead: (uai, id, o) =>
      send('post', school(uai, `/notifications/${part(id, 'id')}/read`), { signal: o?.signal }),
    notificationPreferences: (uai, o) => send('get', school(uai, '/notification-preferences'), { signal: o?.signal }),
    setNotificationPreferences: (uai, preferences, o) =>
      send('put', school(uai, '/notification-preferences'), { signal: o?.signal, json: preferences }),
    rollover: (uai, year, o) =>
      send('post', school(uai, '/rollover'), {
        signal: o?.signal,
        searchParams: { year, preview: o?.preview === false ? 'false' : 'true' },
      }),
  };
}
