import { z } from 'zod';
import { freeText, idText } from '../model/text.js';
import { resourceIdSchema, uaiSchema } from '../model/primitives.js';
import { MAX_GRAIN_LENGTH } from '../model/grain.js';
import { statsTableSchema } from './stats.js';

/** The longest note a teacher may add to a pin (plain text, one line). */
export const PIN_NOTE_MAX = 280;
/** How far ahead a pin may last, in days. */
export const PIN_MAX_DAYS = 366;

const groupCodeSchema = idText(z.string().min(1).max(255));
/** A short plain text on one line: no line break, no tab, trimmed. Never read as HTML by anyone. */
const lineText = (max: number) =>
  freeText(z.string().trim().min(1).max(max)).refine((v) => !/[\t\n\r\u2028\u2029]/.test(v), {
    message: 'must be one line',
    params: { code: 'control_character' },
  });

/**
 * Body of `POST /api/v1/me/pins`: a teacher recommends a resource to divisions or groups they teach at a school,
 * with an optional note, until a day (included, Europe/Paris).
 *
 * @example
 * ```ts
 * pinInputSchema.parse({ uai: '0561641E', resourceId: 'ark:/67890/dico', groupCodes: ['6A'], until: '2027-01-31' });
 * ```
 */
export const pinInputSchema = z.strictObject({
  uai: uaiSchema,
  resourceId: resourceIdSchema,
  groupCodes: z
    .array(groupCodeSchema)
    .min(1)
    .max(30)
    .refine((a) => new Set(a).size === a.length, {
      message: 'group codes must be unique',
      params: { code: 'conflict' },
    }),
  note: lineText(PIN_NOTE_MAX).optional(),
  until: z.iso.date(),
  /** A page of the resource (inside its grain origins), e.g. chosen with its LTI Deep Linking picker. */
  grain: z.string().min(1).max(MAX_GRAIN_LENGTH).optional(),
  /** The page's title, as the tool's picker named it (only with `grain`). */
  grainTitle: lineText(200).optional(),
});
/** A pin as a teacher writes it. */
export type PinInput = z.input<typeof pinInputSchema>;

/** Pupils of one pinned class who cannot open the resource (they see nothing of the pin). */
export const pinLackingSchema = z.object({
  groupCode: z.string(),
  groupLabel: z.string(),
  /** Pupils of the class. */
  pupils: z.int().nonnegative(),
  /** Those without a copy: the teacher asks the school's responsable for them. */
  lacking: z.array(z.object({ id: z.string(), lastName: z.string(), firstName: z.string() })),
});

/**
 * A pin as its teacher sees it, with who of each class lacks a copy.
 *
 * @example
 * ```ts
 * const pin = pinSchema.parse(body);
 * pin.classes.map((c) => `${c.groupLabel}: ${c.lacking.length}`);
 * ```
 */
export const pinSchema = z.object({
  id: z.string(),
  uai: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  groupCodes: z.array(z.string()),
  note: z.string().optional(),
  /** The page of the resource it points at (absolute URL), when one was chosen. */
  grain: z.string().optional(),
  /** That page's title, when the tool's picker gave one. */
  grainTitle: z.string().optional(),
  /** The last day it shows (`YYYY-MM-DD`, Europe/Paris). */
  until: z.string(),
  createdAt: z.string(),
  classes: z.array(pinLackingSchema),
});
/** A teacher's pin. */
export type Pin = z.infer<typeof pinSchema>;
/** Who of a pinned class lacks a copy. */
export type PinLacking = z.infer<typeof pinLackingSchema>;

/**
 * One recommendation in a pupil's médiacentre: only for a resource the pupil can open.
 *
 * @example
 * ```ts
 * recommendationSchema.parse({ resourceId: 'ark:/67890/dico', by: 'M. Martin', until: '2027-01-31' });
 * ```
 */
export const recommendationSchema = z.object({
  resourceId: z.string(),
  /** The teacher as pupils call them: « M. Martin ». */
  by: z.string(),
  note: z.string().optional(),
  until: z.string(),
  /** The page of the resource the teacher chose (absolute URL): launch it as the `grain`. */
  grain: z.string().optional(),
  /** That page's title, when the tool's picker gave one. */
  grainTitle: z.string().optional(),
});
/** A recommendation. */
export type Recommendation = z.infer<typeof recommendationSchema>;

/** Answer of `GET /api/v1/me/recommendations`: newest pin first, one per resource. */
export const recommendationsSchema = z.object({ uai: z.string(), items: z.array(recommendationSchema) });
/** The recommendations of a pupil at a school. */
export type Recommendations = z.infer<typeof recommendationsSchema>;

/** A division or group a teacher teaches. */
export const taughtClassSchema = z.object({
  code: z.string(),
  label: z.string(),
  status: z.enum(['DIVISION', 'GROUPE']),
  /** Pupils of the class. */
  pupils: z.int().nonnegative(),
});

/**
 * Answer of `GET /api/v1/me/classes`: a teacher's classes at a school and the resources their pupils hold, with the
 * count of pupils holding a copy per class (`holders[i]` for `classes[i]`).
 *
 * @example
 * ```ts
 * const mine = classResourcesSchema.parse(body);
 * mine.resources[0].holders[0]; // pupils of the first class who can open it
 * ```
 */
export const classResourcesSchema = z.object({
  uai: z.string(),
  classes: z.array(taughtClassSchema),
  resources: z.array(
    z.object({
      resourceId: z.string(),
      name: z.string(),
      presentationType: z.object({ code: z.string(), nom: z.string() }),
      holders: z.array(z.int().nonnegative()),
      /** The resource is an LTI tool with a Deep Linking picker: a page of it can be chosen for a pin. */
      deepLinking: z.boolean().optional(),
    }),
  ),
});
/** A teacher's classes and what they hold. */
export type ClassResources = z.infer<typeof classResourcesSchema>;
/** A class a teacher teaches. */
export type TaughtClass = z.infer<typeof taughtClassSchema>;

/**
 * Answer of `GET /api/v1/me/classes/usage`: pupils of each class who opened each resource, under the statistics'
 * disclosure control (rows: resources; columns: class codes).
 *
 * @example
 * ```ts
 * const u = classUsageSchema.parse(body);
 * u.table.cells[0][0].status; // 'suppressed' under 5 pupils
 * ```
 */
export const classUsageSchema = z.object({
  uai: z.string(),
  /** The columns' classes, in the table's order. */
  classes: z.array(taughtClassSchema),
  table: statsTableSchema,
  generatedAt: z.string(),
});
/** A teacher's class usage. */
export type ClassUsage = z.infer<typeof classUsageSchema>;

/**
 * Body of `POST /api/v1/me/requests`: a teacher asks the school's responsables for a resource for one of their classes.
 *
 * @example
 * ```ts
 * classRequestInputSchema.parse({ uai: '0561641E', resourceId: 'ark:/67890/dico', groupCode: '6A' });
 * ```
 */
export const classRequestInputSchema = z.strictObject({
  uai: uaiSchema,
  resourceId: resourceIdSchema,
  groupCode: groupCodeSchema,
  message: lineText(500).optional(),
});
/** A class request as a teacher writes it. */
export type ClassRequestInput = z.input<typeof classRequestInputSchema>;

/** Where a request stands. */
export const classRequestStatusSchema = z.enum(['pending', 'granted', 'declined']);
/** Where a request stands. */
export type ClassRequestStatus = z.infer<typeof classRequestStatusSchema>;

/**
 * A request for a resource for a class, as its teacher and the school's responsables see it.
 *
 * @example
 * ```ts
 * const r = classRequestSchema.parse(body);
 * if (r.status === 'declined') console.log(r.answer);
 * ```
 */
export const classRequestSchema = z.object({
  id: z.string(),
  uai: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  groupCode: z.string(),
  groupLabel: z.string(),
  teacherId: z.string(),
  /** « M. Martin ». */
  teacherName: z.string(),
  message: z.string().optional(),
  status: classRequestStatusSchema,
  createdAt: z.string(),
  decidedAt: z.string().optional(),
  answer: z.string().optional(),
});
/** A class request. */
export type ClassRequest = z.infer<typeof classRequestSchema>;

/**
 * Body of `POST /api/v1/schools/{uai}/requests/{id}/decision`: the responsable grants or declines, with an optional
 * answer the teacher reads.
 *
 * @example
 * ```ts
 * classRequestDecisionSchema.parse({ status: 'declined', answer: 'Plus de licences cette année.' });
 * ```
 */
export const classRequestDecisionSchema = z.strictObject({
  status: z.enum(['granted', 'declined']),
  answer: lineText(500).optional(),
});
/** A responsable's decision. */
export type ClassRequestDecision = z.input<typeof classRequestDecisionSchema>;

/** Query naming the school of a teacher's view (`?uai=`). */
export const teacherQuerySchema = z.strictObject({ uai: uaiSchema });
