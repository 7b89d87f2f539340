import { z } from 'zod';
import { personIdSchema } from '../model/primitives.js';
import { audienceCountsSchema, auditTargetDescriptionSchema, UNDOABLE_KINDS } from './audit-record.js';

/**
 * One audit entry as managers see it: the stored entry, its kind, the author's name, the targets named, and the copies
 * it gave and took per audience (for an undo: those the undo gave and took; `undid` says which entry it reversed).
 *
 * @example
 * ```ts
 * auditListSchema.parse(body).items[0].targets[0].name; // '5e A'
 * ```
 */
export const auditEntryViewSchema = z.object({
  id: z.string(),
  at: z.string(),
  uai: z.string(),
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  undoneBy: z.string().optional(),
  undoable: z.boolean(),
  /** The author's name in the directory (the actor's id when it has none). */
  author: z.string(),
  /** The record's kind, for the allocation console's entries. */
  kind: z.enum(['allocate', 'withdraw', 'move', 'delegate', 'revoke', 'undo']).optional(),
  subscriptionId: z.string().optional(),
  targets: z.array(auditTargetDescriptionSchema),
  gave: audienceCountsSchema,
  took: audienceCountsSchema,
  undid: z.object({ auditId: z.string(), kind: z.enum(UNDOABLE_KINDS) }).optional(),
});
/** One audit entry as managers see it. */
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

/**
 * Answer of `GET /api/v1/schools/{uai}/audit`: a page, most recent first, and the cursor of the next page (absent on
 * the last one).
 *
 * @example
 * ```ts
 * const { items, next } = auditListSchema.parse(body);
 * ```
 */
export const auditListSchema = z.object({ items: z.array(auditEntryViewSchema), next: z.string().optional() });

/**
 * Query of `GET /api/v1/schools/{uai}/audit` (and of its CSV export): filters by subscription, target key
 * (`division:5A`), author and date range (`from` included, `to` excluded), the `cursor` of a previous page's `next`,
 * at most `limit` entries (default 50, at most 500). `before` (an instant) is kept for older callers.
 *
 * @example
 * ```ts
 * auditQuerySchema.parse({ subscriptionId: 'ABO-1', target: 'division:5A', limit: '20' });
 * ```
 */
export const auditQuerySchema = z.strictObject({
  before: z.iso.datetime({ offset: true }).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  subscriptionId: z.string().min(1).max(300).optional(),
  target: z.string().min(3).max(300).optional(),
  author: personIdSchema.optional(),
  cursor: z.string().min(1).max(400).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** The audit trail's filters and page. */
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/**
 * Answer of `GET /api/v1/schools/{uai}/audit/{auditId}/undo`: what an undo would do now, before it does it: the
 * copies it would take back and give back per audience, the targets concerned, or why it is refused (`reason`, with
 * the problem code the undo would answer).
 *
 * @example
 * ```ts
 * const preview = undoPreviewSchema.parse(body);
 * if (preview.possible) preview.took.ELEVE;
 * ```
 */
export const undoPreviewSchema = z.object({
  auditId: z.string(),
  kind: z.enum(UNDOABLE_KINDS).optional(),
  subscriptionId: z.string().optional(),
  targets: z.array(auditTargetDescriptionSchema),
  possible: z.boolean(),
  took: audienceCountsSchema,
  gave: audienceCountsSchema,
  reason: z.object({ code: z.string(), detail: z.string() }).optional(),
});
/** What an undo would do. */
export type UndoPreview = z.infer<typeof undoPreviewSchema>;
