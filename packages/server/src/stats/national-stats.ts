import { nationalStatsQuerySchema, type NationalStats, type StatsDimension, type StatsTable } from '@opengar/core';
import { validate, type ServiceContext } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import type { StoreOps } from '../store/types.js';
import { NATIONAL_SCOPE } from '../store/types-stats.js';
import { monthOf, monthsOfYear } from '@opengar/core';
import { labelled, protectYear } from './stats-tables.js';
import { keyLabels, STATS_K } from './school-stats.js';

const DEGREES: Record<string, string> = { '1D': 'Premier degré', '2D': 'Second degré', '-': 'Non renseigné' };

async function nationalTable(
  store: StoreOps,
  now: Date,
  year: string,
  by: 'academie' | 'profile' | 'degree',
  allMonths = false,
): Promise<StatsTable> {
  const archived = await store.getStatsArchive(NATIONAL_SCOPE, year, by);
  if (archived) return archived.table as StatsTable;
  const current = monthOf(now);
  const months = monthsOfYear(year).filter((m) => allMonths || m <= current);
  const counters = await store.listStatsCounters({
    scope: NATIONAL_SCOPE,
    dimensions: [by, 'all'],
    periods: [...months, year],
  });
  const table = protectYear(counters, { dimension: by, months, year, k: STATS_K });
  const academies = new Map<string, string>();
  if (by === 'academie')
    for (const s of await store.listSchools()) if (s.academie) academies.set(s.academie, s.academieLabel ?? s.academie);
  const profiles = await keyLabels(store, '', 'profile', []);
  return labelled(table, (k) =>
    by === 'academie' ? (academies.get(k) ?? k) : by === 'degree' ? (DEGREES[k] ?? k) : profiles(k),
  );
}

/** National and académie aggregates (operator only) and the archive of a closing school year. */
export function nationalStatsUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;
  return {
    /**
     * Accesses and distinct people per académie, profile or degree and month of a school year, like the ministry's
     * open data, under the same disclosure control. Operators only.
     *
     * @example
     * ```ts
     * const n = await service.stats.national(operator, { year: '2026-2027', by: 'academie' });
     * ```
     * @throws {@link GarServiceError} `forbidden` for anyone but an operator, `validation`.
     */
    async getNationalStats(actor: Actor, query: unknown): Promise<NationalStats> {
      if (actor.kind !== 'operator') throw new GarServiceError('forbidden', 'operators only');
      const q = validate(nationalStatsQuerySchema, query, 'query');
      return {
        year: q.year,
        by: q.by,
        table: await nationalTable(ctx.reads ?? store, clock.now(), q.year, q.by),
        generatedAt: clock.now().toISOString(),
      };
    },

    /**
     * Freezes the protected tables of a closing school year (every school × resource/profile/division, and the
     * national ones), in one transaction, then forgets the year's pseudonym sets: later answers for that year read
     * the frozen tables, which never change. The rollover calls it for the year that closes.
     *
     * @example
     * ```ts
     * await service.stats.archiveSchoolYear('2026-2027'); // { tables: 3 × schools + 3 }
     * ```
     */
    async archiveSchoolYearStatistics(year: string): Promise<{ tables: number }> {
      const months = monthsOfYear(year);
      const archivedAt = clock.now().toISOString();
      return store.transaction(async (tx) => {
        let tables = 0;
        for (const school of await tx.listSchools()) {
          for (const by of ['resource', 'profile', 'division'] as StatsDimension[]) {
            const counters = await tx.listStatsCounters({
              scope: school.uai,
              dimensions: [by, 'all'],
              periods: [...months, year],
            });
            const table = labelled(
              protectYear(counters, { dimension: by, months, year, k: STATS_K }),
              await keyLabels(
                tx,
                school.uai,
                by,
                counters.map((c) => c.key),
              ),
            );
            await tx.putStatsArchive({ scope: school.uai, year, by, table, archivedAt });
            tables++;
          }
        }
        for (const by of ['academie', 'profile', 'degree'] as const) {
          await tx.putStatsArchive({
            scope: NATIONAL_SCOPE,
            year,
            by,
            table: await nationalTable(tx, clock.now(), year, by, true),
            archivedAt,
          });
          tables++;
        }
        await tx.purgeStatsPeople([...months, year]);
        return { tables };
      });
    },
  };
}
