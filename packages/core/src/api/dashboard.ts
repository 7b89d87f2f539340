import { z } from 'zod';
import { allocationTargetSchema, subscriptionIdSchema } from '../model/entities.js';
import { audienceSchema } from '../model/profiles.js';
import { poolUsageSchema } from './allocation.js';

const subRef = z.object({ subscriptionId: z.string(), resourceId: z.string(), resourceLabel: z.string() });
const named = z.object({ code: z.string(), label: z.string() });
const suggestionFields = {
  target: allocationTargetSchema,
  reason: z.enum(['level', 'division', 'subject-teachers', 'librarians']),
  audience: audienceSchema,
  people: z.int(),
  takes: z.int(),
  level: z.object({ mefStat4: z.string(), name: z.string() }).optional(),
  subject: named.optional(),
  divisions: z.array(named).optional(),
  text: z.string(),
};

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
  /**
   * Suggested allocations of subscriptions not yet allocated (core's `suggestAllocations`): each level's pupils (or its
   * divisions), the teachers of the resource's subjects in the classes at its levels, the librarians; together they
   * fit the pools. `text` says it in French, as the new-subscription e-mail does.
   */
  suggestions: z.array(subRef.extend(suggestionFields)),
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

/** One suggestion of the dashboard. */
export type DashboardSuggestion = Dashboard['suggestions'][number];

/**
 * Body of `POST /api/v1/schools/{uai}/suggestions/accept`: accept every current suggestion ("Tout accepter"), or those
 * of one subscription; each becomes an ordinary allocation, undoable on its own.
 *
 * @example
 * ```ts
 * acceptSuggestionsRequestSchema.parse({ subscriptionId: 'ABO-1' });
 * ```
 */
export const acceptSuggestionsRequestSchema = z.strictObject({ subscriptionId: subscriptionIdSchema.optional() });
/** An accept-suggestions request. */
export type AcceptSuggestionsRequest = z.infer<typeof acceptSuggestionsRequestSchema>;

/**
 * Answer of `POST /api/v1/schools/{uai}/suggestions/accept`: per suggestion, the allocation made (its audit entry, to
 * undo) or the refusal it met (the directory or the pools changed since).
 *
 * @example
 * ```ts
 * acceptSuggestionsResultSchema.parse(body).items.filter((i) => i.auditId).length;
 * ```
 */
export const acceptSuggestionsResultSchema = z.object({
  items: z.array(
    subRef.extend({
      target: allocationTargetSchema,
      text: z.string(),
      auditId: z.string().optional(),
      granted: z.int(),
      refusal: z.looseObject({ code: z.string() }).optional(),
    }),
  ),
});
/** The answer of accepting suggestions. */
export type AcceptSuggestionsResult = z.infer<typeof acceptSuggestionsResultSchema>;
