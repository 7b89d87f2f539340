import type { SqlDriver, SqlQueryable } from './driver.js';

/** What a {@link countingDriver} has seen since it was made or last reset. */
export interface StatementCount {
  /** Statements sent to the database, BEGIN and COMMIT (or ROLLBACK) of each transaction included. */
  statements: number;
  /** Transactions opened. */
  transactions: number;
}

/** A driver that counts its round trips, and the count. */
export interface CountingDriver extends SqlDriver {
  /** The count so far. */
  readonly count: Readonly<StatementCount>;
  /** Sets the count back to zero. */
  reset(): void;
  /** Runs `fn` and returns what it sent to the database meanwhile (the count is not reset). */
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; count: StatementCount }>;
}

/**
 * Wraps a driver to count the statements an operation sends: the round trips a use case costs do not depend on the
 * machine, so the tests assert them as budgets and the benchmarks print them. Each `query` or `exec` is one round
 * trip; a transaction adds two (BEGIN and COMMIT or ROLLBACK).
 */
export function countingDriver(inner: SqlDriver): CountingDriver {
  const count: StatementCount = { statements: 0, transactions: 0 };
  const counted = (q: SqlQueryable): SqlQueryable => ({
    query: (sql, params) => {
      count.statements++;
      return q.query(sql, params);
    },
    exec: (sql) => {
      count.statements++;
      return q.exec(sql);
    },
  });
  const direct = counted(inner);
  return {
    kind: inner.kind,
    query: direct.query,
    exec: direct.exec,
    transaction: (fn, options) => {
      count.transactions++;
      count.statements += 2;
      return inner.transaction((tx) => fn(counted(tx)), options);
    },
    close: () => inner.close(),
    count,
    reset: () => {
      count.statements = 0;
      count.transactions = 0;
    },
    measure: async (fn) => {
      const before = { ...count };
      const result = await fn();
      return {
        result,
        count: {
          statements: count.statements - before.statements,
          transactions: count.transactions - before.transactions,
        },
      };
    },
  };
}
