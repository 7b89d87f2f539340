import type { AllocationStats, QualityStats, SchoolStats, UnusedStats } from '@opengar/core';
import type { StatsBreakdown, StatsTab } from './localize/translation.js';
import { parsePeriod, schoolYear, schoolYearStart, schoolYearStartOf } from './period-grid.js';
import {
  isAllocationStats,
  isQualityStats,
  isSchoolStats,
  isUnusedStats,
  type UsageStatsSource,
} from './stats-source.js';
import { monthFor } from './stats-toolbar.js';

/** What one view asks of the service. */
export interface ViewRequest {
  tab: StatsTab;
  /** A period on the grid (already normalised). */
  period: string;
  by: StatsBreakdown;
  now: Date;
}

/** What a view got: its figures, and resource names when the answer carries them. */
export type LoadedView =
  | { tab: 'usage'; usage: SchoolStats; names?: Map<string, string> }
  | { tab: 'unused'; unused: UnusedStats; allocations?: AllocationStats }
  | { tab: 'quality'; quality: QualityStats; names?: Map<string, string> };

/** The person manages no school: the element shows its refusal. */
export class NotAManagerError extends Error {
  constructor() {
    super('not a manager of any school');
    this.name = 'NotAManagerError';
  }
}

const namesOf = (s: SchoolStats) => new Map(s.table.rows.map((r) => [r.key, r.label]));

/** The exact calls a request makes (a change of key means a new load). */
export function requestKey(uai: string, r: ViewRequest): string {
  // Allocation lists exist for the current school year only; quality for one month.
  const what =
    r.tab === 'usage'
      ? `${r.period}|${r.by}`
      : r.tab === 'unused'
        ? schoolYear(schoolYearStart(r.now))
        : monthFor(r.period, r.now);
  return `${uai}|${r.tab}|${what}`;
}

/** The first school the person manages, or {@link NotAManagerError}. */
export async function firstManagedSchool(source: UsageStatsSource, signal: AbortSignal): Promise<string> {
  const first = (await source.schools({ signal }))[0]?.uai;
  if (!first) throw new NotAManagerError();
  return first;
}

/** Loads what a view shows; answers that are not what the service promises are refused (`TypeError`). */
export async function loadView(
  source: UsageStatsSource,
  uai: string,
  r: ViewRequest,
  signal: AbortSignal,
): Promise<LoadedView> {
  const unexpected = () => new TypeError('unexpected statistics');
  if (r.tab === 'usage') {
    const usage = await source.usage(uai, r.period, r.by, { signal });
    if (!isSchoolStats(usage)) throw unexpected();
    return { tab: 'usage', usage, ...(usage.by === 'resource' ? { names: namesOf(usage) } : {}) };
  }
  if (r.tab === 'unused') {
    const year = schoolYear(schoolYearStart(r.now));
    const [unused, allocations] = await Promise.all([
      source.unused(uai, year, { signal }),
      source.allocations?.(uai, year, { signal }).catch(() => undefined),
    ]);
    if (!isUnusedStats(unused)) throw unexpected();
    return { tab: 'unused', unused, ...(isAllocationStats(allocations) ? { allocations } : {}) };
  }
  // Names of the resources (and those nobody opened) come from the year's usage by resource.
  const year = schoolYear(schoolYearStartOf(parsePeriod(r.period) ?? { kind: 'year', start: schoolYearStart(r.now) }));
  const [quality, named] = await Promise.all([
    source.quality(uai, monthFor(r.period, r.now), { signal }),
    source.usage(uai, year, 'resource', { signal }).catch(() => undefined),
  ]);
  if (!isQualityStats(quality)) throw unexpected();
  return { tab: 'quality', quality, ...(isSchoolStats(named) ? { names: namesOf(named) } : {}) };
}
