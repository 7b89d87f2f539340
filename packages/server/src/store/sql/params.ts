/** Collects the parameters of a statement built piece by piece and names each `$n::type`. */
export class Params {
  readonly values: unknown[] = [];

  constructor(initial: readonly unknown[] = []) {
    this.values.push(...initial);
  }

  /** Adds a parameter and returns its placeholder. */
  add(value: unknown, type = 'text'): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards in `term` escaped. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `WHERE a AND b …`, or nothing when there is no condition. */
export function where(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}
