import { z } from 'zod';
import { entSchema, publisherSchema, resourceSchema, schoolSchema } from '../model/entities.js';
import { entIdSchema } from '../model/primitives.js';

/**
 * A publisher account as the operator API shows it: never its credentials, only how many API keys it has.
 *
 * @example
 * ```ts
 * publisherViewSchema.parse(await res.json()).apiKeyCount;
 * ```
 */
export const publisherViewSchema = publisherSchema.extend({ apiKeyCount: z.int().min(0) });
/** A publisher account without credentials. */
export type PublisherView = z.infer<typeof publisherViewSchema>;

/**
 * Answer of `POST /api/v1/admin/publishers`: the account and its API key, shown this once (only its hash is kept).
 *
 * @example
 * ```ts
 * const { apiKey } = publisherCreatedSchema.parse(await res.json());
 * ```
 */
export const publisherCreatedSchema = z.object({ publisher: publisherViewSchema, apiKey: z.string() });
/** A new publisher and its one-time API key. */
export type PublisherCreated = z.infer<typeof publisherCreatedSchema>;

/** Wraps a list answer as `{ items: [...] }`. */
function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** Answer of `GET /api/v1/admin/ents`. @example `entListSchema.parse(body).items` */
export const entListSchema = listOf(entSchema);
/** Answer of `GET /api/v1/admin/schools`. @example `schoolListSchema.parse(body).items` */
export const schoolListSchema = listOf(schoolSchema);
/** Answer of `GET /api/v1/admin/publishers`. @example `publisherListSchema.parse(body).items` */
export const publisherListSchema = listOf(publisherViewSchema);
/** Answer of `GET /api/v1/admin/resources`. @example `resourceListSchema.parse(body).items` */
export const resourceListSchema = listOf(resourceSchema);

/**
 * Query of `GET /api/v1/admin/schools`: optionally only one ENT's schools.
 *
 * @example
 * ```ts
 * schoolListQuerySchema.parse({ entId: 'ENTTEST1' });
 * ```
 */
export const schoolListQuerySchema = z.strictObject({ entId: entIdSchema.optional() });
/** Query of the school list. */
export type SchoolListQuery = z.infer<typeof schoolListQuerySchema>;
