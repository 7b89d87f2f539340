/** A row as a driver returns it: column name → value (JSONB parsed, arrays as arrays). */
export type SqlRow = Record<string, unknown>;

/** Runs one statement. */
export interface SqlQueryable {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: SqlRow[]; rowCount: number }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The little a SQL store needs from a database: PGlite and PostgreSQL (through `pg`) speak the same dialect. A
 * `transaction` runs `fn` on one connection between BEGIN and COMMIT (ROLLBACK when it throws); outside it, each
 * `query` is its own transaction.
 */
export interface SqlDriver extends SqlQueryable {
  readonly kind: 'pglite' | 'postgres';
  /** `queueKey`: see the store's `TransactionOptions` (a driver with one connection ignores it). */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>, options?: { queueKey?: string }): Promise<T>;
  close(): Promise<void>;
}
