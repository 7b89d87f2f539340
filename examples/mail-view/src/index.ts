export { startMailView } from './create-mail-view.js';
export type { CaughtMail, MailView, MailViewOptions } from './create-mail-view.js';
