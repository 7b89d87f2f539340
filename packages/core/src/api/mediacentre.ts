import { z } from 'zod';
import { publisherUrlSchema, resourceIdSchema, uaiSchema, vocabularyTermSchema } from '../model/primitives.js';

/**
 * Query of `GET /api/v1/me/resources`: the school to list at (any school of the person; defaults to the assertion's
 * `uai`, or the person's only school).
 *
 * @example
 * ```ts
 * mediacentreQuerySchema.parse({ uai: '0561641E' });
 * ```
 */
export const mediacentreQuerySchema = z.strictObject({ uai: uaiSchema.optional() });
/** Query of the médiacentre listing. */
export type MediacentreQuery = z.infer<typeof mediacentreQuerySchema>;

/** A school as a person's médiacentre names it. */
export const schoolSummarySchema = z.object({ uai: z.string(), name: z.string() });
/** A school's UAI and name. */
export type SchoolSummary = z.infer<typeof schoolSummarySchema>;

/** One tile of the médiacentre: what the widget shows, never the publisher's access URL (launch goes through GAR). */
export const mediacentreResourceSchema = z.object({
  id: resourceIdSchema,
  idType: z.string(),
  name: z.string(),
  publisherId: z.string(),
  publisherName: z.string(),
  description: z.string().optional(),
  thumbnailUrl: publisherUrlSchema.optional(),
  presentationType: z.object({ code: z.string(), nom: z.string() }),
  pedagogicalTypes: z.array(vocabularyTermSchema),
  documentTypologies: z.array(vocabularyTermSchema),
  levels: z.array(vocabularyTermSchema),
  teachingDomains: z.array(vocabularyTermSchema),
  techDistributor: z.string(),
  techValidator: z.string(),
  /** `copy` (a licence copy) or `free-offer` (a free national offer). */
  via: z.enum(['copy', 'free-offer']),
  /** The latest end of validity of the subscriptions that give it. */
  validUntil: z.string(),
  /** The earliest start of validity of those subscriptions (the médiacentre marks recent ones “new”). */
  validFrom: z.string().optional(),
  /** Whether the person marked it as a favourite. */
  favourite: z.boolean(),
  /** The origins its pages may be linked from (a teacher copies a link to one of them); absent when none. */
  grainOrigins: z.array(z.string()).optional(),
});
/** One resource of a médiacentre. */
export type MediacentreResource = z.infer<typeof mediacentreResourceSchema>;

/**
 * Answer of `GET /api/v1/me/resources`: the person's médiacentre at one school, and all their schools in the ENT
 * (a person at several schools picks one).
 *
 * @example
 * ```ts
 * const m = mediacentreSchema.parse(await res.json());
 * m.resources.map((r) => r.name);
 * ```
 */
export const mediacentreSchema = z.object({
  school: schoolSummarySchema,
  schools: z.array(schoolSummarySchema),
  resources: z.array(mediacentreResourceSchema),
  /** Where the browser posts `assertion`, `resource` and `uai` to open a resource. */
  launchUrl: z.string(),
});
/** A médiacentre listing. */
export type Mediacentre = z.infer<typeof mediacentreSchema>;

/**
 * Body of `PUT /api/v1/me/favourites` and answer of `GET`: the resource ids a person marked, in their order.
 *
 * @example
 * ```ts
 * favouritesSchema.parse({ resourceIds: ['ark:/67890/dico'] });
 * ```
 */
export const favouritesSchema = z.strictObject({
  resourceIds: z
    .array(resourceIdSchema)
    .max(200)
    .refine((a) => new Set(a).size === a.length, {
      message: 'resource ids must be unique',
      params: { code: 'conflict' },
    }),
});
/** A person's favourites. */
export type Favourites = z.infer<typeof favouritesSchema>;
