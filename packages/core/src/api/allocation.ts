import { z } from 'zod';
import { allocationTargetSchema, subscriptionIdSchema, subscriptionSchema } from '../model/entities.js';
import { personIdSchema } from '../model/primitives.js';

const targets = z.array(allocationTargetSchema).min(1).max(500);

/**
 * Body of `POST /api/v1/schools/{uai}/allocations`: give a subscription to one or many targets, all or nothing.
 *
 * @example
 * ```ts
 * allocateRequestSchema.parse({ subscriptionId: 'ABO-1', targets: [{ kind: 'division', code: '3A' }] });
 * ```
 */
export const allocateRequestSchema = z.strictObject({ subscriptionId: subscriptionIdSchema, targets });
/** An allocation request. */
export type AllocateRequest = z.infer<typeof allocateRequestSchema>;

/**
 * Body of `POST /api/v1/schools/{uai}/allocations/withdraw`: withdraw one allocation (its copies come back, except
 * opened non-transferable ones), or some people's copies (all or nothing).
 *
 * @example
 * ```ts
 * withdrawRequestSchema.parse({ subscriptionId: 'ABO-1', personIds: ['eleve-1'] });
 * ```
 */
export const withdrawRequestSchema = z
  .strictObject({
    subscriptionId: subscriptionIdSchema,
    allocationId: z.string().min(1).max(64).optional(),
    personIds: z.array(personIdSchema).min(1).max(2000).optional(),
  })
  .refine((w) => (w.allocationId === undefined) !== (w.personIds === undefined), {
    message: 'give either allocationId or personIds',
    path: ['allocationId'],
  });
/** A withdrawal request. */
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;

/**
 * Body of `POST /api/v1/schools/{uai}/allocations/move`: withdraw some people's copies and give the subscription to
 * other targets, in one transaction.
 *
 * @example
 * ```ts
 * moveRequestSchema.parse({ subscriptionId: 'ABO-1', fromPersonIds: ['e1'], to: [{ kind: 'person', personId: 'e2' }] });
 * ```
 */
export const moveRequestSchema = z.strictObject({
  subscriptionId: subscriptionIdSchema,
  fromPersonIds: z.array(personIdSchema).min(1).max(2000),
  to: targets,
});
/** A move request. */
export type MoveRequest = z.infer<typeof moveRequestSchema>;

/**
 * What an allocation change did: who got a copy, who already held one, who lost one, who kept an opened
 * non-transferable copy, and the audit entry to quote for an undo.
 *
 * @example
 * ```ts
 * allocationResultSchema.parse(await res.json()).granted.length;
 * ```
 */
export const allocationResultSchema = z.object({
  auditId: z.string(),
  allocationIds: z.array(z.string()),
  granted: z.array(z.string()),
  alreadyHolding: z.array(z.string()),
  released: z.array(z.string()),
  kept: z.array(z.string()),
});
/** The result of an allocation change. */
export type AllocationResult = z.infer<typeof allocationResultSchema>;

/**
 * Copies in use and left in one pool (`GLOBAL` or an audience); `remaining` is `ILLIMITE` or may be negative when
 * over-allocated.
 *
 * @example
 * ```ts
 * poolUsageSchema.parse({ pool: 'ELEVE', licences: 30, used: 28, remaining: 2 });
 * ```
 */
export const poolUsageSchema = z.object({
  pool: z.string(),
  licences: z.union([z.int(), z.literal('ILLIMITE')]),
  used: z.int(),
  remaining: z.union([z.int(), z.literal('ILLIMITE')]),
});

/**
 * A subscription as a school's managers see it, with its accounting.
 *
 * @example
 * ```ts
 * schoolSubscriptionListSchema.parse(body).items[0].overAllocated;
 * ```
 */
export const schoolSubscriptionSchema = z.object({
  // The service's name of the subscription: GAR's id, suffixed by its distributor when another one uses that id.
  subscription: subscriptionSchema.safeExtend({ id: subscriptionIdSchema }),
  usage: z.array(poolUsageSchema),
  overAllocated: z.boolean(),
  allocationCount: z.int(),
  valid: z.boolean(),
});
/** A subscription with its accounting. */
export type SchoolSubscription = z.infer<typeof schoolSubscriptionSchema>;
/** Answer of `GET /api/v1/schools/{uai}/subscriptions`. @example `schoolSubscriptionListSchema.parse(body).items` */
export const schoolSubscriptionListSchema = z.object({ items: z.array(schoolSubscriptionSchema) });

/**
 * An allocation as listed (archived ones carry `archivedAt`).
 *
 * @example
 * ```ts
 * allocationListSchema.parse(body).items.map((a) => a.target);
 * ```
 */
export const allocationViewSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  uai: z.string(),
  target: allocationTargetSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  archivedAt: z.string().optional(),
  copies: z.int(),
});
/** Answer of `GET /api/v1/schools/{uai}/allocations`. @example `allocationListSchema.parse(body).items` */
export const allocationListSchema = z.object({ items: z.array(allocationViewSchema) });

/**
 * Query of `GET /api/v1/schools/{uai}/allocations`.
 *
 * @example
 * ```ts
 * allocationListQuerySchema.parse({ subscriptionId: 'ABO-1', includeArchived: 'true' });
 * ```
 */
export const allocationListQuerySchema = z.strictObject({
  subscriptionId: subscriptionIdSchema.optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
});

/**
 * Body of `POST /api/v1/schools/{uai}/delegations`: the staff member to delegate the manager role to.
 *
 * @example
 * ```ts
 * delegationRequestSchema.parse({ delegateId: 'prof-1' });
 * ```
 */
export const delegationRequestSchema = z.strictObject({ delegateId: personIdSchema });
/** A delegation request. */
export type DelegationRequest = z.infer<typeof delegationRequestSchema>;

/**
 * A delegation as listed.
 *
 * @example
 * ```ts
 * delegationListSchema.parse(body).items[0].delegateId;
 * ```
 */
export const delegationViewSchema = z.object({
  uai: z.string(),
  delegateId: z.string(),
  grantedBy: z.string(),
  grantedAt: z.string(),
  revokedAt: z.string().optional(),
});
/** Answer of `GET /api/v1/schools/{uai}/delegations`. @example `delegationListSchema.parse(body).items` */
export const delegationListSchema = z.object({ items: z.array(delegationViewSchema) });
