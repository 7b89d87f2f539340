import type { KeyManager } from '../keys/create-key-manager.js';
import type { Store } from '../store/types.js';

/** The lease the purge of expired tickets takes. */
export const PURGE_LEASE = 'purge.expired';

/** Options of {@link startScheduledJobs}. */
export interface ScheduledJobsOptions {
  store: Store;
  keys: KeyManager;
  clock?: { now(): Date };
  /** How often the jobs run (default 1 hour for key rotation, 5 minutes for the purge). */
  rotationEveryMs?: number;
  purgeEveryMs?: number;
  /** This instance's name in leases. */
  holder?: string;
  /** Told when a job fails (the next run retries). */
  onError?: (job: string, error: unknown) => void;
}

/**
 * Runs the service's periodic jobs inside `serve`: key rotation (`maybeRotate`, under its lease) and the purge of
 * expired tickets, replay keys and rate-limit windows (under the `purge.expired` lease), so that several instances
 * never run one twice.
 *
 * @example
 * ```ts
 * const jobs = startScheduledJobs({ store, keys });
 * await jobs.stop();
 * ```
 */
export function startScheduledJobs(options: ScheduledJobsOptions): { stop(): Promise<void> } {
  const clock = options.clock ?? { now: () => new Date() };
  const holder = options.holder ?? `jobs-${crypto.randomUUID()}`;
  const running = new Set<Promise<unknown>>();
  const track = (job: string, fn: () => Promise<unknown>): void => {
    const p = fn().catch((e: unknown) => options.onError?.(job, e));
    running.add(p);
    void p.finally(() => running.delete(p));
  };
  const purge = async (): Promise<void> => {
    const now = clock.now();
    const until = new Date(now.getTime() + 60_000).toISOString();
    if (!(await options.store.acquireLease(PURGE_LEASE, holder, until, now.toISOString()))) return;
    try {
      await options.store.purgeExpired(now.toISOString());
    } finally {
      await options.store.releaseLease(PURGE_LEASE, holder);
    }
  };
  const timers = [
    setInterval(() => track('keys.rotation', () => options.keys.maybeRotate()), options.rotationEveryMs ?? 3_600_000),
    setInterval(() => track(PURGE_LEASE, purge), options.purgeEveryMs ?? 300_000),
  ];
  for (const t of timers) t.unref();
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
