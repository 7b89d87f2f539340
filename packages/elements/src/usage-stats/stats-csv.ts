import { type PublishedStatsCell, type StatsTable, csvText } from '@opengar/core';
import { bandOf } from './published-figures.js';

// The CSV export is written from the protected table the element shows: hidden figures stay bands (`<5`, or the word
// for a figure hidden by secondary suppression, “masqué”) in both columns, so the file can never say more than the screen.

/** The column names and separator of the file (French uses `;`, as French spreadsheets expect). */
export interface CsvWording {
  separator: ',' | ';';
  headers: readonly [period: string, key: string, label: string, column: string, accesses: string, people: string];
  total: string;
  /** A figure hidden by secondary suppression (not a small number: it may count many people). */
  hidden: string;
}

const figures = (cell: PublishedStatsCell, k: number, hidden: string): [string | number, string | number] =>
  cell.status === 'published' ? [cell.accesses, cell.people] : [bandOf(cell, k, hidden), bandOf(cell, k, hidden)];

/**
 * One line per figure (row × month, then the totals), with the period, the row's key and name, accesses and people.
 *
 * @example
 * ```ts
 * import type { StatsTable } from '@opengar/core';
 * import { tableCsv } from './stats-csv.js';
 *
 * declare const table: StatsTable; // a usage table from the service
 * const csv: string = tableCsv(table, '2026-2027', { separator: ',', headers: ['period', 'key', 'label', 'month', 'accesses', 'people'], total: 'total', hidden: 'hidden' });
 * ```
 */
export function tableCsv(
  table: StatsTable,
  period: string,
  w: CsvWording,
  rowLabel: (row: StatsTable['rows'][number]) => string = (r) => r.label,
): string {
  const k = table.k;
  const lines: (string | number)[][] = [[...w.headers]];
  const totals = table.columns.length > 1;
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const cell = table.cells[r]?.[c];
      if (cell) lines.push([period, row.key, rowLabel(row), column, ...figures(cell, k, w.hidden)]);
    });
    const rowTotal = table.rowTotals[r];
    if (totals && rowTotal) lines.push([period, row.key, rowLabel(row), w.total, ...figures(rowTotal, k, w.hidden)]);
  });
  table.columns.forEach((column, c) => {
    const cell = table.columnTotals[c];
    if (cell) lines.push([period, w.total, w.total, column, ...figures(cell, k, w.hidden)]);
  });
  if (totals) lines.push([period, w.total, w.total, w.total, ...figures(table.total, k, w.hidden)]);
  return csvText(lines, w.separator);
}

/** Saves CSV text as `name.csv` (with a BOM, so spreadsheets read it as UTF-8) through a link clicked in `root`. */
export function downloadCsv(root: Node, csv: string, name: string): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.csv`;
  a.hidden = true;
  root.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
