import { z } from 'zod';
import { schoolYearSchema } from '../model/primitives.js';

const month = /^(\d{4})-(0[1-9]|1[0-2])$/;
const year = /^(\d{4})-(\d{4})$/;

/**
 * A period of the fixed statistics grid: a calendar month `YYYY-MM` or a school year `YYYY-YYYY+1`. No free ranges.
 *
 * @example
 * ```ts
 * statsPeriodSchema.parse('2026-10'); statsPeriodSchema.parse('2026-2027');
 * ```
 */
export const statsPeriodSchema = z.string().refine((p) => {
  if (month.test(p)) return true;
  const m = year.exec(p);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}, 'a month YYYY-MM or a school year YYYY-YYYY+1');

/**
 * A figure as published: the numbers, or the band when hidden (primary: `<5`, fewer than k people; secondary: `hidden`, hidden so
 * that no primary cell can be recovered from totals). A hidden figure is never shown as zero.
 *
 * @example
 * ```ts
 * publishedCellSchema.parse({ status: 'suppressed', reason: 'primary', band: '<5' });
 * ```
 */
export const publishedCellSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('published'), accesses: z.int().nonnegative(), people: z.int().nonnegative() }),
  z.object({ status: z.literal('suppressed'), reason: z.enum(['primary', 'secondary']), band: z.string() }),
]);
/** A published or suppressed figure. */
export type PublishedStatsCell = z.infer<typeof publishedCellSchema>;

/**
 * A protected table: `cells[row][column]`, the totals of each row and column and the grand total, all under disclosure
 * control.
 *
 * @example
 * ```ts
 * const t = statsTableSchema.parse(body.table);
 * t.rows[0].label; t.cells[0][0].status;
 * ```
 */
export const statsTableSchema = z.object({
  rows: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Column keys: months `YYYY-MM`, or other keys (audiences, académies) stated by the route. */
  columns: z.array(z.string()),
  cells: z.array(z.array(publishedCellSchema)),
  rowTotals: z.array(publishedCellSchema),
  columnTotals: z.array(publishedCellSchema),
  total: publishedCellSchema,
  /** Threshold of distinct people. */
  k: z.int().positive(),
});
/** A protected table. */
export type StatsTable = z.infer<typeof statsTableSchema>;

/**
 * Dimensions of the school statistics.
 *
 * @example
 * ```ts
 * statsDimensionSchema.parse('division');
 * ```
 */
export const statsDimensionSchema = z.enum(['resource', 'profile', 'division']);
/** A dimension of the school statistics. */
export type StatsDimension = z.infer<typeof statsDimensionSchema>;

/**
 * Query of `GET /api/v1/schools/{uai}/stats`.
 *
 * @example
 * ```ts
 * schoolStatsQuerySchema.parse({ period: '2026-2027', by: 'profile' });
 * ```
 */
export const schoolStatsQuerySchema = z.strictObject({
  period: statsPeriodSchema,
  by: statsDimensionSchema.default('resource'),
  format: z.enum(['json', 'csv']).default('json'),
});
/** The query of the school statistics. */
export type SchoolStatsQuery = z.input<typeof schoolStatsQuerySchema>;

/**
 * Answer of `GET /api/v1/schools/{uai}/stats`: accesses (successful hand-offs) and distinct people per row of `by`
 * and per month. For a school year, columns are its months (September to August, up to the current one) and the row
 * totals are the year's figures; for a month, the one column of that month, cut from the same jointly protected year
 * table (so a month's figures can never be subtracted from the year's).
 *
 * @example
 * ```ts
 * const s = schoolStatsSchema.parse(await res.json());
 * s.table.rowTotals[0].status === 'suppressed' ? s.table.rowTotals[0].band : s.table.rowTotals[0].accesses;
 * ```
 */
export const schoolStatsSchema = z.object({
  uai: z.string(),
  period: z.string(),
  schoolYear: z.string(),
  by: statsDimensionSchema,
  table: statsTableSchema,
  generatedAt: z.string(),
});
/** The school statistics. */
export type SchoolStats = z.infer<typeof schoolStatsSchema>;

/**
 * Query of `GET /api/v1/schools/{uai}/stats/allocations`, `…/stats/unused` and `…/stats/quality`: a school year
 * (default: the current one) or a month for quality.
 *
 * @example
 * ```ts
 * statsYearQuerySchema.parse({ year: '2026-2027', format: 'csv' });
 * ```
 */
export const statsYearQuerySchema = z.strictObject({
  year: schoolYearSchema.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
/** A year query. */
export type StatsYearQuery = z.input<typeof statsYearQuerySchema>;

/**
 * Answer of `GET /api/v1/schools/{uai}/stats/allocations`: per subscription (rows) and audience (columns: `ELEVE`,
 * `ENSEIGNANT`, `DOCUMENTALISTE`, `AUTRE PERSONNEL`), under disclosure control: `allocated` is the table of copies
 * allocated, `used` of copies opened at least once (a copy is one person, so a cell's `accesses` = `people` = copies).
 *
 * @example
 * ```ts
 * const a = allocationStatsSchema.parse(await res.json());
 * a.allocated.cells[0][0]; a.used.cells[0][0];
 * ```
 */
export const allocationStatsSchema = z.object({
  uai: z.string(),
  schoolYear: z.string(),
  /** Copies allocated per subscription × audience (a copy is one person: `people` = `accesses` = copies). */
  allocated: statsTableSchema,
  /** Copies opened at least once per subscription × audience. */
  used: statsTableSchema,
  generatedAt: z.string(),
});
/** Allocation statistics. */
export type AllocationStats = z.infer<typeof allocationStatsSchema>;

/**
 * A count for lists: the number when ≥ k or zero, else the band `<5`.
 *
 * @example
 * ```ts
 * bandedCountSchema.parse('<5'); bandedCountSchema.parse(12);
 * ```
 */
export const bandedCountSchema = z.union([z.int().nonnegative(), z.string()]);

/**
 * Answer of `GET /api/v1/schools/{uai}/stats/unused`: subscriptions whose allocated copies were never opened this
 * school year, and those opened by few people (fewer than k). Counts are bands, never small numbers.
 *
 * @example
 * ```ts
 * const u = unusedStatsSchema.parse(await res.json());
 * u.neverOpened.map((x) => x.resourceLabel); u.openedByFew[0].people; // '<5'
 * ```
 */
export const unusedStatsSchema = z.object({
  uai: z.string(),
  schoolYear: z.string(),
  k: z.int().positive(),
  neverOpened: z.array(
    z.object({
      subscriptionId: z.string(),
      resourceId: z.string(),
      resourceLabel: z.string(),
      allocatedCopies: bandedCountSchema,
    }),
  ),
  openedByFew: z.array(
    z.object({
      subscriptionId: z.string(),
      resourceId: z.string(),
      resourceLabel: z.string(),
      allocatedCopies: bandedCountSchema,
      /** Always the band `<5`. */
      people: z.string(),
    }),
  ),
  generatedAt: z.string(),
});
/** Unused and little-used subscriptions. */
export type UnusedStats = z.infer<typeof unusedStatsSchema>;

/**
 * Query of `GET /api/v1/schools/{uai}/stats/quality`: a calendar month (default: the current one).
 *
 * @example
 * ```ts
 * qualityQuerySchema.parse({ month: '2026-10' });
 * ```
 */
export const qualityQuerySchema = z.strictObject({
  month: z.string().regex(month, 'a month YYYY-MM').optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
/** A quality query. */
export type QualityQuery = z.input<typeof qualityQuerySchema>;

/**
 * One day of hand-offs to one resource at the school: successes, and refusals per reason (`no_copy`,
 * `outside_validity`…). These are counts of hand-off attempts, not of people, and they are banded like any count
 * (`<5`) when small.
 *
 * @example
 * ```ts
 * handoffDaySchema.parse({ day: '2026-10-05', resourceId: 'ark:/1/x', successes: 40, refusals: { no_copy: '<5' } });
 * ```
 */
export const handoffDaySchema = z.object({
  day: z.string(),
  resourceId: z.string(),
  successes: bandedCountSchema,
  refusals: z.record(z.string(), bandedCountSchema),
});

/**
 * One day of the service's own health: requests, error rate, latency percentiles (ms), readiness checks.
 *
 * @example
 * ```ts
 * serviceDaySchema.parse(body.service[0]).p95Ms;
 * ```
 */
export const serviceDaySchema = z.object({
  day: z.string(),
  requests: z.int().nonnegative(),
  /** Share of 5xx answers, 0..1. */
  errorRate: z.number().min(0).max(1),
  p50Ms: z.number().nonnegative(),
  p95Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
  readyChecks: z.int().nonnegative(),
  readyFailures: z.int().nonnegative(),
});

/**
 * The last reachability probe of a resource's access URL.
 *
 * @example
 * ```ts
 * resourceProbeSchema.parse({ resourceId: 'ark:/1/x', at: '2026-10-05T08:00:00Z', ok: false, error: 'timeout' });
 * ```
 */
export const resourceProbeSchema = z.object({
  resourceId: z.string(),
  at: z.string(),
  ok: z.boolean(),
  /** HTTP status when an answer came, absent on timeout or network failure. */
  status: z.int().optional(),
  latencyMs: z.number().nonnegative().optional(),
  error: z.enum(['timeout', 'network', 'status']).optional(),
});

/**
 * Answer of `GET /api/v1/schools/{uai}/stats/quality`: whether resources and the service worked, so that a manager can
 * tell "the resource is down" from "no one used it".
 *
 * @example
 * ```ts
 * const q = qualitySchema.parse(await res.json());
 * q.probes.find((p) => !p.ok); q.service.at(-1)?.p95Ms;
 * ```
 */
export const qualitySchema = z.object({
  uai: z.string(),
  month: z.string(),
  handoffs: z.array(handoffDaySchema),
  service: z.array(serviceDaySchema),
  probes: z.array(resourceProbeSchema),
  generatedAt: z.string(),
});
/** Quality of service. */
export type QualityStats = z.infer<typeof qualitySchema>;

/**
 * Dimensions of the national aggregates.
 *
 * @example
 * ```ts
 * nationalDimensionSchema.parse('academie');
 * ```
 */
export const nationalDimensionSchema = z.enum(['academie', 'profile', 'degree']);

/**
 * Query of `GET /api/v1/admin/stats/national` (operator only).
 *
 * @example
 * ```ts
 * nationalStatsQuerySchema.parse({ year: '2026-2027', by: 'academie', format: 'csv' });
 * ```
 */
export const nationalStatsQuerySchema = z.strictObject({
  year: schoolYearSchema,
  by: nationalDimensionSchema.default('academie'),
  format: z.enum(['json', 'csv']).default('json'),
});
/** The national query. */
export type NationalStatsQuery = z.input<typeof nationalStatsQuerySchema>;

/**
 * Answer of `GET /api/v1/admin/stats/national`: accesses and distinct people per académie, profile or degree
 * (`1d` primary, `2d` secondary) and month of the school year, under the same disclosure control.
 *
 * @example
 * ```ts
 * const n = nationalStatsSchema.parse(await res.json());
 * n.table.rows.map((r) => r.key);
 * ```
 */
export const nationalStatsSchema = z.object({
  year: z.string(),
  by: nationalDimensionSchema,
  table: statsTableSchema,
  generatedAt: z.string(),
});
/** National aggregates. */
export type NationalStats = z.infer<typeof nationalStatsSchema>;
