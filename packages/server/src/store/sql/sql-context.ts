import { Mutex } from '../shared/mutex.js';
import type { SqlDriver, SqlQueryable } from './driver.js';
import { toStoreError } from './sql-errors.js';

/** How SQL operations reach the database: the driver outside a transaction, the transaction's connection inside. */
export interface SqlContext {
  readonly inTransaction: boolean;
  /** Runs statements; driver errors become store errors named after `operation`. */
  run<T>(operation: string, fn: (q: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * Runs several statements as one: in their own transaction outside `transaction`, under a savepoint inside (a
   * failure undoes only them and leaves the caller's transaction usable).
   */
  atomic<T>(operation: string, fn: (q: SqlQueryable) => Promise<T>): Promise<T>;
}

async function mapped<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toStoreError(error, operation);
  }
}

/** The context of calls made on the store itself: each is its own transaction. */
export function driverContext(driver: SqlDriver): SqlContext {
  return {
    inTransaction: false,
    run: (operation, fn) => mapped(operation, () => fn(driver)),
    atomic: (operation, fn) => mapped(operation, () => driver.transaction(fn)),
  };
}

/** The context of one transaction; `end` makes later calls fail instead of running outside it. */
export function transactionContext(tx: SqlQueryable): SqlContext & { end(): void } {
  // Calls of one transaction share a connection: run them one at a time so that savepoints never interleave.
  const mutex = new Mutex();
  let open = true;
  const guard = () => {
    if (!open) throw new TypeError('this transaction has ended; use the store');
  };
  return {
    inTransaction: true,
    end: () => {
      open = false;
    },
    run: (operation, fn) =>
      mutex.run(() => {
        guard();
        return mapped(operation, () => fn(tx));
      }),
    atomic: (operation, fn) =>
      mutex.run(() => {
        guard();
        return mapped(operation, async () => {
          await tx.query('SAVEPOINT opengar_atomic');
          try {
            const result = await fn(tx);
            await tx.query('RELEASE SAVEPOINT opengar_atomic');
            return result;
          } catch (error) {
            await tx.query('ROLLBACK TO SAVEPOINT opengar_atomic');
            await tx.query('RELEASE SAVEPOINT opengar_atomic');
            throw error;
          }
        });
      }),
  };
}
