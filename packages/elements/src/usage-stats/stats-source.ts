import type { AllocationStats, QualityStats, SchoolStats, UnusedStats } from '@opengar/core';
import { consoleOf, statsOf, type CallOptions, type GarMediacentreClient } from '@opengar/sdk';
import type { StatsBreakdown } from './localize/translation.js';
import { isStatsTable } from './published-figures.js';

/** What `<gar-usage-stats>` reads from the service. */
export interface UsageStatsSource {
  /** The schools the person manages (the first is shown when no `uai` is given). */
  schools(options?: CallOptions): Promise<{ uai: string; name?: string }[]>;
  usage(uai: string, period: string, by: StatsBreakdown, options?: CallOptions): Promise<SchoolStats>;
  unused(uai: string, year: string, options?: CallOptions): Promise<UnusedStats>;
  /** Copies allocated and used; optional (the lists show without it). */
  allocations?(uai: string, year: string, options?: CallOptions): Promise<AllocationStats>;
  quality(uai: string, month: string, options?: CallOptions): Promise<QualityStats>;
}

/** The answer is a usage table the element can show (checked: it comes from the network). */
export function isSchoolStats(v: unknown): v is SchoolStats {
  return typeof v === 'object' && v !== null && isStatsTable((v as SchoolStats).table);
}

/** The answer has both lists. */
export function isUnusedStats(v: unknown): v is UnusedStats {
  const u = v as UnusedStats;
  return (
    typeof u === 'object' &&
    u !== null &&
    Number.isInteger(u.k) &&
    u.k > 0 &&
    Array.isArray(u.neverOpened) &&
    Array.isArray(u.openedByFew)
  );
}

/** The answer has both protected tables. */
export function isAllocationStats(v: unknown): v is AllocationStats {
  const a = v as AllocationStats;
  return typeof a === 'object' && a !== null && isStatsTable(a.allocated) && isStatsTable(a.used);
}

/** The answer has days, service health and probes. */
export function isQualityStats(v: unknown): v is QualityStats {
  const q = v as QualityStats;
  return (
    typeof q === 'object' &&
    q !== null &&
    Array.isArray(q.handoffs) &&
    Array.isArray(q.service) &&
    Array.isArray(q.probes)
  );
}

/** The element's reads through the SDK's statistics and console calls. */
export function statsSource(client: GarMediacentreClient): UsageStatsSource {
  return {
    schools: (o) => consoleOf(client).schools(o),
    usage: (uai, period, by, o) => statsOf(client).school(uai, { period, by }, o),
    unused: (uai, year, o) => statsOf(client).unused(uai, { ...o, year }),
    allocations: (uai, year, o) => statsOf(client).allocations(uai, { ...o, year }),
    quality: (uai, month, o) => statsOf(client).quality(uai, { ...o, month }),
  };
}
