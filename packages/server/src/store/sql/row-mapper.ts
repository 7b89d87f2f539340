import { instant } from '../shared/fold.js';
import type { SqlRow } from './driver.js';

/** How a field is stored: text, JSONB (nested structures), boolean, integer or text array. */
export type ColumnKind = 'text' | 'json' | 'bool' | 'int' | 'texts';

const CAST: Record<ColumnKind | 'ts', string> = {
  text: 'text',
  json: 'text::jsonb',
  bool: 'boolean',
  int: 'integer',
  texts: 'text[]',
  ts: 'timestamptz',
};

const snake = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A column that is not a field: a `timestamptz` copy of a date-time field, for ordering and comparing (`ts`, the
 * default), or a text computed from the row, for searching (`text`).
 */
export interface DerivedColumn<T> {
  column: string;
  from: (row: T) => string | undefined;
  kind?: 'ts' | 'text';
}

/**
 * Maps an entity to the columns of its table and back. Every field of `T` has a column (named in snake_case); an
 * absent optional field is NULL and comes back absent. Date-times stay text (the caller's spelling comes back as it
 * was written) and get a derived `timestamptz` column where the store sorts or compares them.
 */
export class RowMapper<T extends object> {
  readonly #fields: [field: string, column: string, kind: ColumnKind][];
  readonly #derived: DerivedColumn<T>[];
  /** Every column, fields then derived, in parameter order. */
  readonly columns: string[];
  /** The field columns, for SELECT lists. */
  readonly select: string;

  constructor(
    readonly table: string,
    fields: { [K in keyof T & string]-?: ColumnKind },
    derived: DerivedColumn<T>[] = [],
  ) {
    this.#fields = Object.entries(fields).map(([f, k]) => [f, snake(f), k as ColumnKind]);
    this.#derived = derived;
    this.columns = [...this.#fields.map(([, c]) => c), ...derived.map((d) => d.column)];
    this.select = this.selectAs('');
  }

  /** The field columns qualified by a table alias, for SELECT lists of joins. */
  selectAs(alias: string): string {
    const prefix = alias ? `${alias}.` : '';
    // JSONB comes back as text and is parsed here: a JSON null then stays distinct from an absent value (SQL NULL).
    return this.#fields.map(([, c, k]) => (k === 'json' ? `${prefix}${c}::text AS ${c}` : `${prefix}${c}`)).join(', ');
  }

  /** `$n::type` placeholders of one row, starting after `offset` parameters. */
  placeholders(offset = 0): string {
    const kinds = [...this.#fields.map(([, , k]) => k), ...this.#derived.map((d) => d.kind ?? 'ts')];
    return `(${kinds.map((k, i) => `$${offset + i + 1}::${CAST[k]}`).join(', ')})`;
  }

  /** The parameters of one row, in column order. */
  params(value: T): unknown[] {
    const record = value as Record<string, unknown>;
    const out: unknown[] = this.#fields.map(([f, , kind]) => {
      const v = record[f];
      if (v === undefined) return null;
      // JSON null stays a JSONB null (a ticket's payload may be null); other kinds store null as NULL.
      if (kind === 'json') return JSON.stringify(v);
      return v;
    });
    for (const d of this.#derived) {
      const v = d.from(value);
      out.push(v === undefined ? null : d.kind === 'text' ? v : new Date(instant(v)).toISOString());
    }
    return out;
  }

  /** `INSERT INTO table (…) VALUES (…), (…)` for `rows` rows. */
  insert(rows = 1): string {
    const n = this.columns.length;
    const values = Array.from({ length: rows }, (_, i) => this.placeholders(i * n)).join(', ');
    return `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${values}`;
  }

  /** An insert that replaces the row with the same `key` columns. */
  upsert(key: readonly string[]): string {
    const set = this.columns.filter((c) => !key.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
    return `${this.insert()} ON CONFLICT (${key.join(', ')}) DO ${set.length ? `UPDATE SET ${set.join(', ')}` : 'NOTHING'}`;
  }

  /** The entity a row holds. */
  fromRow(row: SqlRow): T {
    const out: Record<string, unknown> = {};
    for (const [f, c, k] of this.#fields) {
      const v = row[c];
      if (v === null || v === undefined) continue;
      out[f] = k === 'json' && typeof v === 'string' ? JSON.parse(v) : v;
    }
    return out as T;
  }
}
