import { z } from 'zod';

/**
 * The groups of notification kinds a person turns e-mail on or off for: `subscriptions` (new, ending, expired),
 * `copies` (running out, over-allocated), `feeds` (refused or stale ENT directory feeds).
 */
export const notificationGroupSchema = z.enum(['subscriptions', 'copies', 'feeds']);
/** A group of notification kinds. */
export type NotificationGroup = z.infer<typeof notificationGroupSchema>;

/**
 * One person's notification preferences at the service (`GET`/`PUT /api/v1/schools/{uai}/notification-preferences`):
 * e-mail on or off per group of kinds. The console shows every notification whatever the choice.
 *
 * @example
 * ```ts
 * notificationPreferencesSchema.parse({ email: { subscriptions: true, copies: false, feeds: true } });
 * ```
 */
export const notificationPreferencesSchema = z.strictObject({
  email: z.strictObject({ subscriptions: z.boolean(), copies: z.boolean(), feeds: z.boolean() }),
});
/** One person's notification preferences. */
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
