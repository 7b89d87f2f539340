import type { MemoryState } from './memory-state.js';
import type { Journal } from './table.js';

/** How the memory operations reach the state: directly in a transaction, through the mutex outside one. */
export interface MemoryContext {
  readonly state: MemoryState;
  /** Whether the calls run inside `transaction` (where `lockSubscription` is allowed). */
  readonly inTransaction: boolean;
  /** Runs a read. */
  read<T>(fn: () => T): Promise<T>;
  /** Runs a write atomically: a throw undoes what `fn` wrote before it. */
  write<T>(fn: (journal: Journal) => T): Promise<T>;
}

/** Rows `offset` to `offset + limit` of a sorted list. */
export function page<T>(rows: T[], offset = 0, limit?: number): T[] {
  return rows.slice(offset, limit === undefined ? undefined : offset + limit);
}
