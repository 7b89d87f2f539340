import { createTransport, type Transporter } from 'nodemailer';
import type { Store } from '../store/types.js';

/** The lease one instance takes to work the outbox. */
export const OUTBOX_LEASE = 'notifications.outbox';

/** Options of {@link createMailWorker}. */
export interface MailWorkerOptions {
  store: Store;
  /** `smtp://user:pass@host:port` (or `smtps://`), or a nodemailer transport (tests). */
  smtp: string | Transporter;
  /** The sender, e.g. `GAR <no-reply@gar.example>`. */
  from: string;
  /** The domain of Message-IDs (`<id@domain>`). */
  messageIdDomain?: string;
  clock?: { now(): Date };
  /** This instance's name in leases and claims. */
  holder?: string;
  /** How long a claim and the lease last (default 2 minutes). */
  leaseMs?: number;
  /** Messages per run (default 50). */
  batch?: number;
  /** Attempts before a message is marked `failed` (default 12: about a day with the backoff). */
  maxAttempts?: number;
  /** Delay before retry `n` (default 1 min × 2^(n-1), at most 4 h). */
  backoffMs?: (attempt: number) => number;
}

/** What one run did. */
export interface MailRunResult {
  sent: number;
  failed: number;
  /** `false` when another instance holds the outbox lease. */
  leased: boolean;
}

/**
 * The outbox worker: takes the outbox lease, claims due messages, sends each through SMTP with a stable Message-ID
 * (`<outbox-id@domain>`: a retry is recognisably the same message), marks it sent, or schedules a retry with backoff.
 * Delivery is at least once: a crash between sending and marking means one more delivery of the same Message-ID.
 * Node-only.
 *
 * @example
 * ```ts
 * const worker = createMailWorker({ store, smtp: 'smtp://127.0.0.1:2525', from: 'GAR <no-reply@gar.example>' });
 * await worker.runOnce();
 * ```
 */
export function createMailWorker(options: MailWorkerOptions) {
  const clock = options.clock ?? { now: () => new Date() };
  const holder = options.holder ?? `mail-${crypto.randomUUID()}`;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 12;
  const backoff = options.backoffMs ?? ((n: number) => Math.min(60_000 * 2 ** (n - 1), 4 * 3_600_000));
  const domain = options.messageIdDomain ?? 'opengar.invalid';
  const transport: Transporter = typeof options.smtp === 'string' ? createTransport(options.smtp) : options.smtp;

  return {
    holder,
    /** Works the outbox once. */
    async runOnce(): Promise<MailRunResult> {
      const now = clock.now();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      if (!(await options.store.acquireLease(OUTBOX_LEASE, holder, until, now.toISOString())))
        return { sent: 0, failed: 0, leased: false };
      let sent = 0;
      let failed = 0;
      try {
        const due = await options.store.claimOutbox({
          holder,
          now: now.toISOString(),
          until,
          limit: options.batch ?? 50,
        });
        for (const m of due) {
          try {
            await transport.sendMail({
              from: options.from,
              to: m.to,
              subject: m.subject,
              text: m.text,
              html: m.html,
              messageId: `<${m.id}@${domain}>`,
            });
            await options.store.markOutboxSent(m.id, holder, clock.now().toISOString());
            sent++;
          } catch (e) {
            failed++;
            const retryAt = new Date(clock.now().getTime() + backoff(m.attempts)).toISOString();
            const code = (e as { code?: unknown }).code;
            await options.store.markOutboxFailed(m.id, holder, {
              error: typeof code === 'string' ? code : e instanceof Error ? e.name : 'error',
              retryAt,
              giveUp: m.attempts >= maxAttempts,
            });
          }
        }
      } finally {
        await options.store.releaseLease(OUTBOX_LEASE, holder);
      }
      return { sent, failed, leased: true };
    },
    /** Closes the SMTP connections. */
    close(): void {
      transport.close();
    },
  };
}

/** A mail worker made by {@link createMailWorker}. */
export type MailWorker = ReturnType<typeof createMailWorker>;
