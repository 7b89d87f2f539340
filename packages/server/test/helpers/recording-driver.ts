// A driver wrapper that keeps the queries a store sends while `recording` is set: the query-plan test and the
// national bench's `--explain` (bench/lib/national-plans.ts) run them again under EXPLAIN.
import type { SqlDriver, SqlQueryable } from '../../src/store/sql/driver.js';

/** A query as the store sent it. */
export interface Sent {
  sql: string;
  params: readonly unknown[];
}

/** `inner`, keeping in `sent` the queries sent while `recording` is true (transactions' BEGIN and COMMIT aside). */
export function recordingDriver(inner: SqlDriver): SqlDriver & { recording: boolean; sent: Sent[] } {
  const wrap = (q: SqlQueryable): SqlQueryable => ({
    query: (sql, params) => {
      if (out.recording) out.sent.push({ sql, params: params ?? [] });
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  const direct = wrap(inner);
  const out = {
    kind: inner.kind,
    recording: false,
    sent: [] as Sent[],
    query: direct.query,
    exec: direct.exec,
    transaction: <T>(fn: (tx: SqlQueryable) => Promise<T>, options?: { queueKey?: string }) =>
      inner.transaction((tx) => fn(wrap(tx)), options),
    close: () => inner.close(),
  };
  return out;
}

/** Whether `sql` is a query EXPLAIN takes (not a savepoint or a lock statement). */
export function explainable(sql: string): boolean {
  return /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i.test(sql);
}
