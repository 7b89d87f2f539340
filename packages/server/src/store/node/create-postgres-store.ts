import type { Store } from '../types.js';
import { createPostgresDriver, type PostgresDriverOptions } from '../sql/postgres-driver.js';
import { createSqlStore } from '../sql/create-sql-store.js';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (usually `DATABASE_URL`). */
  url: string;
  /** Most connections of this instance's pool (10 by default; `--pg-pool-size`, `OPENGAR_PG_POOL_SIZE`). */
  maxConnections?: number;
  /**
   * Most callers waiting for a connection when all are taken (1,000 by default; `--pg-queue-limit`,
   * `OPENGAR_PG_QUEUE_LIMIT`); the next is refused at once with a `StoreBusyError` (HTTP 503 with `Retry-After`).
   */
  queueLimit?: number;
  /**
   * Longest wait for a connection, in milliseconds (30,000 by default; `--pg-queue-timeout`,
   * `OPENGAR_PG_QUEUE_TIMEOUT_MS`); then the caller gets a `StoreBusyError`.
   */
  queueTimeoutMs?: number;
  /** Apply pending migrations on open (default `true`; concurrent instances take turns on an advisory lock). */
  migrate?: boolean;
}

/**
 * A store on PostgreSQL through a connection pool: for several service instances sharing one database. Licence
 * consumption is safe across instances (`lockSubscription` is a row lock).
 *
 * @throws `TypeError` for a pool option that is not a whole number in range.
 * @throws `StoreError` `unavailable` when the database cannot be reached (the message never shows the URL).
 *
 * @example
 * ```ts
 * const store = await createPostgresStore({ url: process.env.DATABASE_URL!, maxConnections: 20, queueLimit: 2000 });
 * ```
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  for (const [name, value, least] of [
    ['maxConnections', options.maxConnections, 1],
    ['queueLimit', options.queueLimit, 0],
    ['queueTimeoutMs', options.queueTimeoutMs, 1],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= least))
      throw new TypeError(`${name} must be an integer ≥ ${least}`);
  }
  const driver: PostgresDriverOptions = { url: options.url };
  if (options.maxConnections !== undefined) driver.maxConnections = options.maxConnections;
  if (options.queueLimit !== undefined) driver.queueLimit = options.queueLimit;
  if (options.queueTimeoutMs !== undefined) driver.queueTimeoutMs = options.queueTimeoutMs;
  const store = createSqlStore(createPostgresDriver(driver));
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }
  return store;
}
