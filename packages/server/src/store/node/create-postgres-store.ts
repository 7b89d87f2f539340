import type { Store } from '../types.js';
import { createPostgresDriver } from '../sql/postgres-driver.js';
import { createSqlStore } from '../sql/create-sql-store.js';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (usually `DATABASE_URL`). */
  url: string;
  /** Most connections of this instance's pool (10 by default). */
  maxConnections?: number;
  /** Apply pending migrations on open (default `true`; concurrent instances take turns on an advisory lock). */
  migrate?: boolean;
}

/**
 * A store on PostgreSQL through a connection pool: for several service instances sharing one database. Licence
 * consumption is safe across instances (`lockSubscription` is a row lock).
 *
 * @throws `StoreError` `unavailable` when the database cannot be reached (the message never shows the URL).
 *
 * @example
 * ```ts
 * const store = await createPostgresStore({ url: process.env.DATABASE_URL! });
 * ```
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const store = createSqlStore(
    createPostgresDriver(
      options.maxConnections === undefined ? { url: options.url } : { url: options.url, maxConnections: options.maxConnections },
    ),
  );
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
