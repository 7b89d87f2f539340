import { z } from 'zod';
import { allocationTargetSchema } from '../model/entities.js';
import { poolUsageSchema } from './allocation.js';

const subRef = z.object({ subscriptionId: z.string(), resourceId: z.string(), resourceLabel: z.string() });

/**
 * Answer of `GET /api/v1/schools/{uai}/dashboard`: what an allocation manager should look at today.
 *
 * @example
 * ```ts
 * const d = dashboardSchema.parse(await res.json());
 * d.overAllocated.length; d.endingSoon.map((s) => s.validUntil);
 * ```
 */
export const dashboardSchema = z.object({
  uai: z.string(),
  at: z.string(),
  /** Subscriptions delivered (valid, not automatic) without any allocation yet. */
  notAllocated: z.array(subRef),
  /** Subscriptions delivered since the manager last looked, or in the last 7 days. */
  newSubscriptions: z.array(subRef.extend({ createdAt: z.string() })),
  /** Copies left per pool, per subscription. */
  remaining: z.array(subRef.extend({ usage: z.array(poolUsageSchema) })),
  /** Subscriptions ending within 30 days. */
  endingSoon: z.array(subRef.extend({ validUntil: z.string() })),
  /** Subscriptions with more copies in use than licences: new allocations are refused until copies are withdrawn. */
  overAllocated: z.array(subRef.extend({ usage: z.array(poolUsageSchema) })),
  /** People an ETABL allocation covers who got no copy because the pool was empty. */
  beyondPool: z.array(subRef.extend({ personIds: z.array(z.string()) })),
  /** Suggested targets for subscriptions not yet allocated (levels matched to divisions; librarians). */
  suggestions: z.array(subRef.extend({ target: allocationTargetSchema, reason: z.string() })),
  /** Copies in use per audience, over the school's subscriptions. */
  allocatedPerAudience: z.record(z.string(), z.int()),
  /** Whom to ask for help. */
  supportContact: z
    .object({
      name: z.string(),
      email: z.string().optional(),
      phone: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
});
/** The dashboard of a school's managers. */
export type Dashboard = z.infer<typeof dashboardSchema>;
