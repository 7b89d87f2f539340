import { HIDDEN_BAND, protectTable, type PublishedCell, type PublishedTable } from '@opengar/core';

/** What class usage is made of: per resource (row) and class (column), the pupils holding it, and who opened it. */
export interface ClassUsageInput {
  rows: readonly string[];
  columns: readonly string[];
  /** `holders[r][c]`: pupils of class `c` who hold resource `r` (the teacher knows them). */
  holders: readonly (readonly (readonly string[])[])[];
  /** `opened[r]`: pupils who opened resource `r` at least once. */
  opened: readonly ReadonlySet<string>[];
}

function rank(rows: readonly number[][]): number {
  const a = rows.map((r) => [...r]);
  const cols = a[0]?.length ?? 0;
  let rk = 0;
  for (let col = 0; col < cols && rk < a.length; col++) {
    let piv = rk;
    for (let i = rk; i < a.length; i++) if (Math.abs(a[i]![col]!) > Math.abs(a[piv]![col]!)) piv = i;
    if (Math.abs(a[piv]![col]!) < 1e-9) continue;
    [a[rk], a[piv]] = [a[piv]!, a[rk]!];
    for (let i = 0; i < a.length; i++) {
      if (i === rk) continue;
      const f = a[i]![col]! / a[rk]![col]!;
      if (f !== 0) for (let j = col; j < cols; j++) a[i]![j]! -= f * a[rk]![j]!;
    }
    rk++;
  }
  return rk;
}

const hidden: PublishedCell = { status: 'suppressed', reason: 'secondary', band: HIDDEN_BAND };

/**
 * Disclosure control of a teacher's class usage. Classes overlap (a group inside a division, a group equal to a
 * division or to the union of two), so the table is not additive and only its cells are published: each cell follows
 * the statistics' rule through {@link protectTable} (no figure under k, the band `<5`), then each row is checked
 * against the pupils its cells count — a hidden cell whose set of pupils is a combination of published ones'
 * (`group = 6A ∪ 6B`) would be recovered by subtraction, so the smallest published cell of that row is hidden until
 * none is. Totals add up different pupils' openings and are never published.
 *
 * @example
 * ```ts
 * const t = protectClassUsage({ rows: ['dico'], columns: ['6A'], holders: [[pupils]], opened: [openedSet] }, 5);
 * ```
 */
export function protectClassUsage(input: ClassUsageInput, k: number): PublishedTable {
  const { rows, columns, holders, opened } = input;
  const count = (r: number, c: number) => holders[r]![c]!.filter((p) => opened[r]!.has(p)).length;
  const cells = rows.map((_, r) =>
    columns.map((_, c) => {
      const n = count(r, c);
      const [primary] = protectTable({ rows: ['r'], columns: ['c'], cells: [[{ accesses: n, people: n }]] }, { k })
        .cells[0]!;
      return primary!;
    }),
  );
  rows.forEach((_, r) => {
    const universe = [...new Set(holders[r]!.flat())];
    const index = new Map(universe.map((p, i) => [p, i]));
    const vectors = columns.map((_, c) => {
      const v = new Array<number>(universe.length).fill(0);
      for (const p of holders[r]![c]!) v[index.get(p)!] = 1;
      return v;
    });
    const row = cells[r]!;
    for (let guard = 0; guard <= columns.length; guard++) {
      const shown = columns.map((_, c) => c).filter((c) => row[c]!.status === 'published');
      const known = shown.map((c) => vectors[c]!);
      const base = rank(known);
      const leaks = columns.some(
        (_, c) =>
          row[c]!.status === 'suppressed' && vectors[c]!.some((x) => x !== 0) && rank([...known, vectors[c]!]) === base,
      );
      if (!leaks) break;
      const people = (c: number) => {
        const x = row[c]!;
        return x.status === 'published' ? x.people : Number.POSITIVE_INFINITY;
      };
      const next = [...shown].sort((a, b) => people(a) - people(b))[0];
      if (next === undefined) break;
      row[next] = hidden;
    }
  });
  return {
    rows: [...rows],
    columns: [...columns],
    cells,
    rowTotals: rows.map(() => hidden),
    columnTotals: columns.map(() => hidden),
    total: hidden,
    k,
  };
}
