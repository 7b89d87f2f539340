import { band, qualityQuerySchema, type QualityStats } from '@opengar/core';
import { requireSchoolRole } from '../allocation/allocation-access.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import type { Actor } from '../kernel/types.js';
import { LATENCY_BOUNDS_MS, type ServiceDay } from '../store/types-stats.js';
import { addMonths, monthOf } from '@opengar/core';
import { STATS_K } from './school-stats.js';

/**
 * A latency percentile (ms) read from a day's histogram: the upper bound of the bucket holding it (the last bound for
 * the open bucket), 0 without requests.
 *
 * @example
 * ```ts
 * percentile([0, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5); // 10
 * ```
 */
export function percentile(buckets: readonly number[], q: number): number {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i]!;
    if (seen >= rank) return LATENCY_BOUNDS_MS[Math.min(i, LATENCY_BOUNDS_MS.length - 1)]!;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
}

const serviceView = (d: ServiceDay) => ({
  day: d.day,
  requests: d.requests,
  errorRate: d.requests === 0 ? 0 : d.errors / d.requests,
  p50Ms: percentile(d.latencyBuckets, 0.5),
  p95Ms: percentile(d.latencyBuckets, 0.95),
  p99Ms: percentile(d.latencyBuckets, 0.99),
  readyChecks: d.readyChecks,
  readyFailures: d.readyFailures,
});

/** Quality of service as a school's managers see it. */
export function qualityUseCases(ctx: ServiceContext) {
  // The statistics read from the replica when there is one (`reads`); who calls is checked on the primary.
  const { store: primary, clock } = ctx;
  const store = ctx.reads ?? primary;
  return {
    /**
     * Hand-off successes and refusals (per reason) per resource and day, the service's own health per day, and the
     * last reachability probe of the school's resources, for one month: "the resource is down" versus "no one used
     * it". Counts of attempts below k are banded.
     *
     * @example
     * ```ts
     * const q = await service.stats.quality(head, '0561641E', { month: '2026-10' });
     * ```
     */
    async getQualityStats(actor: Actor, uai: string, query: unknown): Promise<QualityStats> {
      await requireSchoolRole(primary, actor, uai);
      const q = validate(qualityQuerySchema, query, 'query');
      const now = clock.now();
      const month = q.month ?? monthOf(now);
      const from = `${month}-01`;
      const to = `${addMonths(month, 1)}-01`;
      const days = new Map<string, QualityStats['handoffs'][number]>();
      for (const d of await store.listHandoffDays({ uai, from, to })) {
        const k = `${d.day}\u0000${d.resourceId}`;
        let row = days.get(k);
        if (!row) {
          row = { day: d.day, resourceId: d.resourceId, successes: 0, refusals: {} };
          days.set(k, row);
        }
        if (d.outcome === 'success') row.successes = band(d.count, STATS_K);
        else row.refusals[d.reason || 'unknown'] = band(d.count, STATS_K);
      }
      const resourceIds = [...new Set((await store.listSubscriptions({ uai })).map((s) => s.resourceId))];
      return {
        uai,
        month,
        handoffs: [...days.values()],
        service: (await store.listServiceDays({ from, to })).map(serviceView),
        probes: resourceIds.length === 0 ? [] : await store.listResourceProbes({ resourceIds }),
        generatedAt: now.toISOString(),
      };
    },
  };
}
