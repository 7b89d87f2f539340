// A store whose round trips are counted (see `countingDriver`): PGlite in memory, or a fresh PostgreSQL database.
import type { Store } from '../../src/index.js';
import { countingDriver, type CountingDriver } from '../../src/store/sql/counting-driver.js';
import { createSqlStore } from '../../src/store/sql/create-sql-store.js';
import { createPgliteDriver } from '../../src/store/sql/pglite-driver.js';
import { createPostgresDriver } from '../../src/store/sql/postgres-driver.js';

/** A migrated SQL store and the counter of its driver. */
export interface CountedStore {
  store: Store;
  driver: CountingDriver;
}

/** PGlite in memory when `url` is absent, else PostgreSQL at `url`. */
export async function countedStore(url?: string): Promise<CountedStore> {
  const inner = url === undefined ? await createPgliteDriver(undefined) : createPostgresDriver({ url });
  const driver = countingDriver(inner);
  const store = createSqlStore(driver);
  await store.migrate();
  driver.reset();
  return { store, driver };
}
