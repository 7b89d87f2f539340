import { createMemoryStore } from '../memory/create-memory-store.js';
import type { Store } from '../types.js';
import { DEFAULT_DATA_DIR, createPgliteStore } from './create-pglite-store.js';
import { createPostgresStore, type PostgresStoreOptions } from './create-postgres-store.js';

/** The PostgreSQL pool and queue settings a deployment may tune. */
export type PostgresPoolOptions = Pick<PostgresStoreOptions, 'maxConnections' | 'queueLimit' | 'queueTimeoutMs'>;

const POOL_ENV = [
  ['OPENGAR_PG_POOL_SIZE', 'maxConnections', 1],
  ['OPENGAR_PG_QUEUE_LIMIT', 'queueLimit', 0],
  ['OPENGAR_PG_QUEUE_TIMEOUT_MS', 'queueTimeoutMs', 1],
] as const;

/**
 * The pool settings given in the environment: `OPENGAR_PG_POOL_SIZE`, `OPENGAR_PG_QUEUE_LIMIT`,
 * `OPENGAR_PG_QUEUE_TIMEOUT_MS` (whole numbers; unset or empty means the default).
 *
 * @example
 * ```ts
 * postgresPoolFromEnv({ OPENGAR_PG_POOL_SIZE: '20' }); // { maxConnections: 20 }
 * ```
 * @throws `TypeError` naming the variable when a value is not a whole number in range.
 */
export function postgresPoolFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): PostgresPoolOptions {
  const out: PostgresPoolOptions = {};
  for (const [name, key, least] of POOL_ENV) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < least)
      throw new TypeError(`${name} must be a whole number ≥ ${least}`);
    out[key] = n;
  }
  return out;
}

/**
 * Opens the store a `--store` option names: `memory`, a `postgres://` (or `postgresql://`) URL, or a directory
 * (PGlite). Without one: `DATABASE_URL` when set, else `./.opengar-data`. A PostgreSQL pool takes its settings from
 * `pool`, else from the environment ({@link postgresPoolFromEnv}).
 *
 * @example
 * ```ts
 * const store = await openStore(options.store); // 'memory' | 'postgres://…' | './data'
 * ```
 */
export async function openStore(
  spec?: string,
  env: Record<string, string | undefined> = process.env,
  pool: PostgresPoolOptions = {},
): Promise<Store> {
  const chosen = spec ?? (env.DATABASE_URL || undefined) ?? DEFAULT_DATA_DIR;
  if (chosen === 'memory') return createMemoryStore();
  if (/^postgres(ql)?:\/\//i.test(chosen))
    return createPostgresStore({ url: chosen, ...postgresPoolFromEnv(env), ...definedOnly(pool) });
  return createPgliteStore({ dataDir: chosen });
}

function definedOnly(pool: PostgresPoolOptions): PostgresPoolOptions {
  return Object.fromEntries(Object.entries(pool).filter(([, v]) => v !== undefined));
}
