import pg from 'pg';
import type { SqlDriver, SqlQueryable } from './driver.js';

/** Options of {@link createPostgresDriver}. */
export interface PostgresDriverOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Most connections the pool opens (10 by default). */
  maxConnections?: number;
  /** How long to wait for a connection before failing, in milliseconds (5,000 by default). */
  connectTimeoutMs?: number;
}

function queryable(client: pg.Pool | pg.PoolClient): SqlQueryable {
  return {
    query: async (sql, params = []) => {
      const result = await client.query(sql, [...params]);
      return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
    },
    exec: async (sql) => {
      await client.query(sql);
    },
  };
}

/**
 * A driver over PostgreSQL through a `pg` pool. A transaction takes one client of the pool from BEGIN to COMMIT, so
 * its row locks (`SELECT … FOR UPDATE`) hold against every other client, in this process or any other instance.
 */
export function createPostgresDriver(options: PostgresDriverOptions): SqlDriver {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
  });
  // An idle client losing its connection (server restart) must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  const direct = queryable(pool);
  return {
    kind: 'postgres',
    query: direct.query,
    exec: direct.exec,
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        try {
          await client.query('BEGIN');
        } catch (error) {
          broken = error instanceof Error ? error : new Error('BEGIN failed');
          throw error;
        }
        try {
          const result = await fn(queryable(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackError) {
            broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
          }
          throw error;
        }
      } finally {
        // A client whose rollback failed is in an unknown state: destroy it rather than hand it to the next caller.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
