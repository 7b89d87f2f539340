/** One cell of a table of counts: accesses, and distinct people behind them. */
export interface CountCell {
  accesses: number;
  people: number;
}

/** A table of counts to publish (rows × columns), e.g. resources × months. */
export interface CountTable {
  rows: readonly string[];
  columns: readonly string[];
  /** `cells[r][c]`. */
  cells: readonly (readonly CountCell[])[];
  /**
   * Distinct people per row, per column and overall. Distinct people do not add up across cells in general (one pupil
   * opens a resource in several months); give them when known, otherwise the sum of the cells is used.
   */
  rowPeople?: readonly number[];
  columnPeople?: readonly number[];
  totalPeople?: number;
}

/** A figure as published: the numbers, or a band with the reason it is hidden. */
export type PublishedCell =
  | { status: 'published'; accesses: number; people: number }
  | { status: 'suppressed'; reason: 'primary' | 'secondary'; band: string };

/** A table ready to leave the service. */
export interface PublishedTable {
  rows: string[];
  columns: string[];
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  total: PublishedCell;
  /** The threshold applied. */
  k: number;
}

/** Options of {@link protectTable}. */
export interface ProtectOptions {
  /** Minimum number of distinct people for a figure to be shown (default 5). */
  k?: number;
}

type Edge = { r: number; c: number };

/**
 * Finds the suppressed cells whose value could be recovered exactly from the published ones. The table with its
 * margins is an (R+1)×(C+1) grid whose every line sums to zero (margins negated); suppressed cells are the edges of a
 * bipartite graph between its lines and columns, and a suppressed cell is recoverable exactly when its edge is a bridge.
 */
function bridges(R: number, C: number, hidden: boolean[][]): Edge[] {
  const n = R + 1 + C + 1;
  const adj: { to: number; id: number }[][] = Array.from({ length: n }, () => []);
  const edges: Edge[] = [];
  for (let r = 0; r <= R; r++)
    for (let c = 0; c <= C; c++)
      if (hidden[r]![c]) {
        const id = edges.length;
        edges.push({ r, c });
        adj[r]!.push({ to: R + 1 + c, id });
        adj[R + 1 + c]!.push({ to: r, id });
      }
  const disc = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const out: Edge[] = [];
  let time = 0;
  for (let s = 0; s < n; s++) {
    if (disc[s] !== -1) continue;
    const stack: { v: number; parentEdge: number; i: number }[] = [{ v: s, parentEdge: -1, i: 0 }];
    disc[s] = low[s] = time++;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const list = adj[top.v]!;
      if (top.i < list.length) {
        const { to, id } = list[top.i++]!;
        if (id === top.parentEdge) continue;
        if (disc[to] === -1) {
          disc[to] = low[to] = time++;
          stack.push({ v: to, parentEdge: id, i: 0 });
        } else low[top.v] = Math.min(low[top.v]!, disc[to]!);
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low[parent.v] = Math.min(low[parent.v]!, low[top.v]!);
          if (low[top.v]! > disc[parent.v]!) out.push(edges[top.parentEdge]!);
        }
      }
    }
  }
  return out;
}

/**
 * Disclosure control of a table of counts (GAR-REFERENCE.md statistics rules): a figure (cell or total) counting fewer
 * than `k` distinct people, but more than none, is shown as the band `<5` (primary suppression); then further cells are
 * hidden (secondary suppression, choosing the smallest figures, interior cells before totals) until no hidden figure can
 * be recovered exactly by adding and subtracting published cells and totals. Zero cells are published.
 *
 * @example
 * ```ts
 * const t = protectTable({ rows: ['dico'], columns: ['2026-09', '2026-10'], cells: [[{ accesses: 9, people: 3 }, { accesses: 40, people: 12 }]] });
 * t.cells[0][0]; // { status: 'suppressed', reason: 'primary', band: '<5' }
 * ```
 */
export function protectTable(table: CountTable, options: ProtectOptions = {}): PublishedTable {
  const k = options.k ?? 5;
  if (!Number.isInteger(k) || k < 1) throw new TypeError('k must be a positive integer');
  const R = table.rows.length;
  const C = table.columns.length;
  if (table.cells.length !== R || table.cells.some((row) => row.length !== C)) {
    throw new TypeError('cells must be rows × columns');
  }
  for (const row of table.cells)
    for (const cell of row)
      if (
        !(
          Number.isInteger(cell.accesses) &&
          Number.isInteger(cell.people) &&
          cell.people >= 0 &&
          cell.accesses >= cell.people
        )
      ) {
        throw new TypeError('each cell needs integer counts with accesses ≥ people ≥ 0');
      }
  // Augmented grid: [r][c] interior, [r][C] row totals, [R][c] column totals, [R][C] grand total.
  const grid: CountCell[][] = Array.from({ length: R + 1 }, () =>
    Array.from({ length: C + 1 }, () => ({ accesses: 0, people: 0 })),
  );
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) {
      const cell = table.cells[r]![c]!;
      grid[r]![c] = { ...cell };
      grid[r]![C]!.accesses += cell.accesses;
      grid[R]![c]!.accesses += cell.accesses;
      grid[R]![C]!.accesses += cell.accesses;
      grid[r]![C]!.people += cell.people;
      grid[R]![c]!.people += cell.people;
      grid[R]![C]!.people += cell.people;
    }
  table.rowPeople?.forEach((p, r) => {
    if (r < R) grid[r]![C]!.people = p;
  });
  table.columnPeople?.forEach((p, c) => {
    if (c < C) grid[R]![c]!.people = p;
  });
  if (table.totalPeople !== undefined) grid[R]![C]!.people = table.totalPeople;

  const reason: ('primary' | 'secondary' | undefined)[][] = grid.map((row) =>
    row.map((cell) => (cell.people > 0 && cell.people < k ? 'primary' : undefined)),
  );
  const hidden = () => reason.map((row) => row.map((x) => x !== undefined));
  const weight = (r: number, c: number): number => {
    if (reason[r]![c]) return 0;
    const cell = grid[r]![c]!;
    const base = cell.accesses + 1;
    const zeroPenalty = cell.people === 0 ? 1e6 : 0;
    const marginPenalty = r === R && c === C ? 1e12 : r === R || c === C ? 1e9 : 0;
    return base + zeroPenalty + marginPenalty;
  };
  for (let guard = 0; guard <= (R + 1) * (C + 1); guard++) {
    const open = bridges(R, C, hidden());
    if (open.length === 0) break;
    const { r, c } = open[0]!;
    let best: { cost: number; r2: number; c2: number } | undefined;
    for (let r2 = 0; r2 <= R; r2++) {
      if (r2 === r) continue;
      for (let c2 = 0; c2 <= C; c2++) {
        if (c2 === c) continue;
        const cost = weight(r, c2) + weight(r2, c) + weight(r2, c2);
        if (!best || cost < best.cost) best = { cost, r2, c2 };
      }
    }
    if (!best) throw new Error('unreachable: the augmented table always has a 4-cycle');
    for (const [rr, cc] of [
      [r, best.c2],
      [best.r2, c],
      [best.r2, best.c2],
    ] as const) {
      reason[rr]![cc] ??= 'secondary';
    }
  }
  const publish = (r: number, c: number): PublishedCell => {
    const why = reason[r]![c];
    const cell = grid[r]![c]!;
    return why
      ? { status: 'suppressed', reason: why, band: why === 'primary' ? `<${k}` : HIDDEN_BAND }
      : { status: 'published', accesses: cell.accesses, people: cell.people };
  };
  return {
    rows: [...table.rows],
    columns: [...table.columns],
    cells: Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => publish(r, c))),
    rowTotals: Array.from({ length: R }, (_, r) => publish(r, C)),
    columnTotals: Array.from({ length: C }, (_, c) => publish(R, c)),
    total: publish(R, C),
    k,
  };
}

/**
 * The band of a cell hidden by secondary suppression: not a small number (it may count many people), only hidden so
 * that a small one cannot be worked out from the totals. Shown as “masqué” / “hidden”, never as `<5`.
 *
 * @example `cell.status === 'suppressed' && cell.band === HIDDEN_BAND // secondary`
 */
export const HIDDEN_BAND = 'hidden';

/**
 * A count shown as a band when it is small: the number itself when ≥ k (or zero), else `<5`. For lists such as
 * "opened by few", which show bands, not counts.
 *
 * @example
 * ```ts
 * band(3); // '<5'
 * band(12); // 12
 * ```
 */
export function band(people: number, k = 5): number | string {
  return people > 0 && people < k ? `<${k}` : people;
}
