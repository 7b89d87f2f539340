import { PGlite } from '@electric-sql/pglite';
import { Mutex } from '../shared/mutex.js';
import type { SqlDriver, SqlQueryable } from './driver.js';

interface PgliteLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function queryable(db: PgliteLike): SqlQueryable {
  return {
    query: async (sql, params = []) => {
      const result = await db.query(sql, [...params]);
      return { rows: result.rows as Record<string, unknown>[], rowCount: result.affectedRows ?? 0 };
    },
    exec: async (sql) => {
      await db.exec(sql);
    },
  };
}

/**
 * A driver over PGlite (PostgreSQL compiled to WebAssembly, in this process). PGlite is one connection: every call
 * goes through one queue, and a transaction holds it from BEGIN to COMMIT, so a call made on the store while another
 * caller's transaction is open waits for it instead of running inside it.
 */
export async function createPgliteDriver(dataDir: string | undefined): Promise<SqlDriver> {
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  const queue = new Mutex();
  const direct = queryable(db);
  return {
    kind: 'pglite',
    query: (sql, params) => queue.run(() => direct.query(sql, params)),
    exec: (sql) => queue.run(() => direct.exec(sql)),
    transaction: (fn) => queue.run(() => db.transaction((tx) => fn(queryable(tx)))),
    close: () => queue.run(() => db.close()),
  };
}
