import type { Store } from '../store/types.js';
import type { ServiceMetrics } from './service-metrics.js';
import { runResourceProbes, runStatsAggregation, runStatsRetention, type ProbeOptions } from './stats-jobs.js';

/** Options of {@link startStatsJobs}. */
export interface StatsJobsOptions {
  store: Store;
  /** The service's health counters to flush (`service.stats.serviceMetrics`). */
  metrics?: ServiceMetrics;
  clock?: { now(): Date };
  /** This instance's name in leases. */
  holder?: string;
  /** Aggregation and metrics flush period (default 1 minute); retention (default 6 hours). */
  aggregateEveryMs?: number;
  /**
   * Also fold the events once as the jobs start (what `serve` does): figures written while the service was down, or
   * seeded, show at once rather than a period later.
   */
  aggregateAtStart?: boolean;
  retentionEveryMs?: number;
  /** Probes of access URLs: off unless a period is given. */
  probeEveryMs?: number;
  probe?: Pick<ProbeOptions, 'fetch' | 'timeoutMs' | 'allowUrl'>;
  /** Told when a job fails (the next run retries). */
  onError?: (job: string, error: unknown) => void;
}

/**
 * Runs the statistics jobs inside `serve`: folding new hand-off events into the counters and flushing the service's
 * health counters (every minute, and at start if asked), retention (every 6 hours), and, when asked, probes of the resources' access URLs;
 * each under its lease, so that several instances never run one twice.
 *
 * @example
 * ```ts
 * const jobs = startStatsJobs({ store, metrics: service.stats.serviceMetrics });
 * await jobs.stop();
 * ```
 */
export function startStatsJobs(options: StatsJobsOptions): { stop(): Promise<void> } {
  const clock = options.clock ?? { now: () => new Date() };
  const holder = options.holder ?? `stats-${crypto.randomUUID()}`;
  const base = { store: options.store, clock, holder };
  const running = new Set<Promise<unknown>>();
  const track = (job: string, fn: () => Promise<unknown>): void => {
    const p = fn().catch((e: unknown) => options.onError?.(job, e));
    running.add(p);
    void p.finally(() => running.delete(p));
  };
  const aggregate = () => track('stats.aggregation', () => runStatsAggregation(base));
  if (options.aggregateAtStart) aggregate();
  const timers = [
    setInterval(() => {
      aggregate();
      if (options.metrics) track('stats.metrics', () => options.metrics!.flush(options.store));
    }, options.aggregateEveryMs ?? 60_000),
    setInterval(
      () => track('stats.retention', () => runStatsRetention(base)),
      options.retentionEveryMs ?? 6 * 3_600_000,
    ),
  ];
  if (options.probeEveryMs !== undefined)
    timers.push(
      setInterval(
        () => track('stats.probes', () => runResourceProbes({ ...base, ...options.probe })),
        options.probeEveryMs,
      ),
    );
  for (const t of timers) (t as { unref?: () => void }).unref?.();
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
      if (options.metrics)
        await options.metrics.flush(options.store).catch((e: unknown) => options.onError?.('stats.metrics', e));
    },
  };
}
