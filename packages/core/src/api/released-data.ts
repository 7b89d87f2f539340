import { z } from 'zod';
import { ATTRIBUTE_NAMES } from '../model/entities.js';
import { resourceIdSchema, uaiSchema } from '../model/primitives.js';

/**
 * Query of `GET /api/v1/me/released-data`: the resource, and the school the person would open it from (default: the
 * assertion's `uai`, or the person's first school).
 *
 * @example
 * ```ts
 * releasedDataQuerySchema.parse({ resource: 'ark:/67890/dico', uai: '0561641E' });
 * ```
 */
export const releasedDataQuerySchema = z.strictObject({ resource: resourceIdSchema, uai: uaiSchema.optional() });
/** Query of « données transmises ». */
export type ReleasedDataQuery = z.infer<typeof releasedDataQuerySchema>;

const attributeList = z.array(z.enum(ATTRIBUTE_NAMES));

/**
 * « Données transmises »: what a resource would receive about the person asking if they opened it now from `uai`,
 * computed by the hand-off's own release function. `address` says how to speak to them (`tu` for a pupil).
 *
 * @example
 * ```ts
 * const data: ReleasedData = { uai: '0561641E', resourceId: 'ark:/67890/dico', address: 'tu', attributes: ['IDO', 'UAI'] };
 * ```
 */
export const releasedDataSchema = z
  .object({
    uai: z.string(),
    resourceId: z.string(),
    address: z.enum(['tu', 'vous']),
    attributes: attributeList,
  })
  .meta({ id: 'ReleasedData' });
/** What a resource receives about the person asking. */
export type ReleasedData = z.infer<typeof releasedDataSchema>;

/**
 * Per resource a school subscribes to, what it can receive about a pupil and about a member of staff (the most: a
 * person with every value), and what it declared. What the console shows heads.
 *
 * @example
 * ```ts
 * const school: SchoolReleasedData = { uai: '0561641E', resources: [{ resourceId: 'ark:/67890/dico', name: 'Dico',
 *   publisherName: 'Éditions', declared: ['UAI'], pupil: ['IDO', 'UAI'], staff: ['IDO', 'UAI'] }] };
 * ```
 */
export const schoolReleasedDataSchema = z
  .object({
    uai: z.string(),
    resources: z.array(
      z.object({
        resourceId: z.string(),
        name: z.string(),
        publisherName: z.string(),
        declared: attributeList,
        pupil: attributeList,
        staff: attributeList,
      }),
    ),
  })
  .meta({ id: 'SchoolReleasedData' });
/** Per resource of a school, what it can receive about pupils and staff. */
export type SchoolReleasedData = z.infer<typeof schoolReleasedDataSchema>;
