import type { Store, StoreOps, TransactionOptions } from '../types.js';
import type { SqlDriver } from './driver.js';
import { migrate } from './migrate.js';
import { driverContext, transactionContext, type SqlContext } from './sql-context.js';
import { sqlDirectoryOps, sqlRegistryOps } from './sql-directory-ops.js';
import { sqlFeedOps } from './sql-feed-ops.js';
import { sqlFeedStagingOps } from './sql-feed-staging-ops.js';
import { toStoreError } from './sql-errors.js';
import { sqlLicenceOps } from './sql-licence-ops.js';
import { sqlSharedOps } from './sql-shared-ops.js';
import { sqlStatsOps } from './sql-stats-ops.js';
import { sqlTeachingOps } from './sql-teaching-ops.js';
import { sqlNativeAppOps } from './sql-native-app-ops.js';
import { sqlLtiPlatformOps } from './sql-lti-platform-ops.js';
import { sqlCatalogueOps } from './sql-catalogue-ops.js';
import { sqlClassroomOps } from './sql-classroom-ops.js';
import { sqlPersonDataOps } from './sql-person-data-ops.js';

function ops(ctx: SqlContext, kind: SqlDriver['kind']): StoreOps {
  return {
    ...sqlFeedStagingOps(ctx, kind),
    ...sqlRegistryOps(ctx),
    ...sqlDirectoryOps(ctx),
    ...sqlLicenceOps(ctx),
    ...sqlSharedOps(ctx),
    ...sqlStatsOps(ctx),
    ...sqlFeedOps(ctx),
    ...sqlTeachingOps(ctx),
    ...sqlNativeAppOps(ctx),
    ...sqlLtiPlatformOps(ctx),
    ...sqlCatalogueOps(ctx),
    ...sqlClassroomOps(ctx),
    ...sqlPersonDataOps(ctx),
  };
}

/**
 * A store over a SQL driver (PGlite or PostgreSQL): one table per entity, the schema applied by {@link migrate},
 * `lockSubscription` as `SELECT … FOR UPDATE`, single-use state through `INSERT … ON CONFLICT` and `DELETE … RETURNING`.
 * Errors are {@link StoreError}s whose message names the operation, never the SQL; the driver's error is the `cause`.
 *
 * @example
 * ```ts
 * const store = createSqlStore(driver);
 * await store.migrate();
 * ```
 */
export function createSqlStore(driver: SqlDriver): Store {
  let closing: Promise<void> | undefined;
  return {
    ...ops(driverContext(driver), driver.kind),
    kind: driver.kind,
    transaction: async <T>(fn: (tx: StoreOps) => Promise<T>, options?: TransactionOptions): Promise<T> => {
      let thrownByFn = false;
      try {
        return await driver.transaction(async (q) => {
          const ctx = transactionContext(q);
          try {
            return await fn(ops(ctx, driver.kind));
          } catch (error) {
            thrownByFn = true;
            throw error;
          } finally {
            ctx.end();
          }
        }, options);
      } catch (error) {
        // The caller's own errors come back as thrown; BEGIN/COMMIT failures become store errors.
        if (thrownByFn) throw error;
        throw toStoreError(error, 'transaction');
      }
    },
    migrate: () => migrate(driver),
    ping: async () => {
      try {
        await driver.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => (closing ??= driver.close()),
  };
}
