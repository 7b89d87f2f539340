import type { Store } from '../store/types.js';
import { createMailWorker, type MailWorker } from './mail-worker.js';
import { enqueueDigests, type NotifyOptions } from './notify.js';
import { scanAlerts, type AlertOptions } from './scan-alerts.js';

/** Leases of the notification jobs (one instance runs each at a time). */
export const ALERTS_LEASE = 'notifications.alerts';
export const DIGEST_LEASE = 'notifications.digest';
export const ERASURE_LEASE = 'directory.erasure';

/** Options of {@link startNotificationJobs}. */
export interface NotificationJobsOptions extends NotifyOptions, Pick<AlertOptions, 'staleFeedDays' | 'onStaleFeed'> {
  store: Store;
  /** `smtp://…`; without it, e-mails wait in the outbox (the console still shows every notification). */
  smtpUrl?: string;
  from?: string;
  clock?: { now(): Date };
  holder?: string;
  /** Erases departed people past their grace period (the service's `eraseDeparted`). */
  erase?: () => Promise<number>;
  /** Hour (UTC) the daily digest goes out (default 6). */
  digestHourUtc?: number;
  everyMs?: number;
  /** Delay of the first run after start (default 5 s, or `everyMs` when shorter), so a restart does not wait a period. */
  firstRunMs?: number;
  onError?: (job: string, error: unknown) => void;
}

/**
 * Runs the notification jobs inside `serve`, each under its lease: alerts (new subscriptions, end dates, pools), the
 * daily digest (or nothing to do in `immediate` mode), the outbox worker, and the erasure of departed people.
 *
 * @example
 * ```ts
 * const jobs = startNotificationJobs({ store, smtpUrl: 'smtp://127.0.0.1:25', mode: 'digest', erase: () => service.feeds.eraseDeparted(system) });
 * await jobs.stop();
 * ```
 */
export function startNotificationJobs(options: NotificationJobsOptions): { stop(): Promise<void> } {
  const clock = options.clock ?? { now: () => new Date() };
  const holder = options.holder ?? `notify-${crypto.randomUUID()}`;
  const worker: MailWorker | undefined = options.smtpUrl
    ? createMailWorker({
        store: options.store,
        smtp: options.smtpUrl,
        from: options.from ?? 'GAR <no-reply@opengar.invalid>',
        clock,
        holder,
      })
    : undefined;
  const running = new Set<Promise<unknown>>();
  const leased = (name: string, fn: () => Promise<unknown>) => async () => {
    const now = clock.now();
    if (
      !(await options.store.acquireLease(
        name,
        holder,
        new Date(now.getTime() + 300_000).toISOString(),
        now.toISOString(),
      ))
    )
      return;
    try {
      await fn();
    } finally {
      await options.store.releaseLease(name, holder);
    }
  };
  const jobs: [string, () => Promise<unknown>][] = [
    [ALERTS_LEASE, leased(ALERTS_LEASE, () => scanAlerts(options.store, { ...options, at: clock.now() }))],
    [
      DIGEST_LEASE,
      leased(DIGEST_LEASE, async () => {
        const now = clock.now();
        if (options.mode === 'immediate' || now.getUTCHours() !== (options.digestHourUtc ?? 6)) return;
        await options.store.transaction((tx) => enqueueDigests(tx, { ...options, at: now }));
      }),
    ],
    ...(options.erase
      ? [[ERASURE_LEASE, leased(ERASURE_LEASE, options.erase)] as [string, () => Promise<unknown>]]
      : []),
  ];
  const guarded = (name: string, job: () => Promise<unknown>) =>
    job().catch((e: unknown) => options.onError?.(name, e));
  // The outbox worker runs after the jobs that fill it, so what one run enqueues leaves in the same run.
  const runOnce = async () => {
    await Promise.all(jobs.map(([name, job]) => guarded(name, job)));
    if (worker) await guarded('mail', () => worker.runOnce());
  };
  const tick = () => {
    const p = runOnce();
    running.add(p);
    void p.finally(() => running.delete(p));
  };
  const everyMs = options.everyMs ?? 60_000;
  const first = setTimeout(tick, Math.min(options.firstRunMs ?? 5_000, everyMs));
  first.unref();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await Promise.allSettled([...running]);
      worker?.close();
    },
  };
}
