import { join, resolve } from 'node:path';
import type { Store } from '../types.js';
import { createPgliteDriver } from '../sql/pglite-driver.js';
import { createSqlStore } from '../sql/create-sql-store.js';
import { lockDataDir } from './data-dir-lock.js';

/** Options of {@link createPgliteStore}. */
export interface PgliteStoreOptions {
  /** The data directory (created if missing): the database is in its `pglite/` folder. `./.opengar-data` by default. */
  dataDir?: string;
  /** Apply pending migrations on open (default `true`). */
  migrate?: boolean;
  /** Told when a stale lock of the directory is taken over (default: a line on stderr). */
  notice?: (message: string) => void;
}

/** The data directory used when none is given. */
export const DEFAULT_DATA_DIR = './.opengar-data';

/**
 * A store in files, through PGlite (PostgreSQL in WebAssembly, in this process): nothing to install, one process at a
 * time. Opening locks the directory (`opengar.lock`, taken over when its process is gone or its pid now belongs to
 * another run, as after a container restart), applies migrations, and
 * takes about two seconds the first time. Call `close()` before exiting (see {@link closeStoreOnSignals}).
 *
 * @throws `StoreError` `locked` when another running process uses the directory.
 *
 * @example
 * ```ts
 * const store = await createPgliteStore({ dataDir: './.opengar-data' });
 * closeStoreOnSignals(store);
 * ```
 */
export async function createPgliteStore(options: PgliteStoreOptions = {}): Promise<Store> {
  const dir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const lock = lockDataDir(dir, options.notice ? { notice: options.notice } : {});
  const onExit = () => lock.release();
  process.once('exit', onExit);
  let store: Store;
  try {
    store = createSqlStore(await createPgliteDriver(join(dir, 'pglite')));
    if (options.migrate !== false) await store.migrate();
  } catch (error) {
    lock.release();
    process.off('exit', onExit);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    ...store,
    close: () =>
      (closing ??= store.close().finally(() => {
        lock.release();
        process.off('exit', onExit);
      })),
  };
}
