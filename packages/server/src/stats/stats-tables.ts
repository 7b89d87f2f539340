import {
  csvCell,
  protectTable,
  type CountCell,
  type PublishedCell,
  type PublishedTable,
  type StatsTable,
} from '@opengar/core';
import { ALL_KEY, type StatsCounter, type StatsCounterDimension } from '../store/types-stats.js';

/**
 * One table of a school year: rows (keys of a dimension) × months, with the year as the row totals, protected in one
 * {@link protectTable} call, so that its months and its year are protected jointly: the same figures answer the year
 * and each of its months, and no hidden figure can be recovered from any combination of them.
 *
 * @example
 * ```ts
 * const t = protectYear(counters, { dimension: 'resource', months: monthsOfYear('2026-2027'), year: '2026-2027' });
 * ```
 */
export function protectYear(
  counters: readonly StatsCounter[],
  options: { dimension: StatsCounterDimension; months: readonly string[]; year: string; k?: number },
): PublishedTable {
  const { dimension, months, year } = options;
  const byKey = new Map<string, StatsCounter>();
  for (const c of counters) byKey.set(`${c.dimension}\u0000${c.key}\u0000${c.period}`, c);
  const get = (dim: string, key: string, period: string) => byKey.get(`${dim}\u0000${key}\u0000${period}`);
  const keys = [
    ...new Set(
      counters
        .filter((c) => c.dimension === dimension && months.includes(c.period) && c.accesses > 0)
        .map((c) => c.key),
    ),
  ].sort();
  const cell = (key: string, month: string): CountCell => {
    const c = get(dimension, key, month);
    return { accesses: c?.accesses ?? 0, people: c?.people ?? 0 };
  };
  return protectTable(
    {
      rows: keys,
      columns: [...months],
      cells: keys.map((key) => months.map((m) => cell(key, m))),
      rowPeople: keys.map((key) => get(dimension, key, year)?.people ?? 0),
      columnPeople: months.map((m) => get('all', ALL_KEY, m)?.people ?? 0),
      totalPeople: get('all', ALL_KEY, year)?.people ?? 0,
    },
    options.k === undefined ? {} : { k: options.k },
  );
}

/**
 * The view of one month cut from its year's protected table: that column, its total as the table's total.
 *
 * @example
 * ```ts
 * const october = monthOfYearTable(yearTable, '2026-10');
 * ```
 */
export function monthOfYearTable(table: PublishedTable, month: string): PublishedTable {
  const j = table.columns.indexOf(month);
  if (j < 0) throw new RangeError('the month is not a column of this table');
  const column = table.cells.map((row) => row[j]!);
  return {
    rows: [...table.rows],
    columns: [month],
    cells: column.map((x) => [x]),
    rowTotals: column,
    columnTotals: [table.columnTotals[j]!],
    total: table.columnTotals[j]!,
    k: table.k,
  };
}

/** A protected table with labelled rows, as the API answers it. */
export function labelled(table: PublishedTable, label: (key: string) => string): StatsTable {
  return { ...table, rows: table.rows.map((key) => ({ key, label: label(key) })) };
}

/** One `,`-separated CSV field (core's `csvCell`: quoted when needed, a leading formula character neutralised). */
export const csvField = (v: string): string => csvCell(v, ',');
const figure = (x: PublishedCell, what: 'accesses' | 'people'): string =>
  x.status === 'published' ? String(x[what]) : x.band;

/**
 * A protected table as CSV (RFC 4180, `,` separated, one line per row and per column, totals included): the same
 * figures as the JSON, hidden ones as their band. Spreadsheet formulas are neutralised.
 *
 * @example
 * ```ts
 * tableCsv(table, 'resource'); // 'resource,label,column,accesses,people,status\r\n…'
 * ```
 */
export function tableCsv(table: StatsTable, rowHeader: string, columnHeader = 'period'): string {
  const lines = [[rowHeader, 'label', columnHeader, 'accesses', 'people', 'status'].join(',')];
  const line = (key: string, label: string, column: string, x: PublishedCell): void => {
    lines.push(
      [
        csvField(key),
        csvField(label),
        csvField(column),
        figure(x, 'accesses'),
        figure(x, 'people'),
        x.status === 'published' ? 'published' : `suppressed-${x.reason}`,
      ].join(','),
    );
  };
  table.rows.forEach((row, r) => {
    table.columns.forEach((col, c) => {
      line(row.key, row.label, col, table.cells[r]![c]!);
    });
    line(row.key, row.label, 'total', table.rowTotals[r]!);
  });
  table.columns.forEach((col, c) => {
    line('total', '', col, table.columnTotals[c]!);
  });
  line('total', '', 'total', table.total);
  return lines.join('\r\n') + '\r\n';
}
