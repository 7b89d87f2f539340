/** The undo steps of one transaction, replayed newest first on rollback. */
export class Journal {
  readonly #undo: (() => void)[] = [];

  record(step: () => void): void {
    this.#undo.push(step);
  }

  /** Keeps a finished statement's steps, so that the transaction's rollback undoes them too. */
  absorb(child: Journal): void {
    // A loop, not push(...undo): spreading hundreds of thousands of steps overflows the call stack.
    for (const step of child.#undo) this.#undo.push(step);
    child.#undo.length = 0;
  }

  rollback(): void {
    for (let i = this.#undo.length - 1; i >= 0; i--) this.#undo[i]!();
    this.#undo.length = 0;
  }
}

/** Joins the parts of a composite key (no part contains NUL). */
export function key(...parts: string[]): string {
  return parts.join('\u0000');
}

type IndexKeys<V> = (row: V) => readonly string[];

/**
 * A map of rows by primary key with secondary indexes (index key → primary keys) kept in step on every write, so that
 * reads by school, person or subscription touch only the matching rows. Writes record their inverse in a journal.
 */
export class Table<V, I extends string = never> {
  readonly #rows = new Map<string, V>();
  readonly #indexes = new Map<I, { keys: IndexKeys<V>; map: Map<string, Set<string>> }>();

  constructor(
    readonly primaryKey: (row: V) => string,
    indexes: Record<I, IndexKeys<V>> = {} as Record<I, IndexKeys<V>>,
  ) {
    for (const [name, keys] of Object.entries(indexes) as [I, IndexKeys<V>][]) {
      this.#indexes.set(name, { keys, map: new Map() });
    }
  }

  get size(): number {
    return this.#rows.size;
  }

  get(pk: string): V | undefined {
    return this.#rows.get(pk);
  }

  has(pk: string): boolean {
    return this.#rows.has(pk);
  }

  values(): IterableIterator<V> {
    return this.#rows.values();
  }

  /** Rows whose index `name` includes `indexKey`. */
  find(name: I, indexKey: string): V[] {
    const pks = this.#indexes.get(name)!.map.get(indexKey);
    if (!pks) return [];
    const out: V[] = [];
    for (const pk of pks) out.push(this.#rows.get(pk)!);
    return out;
  }

  /** How many rows index `name` holds under `indexKey`. */
  countIn(name: I, indexKey: string): number {
    return this.#indexes.get(name)!.map.get(indexKey)?.size ?? 0;
  }

  set(journal: Journal, row: V): void {
    const pk = this.primaryKey(row);
    const old = this.#rows.get(pk);
    this.#put(pk, row);
    journal.record(() => (old === undefined ? this.#remove(pk) : this.#put(pk, old)));
  }

  delete(journal: Journal, pk: string): V | undefined {
    const old = this.#rows.get(pk);
    if (old === undefined) return undefined;
    this.#remove(pk);
    journal.record(() => this.#put(pk, old));
    return old;
  }

  #put(pk: string, row: V): void {
    const old = this.#rows.get(pk);
    if (old !== undefined) this.#unindex(pk, old);
    this.#rows.set(pk, row);
    for (const { keys, map } of this.#indexes.values()) {
      for (const k of keys(row)) {
        let set = map.get(k);
        if (!set) {
          set = new Set();
          map.set(k, set);
        }
        set.add(pk);
      }
    }
  }

  #remove(pk: string): void {
    const old = this.#rows.get(pk);
    if (old === undefined) return;
    this.#unindex(pk, old);
    this.#rows.delete(pk);
  }

  #unindex(pk: string, row: V): void {
    for (const { keys, map } of this.#indexes.values()) {
      for (const k of keys(row)) {
        const set = map.get(k);
        if (!set) continue;
        set.delete(pk);
        if (set.size === 0) map.delete(k);
      }
    }
  }
}
