import type { ServiceContext } from '../kernel/context.js';
import { nationalStatsUseCases } from './national-stats.js';
import { qualityUseCases } from './quality-stats.js';
import { schoolStatsUseCases } from './school-stats.js';
import { createServiceMetrics } from './service-metrics.js';

/**
 * The statistics use cases the service spreads in: school statistics (usage, allocations, unused, quality), national
 * aggregates, the archive of a closing year, and the service's own health metrics.
 *
 * @example
 * ```ts
 * const stats = statsUseCases(ctx);
 * await stats.getSchoolStats(head, '0561641E', { period: '2026-10' });
 * ```
 */
export function statsUseCases(ctx: ServiceContext) {
  const serviceMetrics = createServiceMetrics({ clock: ctx.clock });
  return {
    ...schoolStatsUseCases(ctx),
    ...qualityUseCases(ctx),
    ...nationalStatsUseCases(ctx),
    /** The service's health counters: the HTTP app records every answer; a scheduled job flushes them to the store. */
    serviceMetrics,
  };
}
