import { LATENCY_BOUNDS_MS, type ServiceDay } from '../store/types-stats.js';
import type { Store } from '../store/types.js';

/** Options of {@link createServiceMetrics}. */
export interface ServiceMetricsOptions {
  clock: { now(): Date };
}

/**
 * The service's own health, counted in memory per day (requests, 5xx answers, a latency histogram, `/readyz`
 * checks) and added to the store's daily rows by `flush` (a scheduled job). Browser-safe; nothing about the caller is
 * kept.
 *
 * @example
 * ```ts
 * const metrics = createServiceMetrics({ clock });
 * metrics.record({ path: '/api/v1/me/resources', status: 200, ms: 12 });
 * await metrics.flush(store);
 * ```
 */
export function createServiceMetrics(options: ServiceMetricsOptions) {
  let pending = new Map<string, ServiceDay>();
  const empty = (day: string): ServiceDay => ({
    day,
    requests: 0,
    errors: 0,
    latencyBuckets: new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0),
    readyChecks: 0,
    readyFailures: 0,
  });
  return {
    /** Counts one answered request. */
    record(r: { path: string; status: number; ms: number }): void {
      const day = options.clock.now().toISOString().slice(0, 10);
      let d = pending.get(day);
      if (!d) {
        d = empty(day);
        pending.set(day, d);
      }
      d.requests++;
      if (r.status >= 500) d.errors++;
      const i = LATENCY_BOUNDS_MS.findIndex((b) => r.ms < b);
      d.latencyBuckets[i < 0 ? LATENCY_BOUNDS_MS.length : i]!++;
      if (r.path === '/readyz') {
        d.readyChecks++;
        if (r.status !== 200) d.readyFailures++;
      }
    },
    /** Adds what was counted since the last flush to the store (kept for the next flush if the store fails). */
    async flush(store: Store): Promise<number> {
      const days = [...pending.values()];
      pending = new Map();
      let written = 0;
      for (const [i, d] of days.entries()) {
        try {
          await store.addServiceDay(d);
          written++;
        } catch (error) {
          for (const back of days.slice(i)) {
            const now = pending.get(back.day);
            pending.set(back.day, now ? merge(now, back) : back);
          }
          throw error;
        }
      }
      return written;
    },
  };
}

function merge(a: ServiceDay, b: ServiceDay): ServiceDay {
  return {
    day: a.day,
    requests: a.requests + b.requests,
    errors: a.errors + b.errors,
    latencyBuckets: a.latencyBuckets.map((x, i) => x + (b.latencyBuckets[i] ?? 0)),
    readyChecks: a.readyChecks + b.readyChecks,
    readyFailures: a.readyFailures + b.readyFailures,
  };
}

/** What {@link createServiceMetrics} makes. */
export type ServiceMetrics = ReturnType<typeof createServiceMetrics>;
