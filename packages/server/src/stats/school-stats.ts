import {
  AUDIENCES,
  band,
  protectTable,
  schoolStatsQuerySchema,
  statsYearQuerySchema,
  type AllocationStats,
  type SchoolStats,
  type StatsDimension,
  type StatsTable,
  type UnusedStats,
} from '@opengar/core';
import { requireSchoolRole } from '../allocation/allocation-access.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { invalid } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import type { StoreOps } from '../store/types.js';
import { isMonth, monthOf, monthsOfYear, statsYearOfMonth } from '@opengar/core';
import { labelled, monthOfYearTable, protectYear } from './stats-tables.js';

/** Threshold of distinct people (GAR-REFERENCE.md, Statistics). */
export const STATS_K = 5;

const PROFILE_LABELS: Record<string, string> = {
  National_elv: 'Élèves',
  National_ens: 'Enseignants',
  National_doc: 'Documentalistes',
  National_dir: 'Personnels de direction',
  National_etd: 'Personnels administratifs',
  National_evs: 'Vie scolaire',
  National_tut: 'Responsables',
  '-': 'Sans division',
};

/** Labels of the keys of a dimension at a school: resource names, division labels, profile names. */
export async function keyLabels(
  store: StoreOps,
  uai: string,
  by: StatsDimension,
  keys: readonly string[],
): Promise<(key: string) => string> {
  const map = new Map<string, string>();
  if (by === 'resource') for (const r of await store.listResources({ ids: keys })) map.set(r.id, r.name);
  if (by === 'division') for (const g of await store.listGroups(uai)) map.set(g.code, g.label || g.code);
  return (key) => map.get(key) ?? PROFILE_LABELS[key] ?? key;
}

/**
 * The protected table of a school year (rows × its months so far, the year as row totals), from the frozen archive
 * when the rollover archived the year, else from the counters.
 */
export async function schoolYearTable(
  ctx: ServiceContext,
  uai: string,
  year: string,
  by: StatsDimension,
): Promise<StatsTable> {
  const archived = await ctx.store.getStatsArchive(uai, year, by);
  if (archived) return archived.table as StatsTable;
  const current = monthOf(ctx.clock.now());
  const months = monthsOfYear(year).filter((m) => m <= current);
  const counters = await ctx.store.listStatsCounters({
    scope: uai,
    dimensions: [by, 'all'],
    periods: [...months, year],
  });
  const table = protectYear(counters, { dimension: by, months, year, k: STATS_K });
  return labelled(table, await keyLabels(ctx.store, uai, by, table.rows));
}

/** Usage statistics of a school for its managers and delegates. */
export function schoolStatsUseCases(ctx: ServiceContext) {
  // The statistics read from the replica when there is one (`reads`); who calls is checked on the primary.
  const { store: primary, clock } = ctx;
  const store = ctx.reads ?? primary;
  return {
    /**
     * Accesses and distinct people of a school on the fixed grid (a month or a school year), by resource, profile or
     * division, under disclosure control: a month is cut from its year's jointly protected table.
     *
     * @example
     * ```ts
     * const s = await service.stats.school(head, '0561641E', { period: '2026-2027', by: 'resource' });
     * ```
     * @throws {@link GarServiceError} `forbidden`, `not-found`, `validation` (also for a period after the current month).
     */
    async getSchoolStats(actor: Actor, uai: string, query: unknown): Promise<SchoolStats> {
      await requireSchoolRole(primary, actor, uai);
      const q = validate(schoolStatsQuerySchema, query, 'query');
      const now = clock.now();
      const year = isMonth(q.period) ? statsYearOfMonth(q.period) : q.period;
      const first = isMonth(q.period) ? q.period : monthsOfYear(year)[0]!;
      if (first > monthOf(now)) throw invalid('/period', 'too_big', 'the period has not begun');
      const table = await schoolYearTable({ ...ctx, store }, uai, year, q.by);
      const out = isMonth(q.period)
        ? { ...monthOfYearTable({ ...table, rows: table.rows.map((r) => r.key) }, q.period), rows: table.rows }
        : table;
      return { uai, period: q.period, schoolYear: year, by: q.by, table: out, generatedAt: now.toISOString() };
    },

    /**
     * Copies allocated and copies used (opened at least once) per subscription and audience, under disclosure control
     * (a copy is one person). The current allocations; `year` may only name the current school year.
     *
     * @example
     * ```ts
     * const a = await service.stats.allocations(head, '0561641E', {});
     * ```
     */
    async getAllocationStats(actor: Actor, uai: string, query: unknown): Promise<AllocationStats> {
      await requireSchoolRole(primary, actor, uai);
      const now = clock.now();
      const year = currentYear(query, now);
      const subs = (await store.listSubscriptions({ uai })).sort((a, b) => a.id.localeCompare(b.id));
      const allocated: number[][] = [];
      const used: number[][] = [];
      for (const s of subs) {
        const copies = await store.listCopies({ subscriptionId: s.id });
        allocated.push(AUDIENCES.map((a) => copies.filter((c) => c.audience === a).length));
        used.push(AUDIENCES.map((a) => copies.filter((c) => c.audience === a && c.firstOpenedAt !== undefined).length));
      }
      const rows = subs.map((s) => ({ key: s.id, label: s.resourceLabel }));
      const protect = (counts: number[][]): StatsTable => {
        const t = protectTable(
          {
            rows: rows.map((r) => r.key),
            columns: [...AUDIENCES],
            cells: counts.map((row) => row.map((n) => ({ accesses: n, people: n }))),
          },
          { k: STATS_K },
        );
        return { ...t, rows };
      };
      return {
        uai,
        schoolYear: year,
        allocated: protect(allocated),
        used: protect(used),
        generatedAt: now.toISOString(),
      };
    },

    /**
     * Subscriptions whose copies nobody opened, and those opened by fewer than k people: bands, never small counts.
     *
     * @example
     * ```ts
     * const u = await service.stats.unused(head, '0561641E', {});
     * u.openedByFew.map((x) => x.resourceLabel);
     * ```
     */
    async getUnusedStats(actor: Actor, uai: string, query: unknown): Promise<UnusedStats> {
      await requireSchoolRole(primary, actor, uai);
      const now = clock.now();
      const year = currentYear(query, now);
      const out: UnusedStats = {
        uai,
        schoolYear: year,
        k: STATS_K,
        neverOpened: [],
        openedByFew: [],
        generatedAt: now.toISOString(),
      };
      for (const s of (await store.listSubscriptions({ uai })).sort((a, b) => a.id.localeCompare(b.id))) {
        const copies = await store.listCopies({ subscriptionId: s.id });
        if (copies.length === 0) continue;
        const opened = copies.filter((c) => c.firstOpenedAt !== undefined).length;
        const ref = {
          subscriptionId: s.id,
          resourceId: s.resourceId,
          resourceLabel: s.resourceLabel,
          allocatedCopies: band(copies.length, STATS_K),
        };
        if (opened === 0) out.neverOpened.push(ref);
        else if (opened < STATS_K) out.openedByFew.push({ ...ref, people: `<${STATS_K}` });
      }
      return out;
    },
  };
}

function currentYear(query: unknown, now: Date): string {
  const q = validate(statsYearQuerySchema, query, 'query');
  const year = statsYearOfMonth(monthOf(now));
  if (q.year !== undefined && q.year !== year) throw invalid('/year', 'invalid_value', 'only the current school year');
  return year;
}
