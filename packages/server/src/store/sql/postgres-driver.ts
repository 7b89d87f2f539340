import pg from 'pg';
import { ConnectionGate } from './connection-gate.js';
import type { SqlDriver, SqlQueryable } from './driver.js';

/** Defaults of the PostgreSQL pool and its queue (documented in docs/guide-operator.md). */
export const POSTGRES_POOL_DEFAULTS = {
  maxConnections: 10,
  queueLimit: 1000,
  queueTimeoutMs: 30_000,
  connectTimeoutMs: 5000,
} as const;

/** Options of {@link createPostgresDriver}. */
export interface PostgresDriverOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Most connections the pool opens (10 by default). */
  maxConnections?: number;
  /** Most callers waiting for a connection; the next one is refused at once as busy (1,000 by default). */
  queueLimit?: number;
  /** Longest wait for a free connection, in milliseconds, before the caller is refused as busy (30,000 by default). */
  queueTimeoutMs?: number;
  /** How long the database may take to accept a new connection, in milliseconds (5,000 by default). */
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
 * Callers wait for a connection in a bounded queue ({@link ConnectionGate}): beyond `queueLimit` waiting, or after
 * `queueTimeoutMs`, they get a `StoreBusyError` rather than waiting without bound.
 */
export function createPostgresDriver(options: PostgresDriverOptions): SqlDriver {
  const size = options.maxConnections ?? POSTGRES_POOL_DEFAULTS.maxConnections;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: size,
    connectionTimeoutMillis: options.connectTimeoutMs ?? POSTGRES_POOL_DEFAULTS.connectTimeoutMs,
  });
  const gate = new ConnectionGate({
    size,
    queueLimit: options.queueLimit ?? POSTGRES_POOL_DEFAULTS.queueLimit,
    queueTimeoutMs: options.queueTimeoutMs ?? POSTGRES_POOL_DEFAULTS.queueTimeoutMs,
  });
  // An idle client losing its connection (server restart) must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  const direct = queryable(pool);
  return {
    kind: 'postgres',
    query: (sql, params) => gate.run('query', () => direct.query(sql, params)),
    exec: (sql) => gate.run('exec', () => direct.exec(sql)),
    transaction: (fn, options) => gate.run('transaction', () => transaction(pool, fn), options?.queueKey),
    close: () => {
      gate.close();
      return pool.end();
    },
  };
}

async function transaction<T>(pool: pg.Pool, fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
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
}
