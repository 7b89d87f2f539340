/**
 * `@opengar/server/notifications`: the managers' notifications as building blocks: who is told, the alert scan, the
 * digests, the mail templates.
 *
 * @packageDocumentation
 */
export { enqueueDigests, managersOf, notifyManagers } from './notify.js';
export type { ManagerRecipient, NotificationEvent, NotifyOptions } from './notify.js';
export { NEW_SUBSCRIPTIONS_WATERMARK, scanAlerts } from './scan-alerts.js';
export type { AlertOptions } from './scan-alerts.js';
export { notificationText, renderNotificationMail } from './templates.js';
export type { MailItem, MailLanguage, MailOptions, RenderedMail } from './templates.js';
export type { NotificationView } from './notification-use-cases.js';
export type { ConsoleNotification, OutboxMessage } from '../store/types-directory-feeds.js';
