import { z } from 'zod';
import { allocationTargetSchema, subscriptionIdSchema } from '../model/entities.js';
import { personIdSchema } from '../model/primitives.js';
import { audienceSchema } from '../model/profiles.js';

/**
 * Query of `GET /api/v1/schools/{uai}/directory`: divisions, groups, levels, subjects and people of the school matching `search`
 * (case- and accent-insensitive), one page of people at a time; `personIds` (comma-separated) names people to look up;
 * `holding` keeps only the people holding a copy of that subscription (its holders, paged the same way).
 *
 * @example
 * ```ts
 * schoolDirectoryQuerySchema.parse({ search: 'dur', kind: 'person', limit: '20' });
 * ```
 */
export const schoolDirectoryQuerySchema = z.strictObject({
  search: z.string().max(100).optional(),
  kind: z.enum(['division', 'group', 'person']).optional(),
  audience: audienceSchema.optional(),
  /** `true`: staff only (every audience but pupils), e.g. the people a role may be delegated to. */
  staff: z.enum(['true', 'false']).optional(),
  personIds: z.string().max(13_000).optional(),
  holding: z.string().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
/** A directory query. */
export type SchoolDirectoryQuery = z.infer<typeof schoolDirectoryQuerySchema>;

/** A division or group as the console shows it. */
export const directoryGroupSchema = z.object({
  kind: z.enum(['division', 'group']),
  code: z.string(),
  label: z.string(),
  members: z.int(),
});
/** A person as the console shows it, with the subscriptions of the school they hold a copy of. */
export const directoryPersonSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  audience: z.string().optional(),
  subscriptionIds: z.array(z.string()),
  /** The labels of the divisions (classes) the person belongs to, to tell people apart. */
  classes: z.array(z.string()).default([]),
  /**
   * For a person who shares first and last name with someone else at the school: a detail that tells them apart and
   * says nothing sensitive (the end of their ENT identifier).
   */
  detail: z.string().optional(),
});

/** A subject as the console shows it: where it is taught and by how many teachers. */
export const directorySubjectSchema = z.object({
  code: z.string(),
  label: z.string(),
  divisions: z.array(z.object({ code: z.string(), label: z.string() })),
  teachers: z.int(),
});
/** A subject of the directory page. */
export type DirectorySubject = z.infer<typeof directorySubjectSchema>;

/**
 * Answer of `GET /api/v1/schools/{uai}/directory`: the matching divisions and groups (all of them), one page of
 * people and how many people match in all.
 *
 * @example
 * ```ts
 * const d = schoolDirectorySchema.parse(await res.json());
 * d.people.length <= 50; d.totalPeople;
 * ```
 */
export const schoolDirectorySchema = z.object({
  groups: z.array(directoryGroupSchema),
  /** The school's levels (MEFSTAT4 of its MEFs) matching the search, with their pupils: level targets. */
  levels: z.array(z.object({ mefStat4: z.string(), label: z.string(), pupils: z.int() })).default([]),
  /**
   * The school's subjects (`GARMatiereCode`) matching the search that someone teaches, each with the divisions and
   * groups where it is taught and how many teachers teach it: subject-teacher targets.
   */
  subjects: z.array(directorySubjectSchema).default([]),
  people: z.array(directoryPersonSchema),
  totalPeople: z.int(),
});
/** A page of a school's directory. */
export type SchoolDirectoryPage = z.infer<typeof schoolDirectorySchema>;
/** A division or group of the directory page. */
export type DirectoryGroup = z.infer<typeof directoryGroupSchema>;
/** A person of the directory page. */
export type DirectoryPerson = z.infer<typeof directoryPersonSchema>;

/**
 * Body of `POST /api/v1/schools/{uai}/allocations/preview`: an allocation, or a move when `fromPersonIds` names the
 * people whose copies would be withdrawn first (their copies then count as free).
 *
 * @example
 * ```ts
 * previewRequestSchema.parse({ subscriptionId: 'ABO-1', targets: [{ kind: 'person', personId: 'e2' }], fromPersonIds: ['e1'] });
 * ```
 */
export const previewRequestSchema = z.strictObject({
  subscriptionId: subscriptionIdSchema,
  targets: z.array(allocationTargetSchema).min(1).max(500),
  fromPersonIds: z.array(personIdSchema).min(1).max(2000).optional(),
});
/** A preview request. */
export type PreviewRequest = z.infer<typeof previewRequestSchema>;

const left = z.union([z.int(), z.literal('ILLIMITE')]);

/**
 * What an allocation would do for one audience (core's `previewByAudience`).
 *
 * @example
 * ```ts
 * audiencePreviewSchema.parse({ audience: 'ELEVE', people: 28, alreadyHolding: 0, takes: 28, covered: true, pool: 'ELEVE', remainingBefore: 40, remainingAfter: 12 });
 * ```
 */
export const audiencePreviewSchema = z.object({
  audience: audienceSchema,
  people: z.int(),
  alreadyHolding: z.int(),
  takes: z.int(),
  covered: z.boolean(),
  pool: z.string().optional(),
  remainingBefore: left.optional(),
  remainingAfter: left.optional(),
});

/**
 * A way out of a refused allocation (core's `adviseRefusal`), in a preview's `refusal.advice` and in the `advice` of
 * an `insufficient-licences` or `over-allocated` problem.
 *
 * @example
 * ```ts
 * refusalAdviceSchema.parse({ kind: 'only-audience', audience: 'ELEVE', takes: 28 });
 * ```
 */
export const refusalAdviceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('only-audience'), audience: audienceSchema, takes: z.int() }),
  z.object({ kind: z.literal('fewer-targets'), targetIndexes: z.array(z.int()) }),
  z.object({ kind: z.literal('free-copies'), pool: z.string(), count: z.int(), enough: z.boolean() }),
  z.object({ kind: z.literal('withdraw'), pool: z.string(), count: z.int() }),
]);

/**
 * Answer of `POST /api/v1/schools/{uai}/allocations/preview`: what an allocation would consume, without doing it.
 * `refusal` holds the problem code and figures the allocation itself would be refused with.
 *
 * @example
 * ```ts
 * const p = allocationPreviewSchema.parse(await res.json());
 * p.consumption; // [{ pool: 'ELEVE', count: 28, remaining: 30 }]
 * ```
 */
export const allocationPreviewSchema = z.object({
  granted: z.int(),
  alreadyHolding: z.int(),
  uncovered: z.int(),
  consumption: z.array(
    z.object({ pool: z.string(), count: z.int(), remaining: z.union([z.int(), z.literal('ILLIMITE')]) }),
  ),
  /** Per audience of the people the targets cover: how many, who already holds a copy, what it takes and leaves. */
  audiences: z.array(audiencePreviewSchema).default([]),
  refusal: z.looseObject({ code: z.string(), advice: z.array(refusalAdviceSchema).optional() }).optional(),
});
/** An allocation preview. */
export type AllocationPreview = z.infer<typeof allocationPreviewSchema>;

/**
 * Answer of `GET /api/v1/schools`: the schools the caller manages, was delegated, or reads as its librarian
 * (`National_doc` there: subscriptions and notifications only, never allocation), with the role at each.
 *
 * @example
 * ```ts
 * managedSchoolListSchema.parse(await res.json()).items[0].role; // 'manager'
 * ```
 */
export const managedSchoolListSchema = z.object({
  items: z.array(
    z.object({
      uai: z.string(),
      name: z.string(),
      role: z.enum(['manager', 'delegate', 'librarian']),
      /** `1D` at an école (its console hides the librarian pool), `2D` otherwise; absent from older services. */
      degree: z.enum(['1D', '2D']).optional(),
      /** The divisions the caller belongs to there as staff: an école director's own class (« ma classe »). */
      classes: z.array(z.object({ code: z.string(), label: z.string() })).optional(),
    }),
  ),
});
/** A school the caller manages. */
export type ManagedSchool = z.infer<typeof managedSchoolListSchema>['items'][number];
