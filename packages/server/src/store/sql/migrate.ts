import { StoreError } from '../errors.js';
import type { SqlDriver, SqlQueryable } from './driver.js';
import { MIGRATIONS } from './migrations/index.js';
import { toStoreError } from './sql-errors.js';

/** Advisory lock key of migrations ("ogar"): instances starting together apply them one after the other. */
const MIGRATION_LOCK = 0x6f676172;

/**
 * Applies the pending migrations in one transaction, under an advisory lock held until it commits: a second instance
 * starting at the same time waits, then finds nothing left to do. Idempotent. Refuses a database whose schema is newer
 * than this code.
 */
export async function migrate(driver: SqlDriver): Promise<void> {
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  try {
    await driver.transaction((tx) => applyPending(tx, latest));
  } catch (error) {
    throw toStoreError(error, 'migrate');
  }
}

async function applyPending(tx: SqlQueryable, latest: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
  await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await tx.query('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => Number(r.version)));
  const newest = Math.max(0, ...applied);
  if (newest > latest) {
    throw new StoreError(
      'migration-failed',
      `the database schema (version ${newest}) is newer than this opengar (${latest})`,
    );
  }
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    try {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2::text)', [
        m.version,
        m.name,
      ]);
    } catch (error) {
      const inner = toStoreError(error, `migration ${m.version} (${m.name})`);
      if (!(inner instanceof StoreError) || inner.code === 'unavailable') throw inner;
      throw new StoreError('migration-failed', `migration ${m.version} (${m.name}) failed`, { cause: error });
    }
  }
}
