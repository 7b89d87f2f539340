import { z } from 'zod';
import { subscriptionSchema } from '../model/entities.js';

/**
 * A subscription as the publisher JSON API returns it: GAR's fields in code names, plus the service's dates.
 *
 * @example
 * ```ts
 * publisherSubscriptionSchema.parse(await res.json()).subscription.licences;
 * ```
 */
export const publisherSubscriptionSchema = z.object({
  subscription: subscriptionSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** A subscription with its dates. */
export type PublisherSubscription = z.infer<typeof publisherSubscriptionSchema>;

/** Answer of `GET /api/v1/publisher/subscriptions`. @example `publisherSubscriptionListSchema.parse(body).items` */
export const publisherSubscriptionListSchema = z.object({
  items: z.array(publisherSubscriptionSchema),
  total: z.int(),
});

/**
 * Query of `GET /api/v1/publisher/subscriptions`: the filters of GAR's web service, and paging.
 *
 * @example
 * ```ts
 * publisherSubscriptionQuerySchema.parse({ uai: '0561641E', order: 'DESC', offset: '0', limit: '100' });
 * ```
 */
export const publisherSubscriptionQuerySchema = z.strictObject({
  uai: z.string().max(45).optional(),
  resourceId: z.string().max(1024).optional(),
  distributorId: z.string().max(26).optional(),
  order: z.enum(['ASC', 'DESC']).optional(),
  offset: z.coerce.number().int().min(0).max(1e9).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
/** Query of the publisher's subscription list. */
export type PublisherSubscriptionQuery = z.infer<typeof publisherSubscriptionQuerySchema>;
