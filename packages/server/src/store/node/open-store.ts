import { createMemoryStore } from '../memory/create-memory-store.js';
import type { Store } from '../types.js';
import { DEFAULT_DATA_DIR, createPgliteStore } from './create-pglite-store.js';
import { createPostgresStore } from './create-postgres-store.js';

/**
 * Opens the store a `--store` option names: `memory`, a `postgres://` (or `postgresql://`) URL, or a directory
 * (PGlite). Without one: `DATABASE_URL` when set, else `./.opengar-data`.
 *
 * @example
 * ```ts
 * const store = await openStore(options.store); // 'memory' | 'postgres://…' | './data'
 * ```
 */
export async function openStore(spec?: string, env: Record<string, string | undefined> = process.env): Promise<Store> {
  const chosen = spec ?? (env.DATABASE_URL || undefined) ?? DEFAULT_DATA_DIR;
  if (chosen === 'memory') return createMemoryStore();
  if (/^postgres(ql)?:\/\//i.test(chosen)) return createPostgresStore({ url: chosen });
  return createPgliteStore({ dataDir: chosen });
}
