import type { Store } from '../store/types.js';
import { monthOf, addMonths, monthsOfYear, isMonth } from '@opengar/core';

/** Lease names of the statistics jobs. */
export const STATS_LEASES = {
  aggregation: 'stats.aggregation',
  retention: 'stats.retention',
  probes: 'stats.probes',
} as const;

/** What every statistics job needs. */
export interface StatsJobOptions {
  store: Store;
  clock: { now(): Date };
  /** This instance's name in leases. */
  holder: string;
  /** How long the lease is held (default 5 minutes). */
  leaseMs?: number;
}

async function leased<T>(o: StatsJobOptions, name: string, fn: () => Promise<T>): Promise<T | undefined> {
  const now = o.clock.now();
  const until = new Date(now.getTime() + (o.leaseMs ?? 300_000)).toISOString();
  if (!(await o.store.acquireLease(name, o.holder, until, now.toISOString()))) return undefined;
  try {
    return await fn();
  } finally {
    await o.store.releaseLease(name, o.holder);
  }
}

/**
 * Folds new hand-off events into the statistics counters, batch by batch (each batch one transaction), under the
 * `stats.aggregation` lease. Returns how many events it folded, or `undefined` when another instance holds the lease.
 *
 * @example
 * ```ts
 * await runStatsAggregation({ store, clock, holder: 'instance-1' }); // 1234
 * ```
 */
export async function runStatsAggregation(
  o: StatsJobOptions & { batch?: number; maxBatches?: number },
): Promise<number | undefined> {
  return leased(o, STATS_LEASES.aggregation, async () => {
    let total = 0;
    for (let i = 0; i < (o.maxBatches ?? 1000); i++) {
      const n = await o.store.aggregateHandoffEvents(o.batch ?? 5000);
      total += n;
      if (n === 0) break;
    }
    return total;
  });
}

/**
 * The instant 13 months before `now` (same day and time of the month, clamped to the month's length).
 *
 * @example
 * ```ts
 * retentionCutoff(new Date('2027-11-20T00:00:00Z')).toISOString(); // '2026-10-20T00:00:00.000Z'
 * ```
 */
export function retentionCutoff(now: Date): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 13);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * Retention, under the `stats.retention` lease: folds pending events, deletes raw hand-off events older than
 * 13 months (aggregates stay), and forgets the pseudonym sets of periods that ended before last month (their counters
 * are final). Returns what went, or `undefined` when another instance holds the lease.
 *
 * @example
 * ```ts
 * await runStatsRetention({ store, clock, holder: 'instance-1' }); // { events: 120, pseudonymSets: 40 }
 * ```
 */
export async function runStatsRetention(
  o: StatsJobOptions,
): Promise<{ events: number; pseudonymSets: number } | undefined> {
  return leased(o, STATS_LEASES.retention, async () => {
    for (let i = 0; i < 1000 && (await o.store.aggregateHandoffEvents(5000)) > 0; i++);
    const now = o.clock.now();
    const events = await o.store.deleteHandoffEventsBefore(retentionCutoff(now).toISOString());
    const open = addMonths(monthOf(now), -1);
    const closed = (await o.store.listStatsPeoplePeriods()).filter(
      (p) => (isMonth(p) ? p : monthsOfYear(p).at(-1)!) < open,
    );
    const pseudonymSets = closed.length === 0 ? 0 : await o.store.purgeStatsPeople(closed);
    return { events, pseudonymSets };
  });
}

/** Options of {@link runResourceProbes}. */
export interface ProbeOptions extends StatsJobOptions {
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** Per-probe timeout (default 5 s). */
  timeoutMs?: number;
  /** Which access URLs may be probed (default every one); tests allow loopback only. */
  allowUrl?: (url: URL) => boolean;
  /** A monotonic clock in ms for latencies (default `performance.now`). */
  monotonic?: () => number;
}

/**
 * Probes each resource's access URL (a `HEAD` request, redirects not followed, with a timeout) under the
 * `stats.probes` lease and records the last result: any answer below 500 counts as reachable. Returns how many
 * resources it probed, or `undefined` when another instance holds the lease.
 *
 * @example
 * ```ts
 * await runResourceProbes({ store, clock, holder: 'instance-1', timeoutMs: 3000 });
 * ```
 */
export async function runResourceProbes(o: ProbeOptions): Promise<number | undefined> {
  const doFetch = o.fetch ?? fetch;
  const mono = o.monotonic ?? (() => performance.now());
  return leased(o, STATS_LEASES.probes, async () => {
    let n = 0;
    for (const r of await o.store.listResources()) {
      let url: URL;
      try {
        url = new URL(r.accessUrl);
      } catch {
        continue;
      }
      if (o.allowUrl && !o.allowUrl(url)) continue;
      const at = o.clock.now().toISOString();
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), o.timeoutMs ?? 5000);
      const started = mono();
      try {
        const res = await doFetch(url, { method: 'HEAD', redirect: 'manual', signal: controller.signal });
        await res.body?.cancel();
        const latencyMs = Math.max(0, mono() - started);
        const ok = res.status < 500;
        await o.store.putResourceProbe({
          resourceId: r.id,
          at,
          ok,
          status: res.status,
          latencyMs,
          ...(ok ? {} : { error: 'status' as const }),
        });
      } catch {
        await o.store.putResourceProbe({
          resourceId: r.id,
          at,
          ok: false,
          error: controller.signal.aborted ? 'timeout' : 'network',
        });
      } finally {
        clearTimeout(timer);
      }
      n++;
    }
    return n;
  });
}
