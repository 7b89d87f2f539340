import type { PublishedStatsCell as PublishedCell, StatsTable } from '@opengar/core';
import type { StatsMetric } from './localize/translation.js';

// The service's tables arrive protected (primary and secondary suppression done on its side). The element only reads
// them: a suppressed cell carries no number at all, so nothing here can show one.

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Whether a value is a cell as published (figures, or a band with its reason). */
export function isPublishedCell(v: unknown): v is PublishedCell {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  if (c.status === 'published') return isCount(c.accesses) && isCount(c.people);
  return (
    c.status === 'suppressed' && (c.reason === 'primary' || c.reason === 'secondary') && typeof c.band === 'string'
  );
}

const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isRowList = (v: unknown): v is StatsTable['rows'] =>
  Array.isArray(v) &&
  v.every(
    (x: unknown) =>
      typeof x === 'object' &&
      x !== null &&
      typeof (x as { key?: unknown }).key === 'string' &&
      typeof (x as { label?: unknown }).label === 'string',
  );
// A published figure of fewer than k people means the table was not protected: the element shows none of it.
const isSafeCell = (v: unknown, k: number): v is PublishedCell =>
  isPublishedCell(v) && (v.status === 'suppressed' || v.people === 0 || v.people >= k);
const isCellList = (v: unknown, n: number, k: number): v is PublishedCell[] =>
  Array.isArray(v) && v.length === n && v.every((c) => isSafeCell(c, k));

/** Whether a value is a whole protected table (every row, column and total present, no figure under k people). */
export function isStatsTable(v: unknown): v is StatsTable {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  if (!isRowList(t.rows) || !isTextList(t.columns) || !(isCount(t.k) && t.k > 0)) return false;
  const [R, C, k] = [t.rows.length, t.columns.length, t.k];
  return (
    isSafeCell(t.total, k) &&
    Array.isArray(t.cells) &&
    t.cells.length === R &&
    t.cells.every((row) => isCellList(row, C, k)) &&
    isCellList(t.rowTotals, R, k) &&
    isCellList(t.columnTotals, C, k)
  );
}

/** The figure of a cell for a metric, or `undefined` when it is hidden. */
export function figureOf(cell: PublishedCell, metric: StatsMetric): number | undefined {
  return cell.status === 'published' ? cell[metric] : undefined;
}

/**
 * The band a hidden cell shows: for a small figure, the service's (`<5`) when it is a short band, else `<k`; for a figure
 * hidden by secondary suppression, `hidden` (“masqué”), which says nothing of its size and is never read as “<5”.
 */
export function bandOf(cell: PublishedCell, k: number, hidden: string): string {
  if (cell.status === 'suppressed' && cell.reason === 'secondary') return hidden;
  return cell.status === 'suppressed' && /^<\d{1,3}$/.test(cell.band) ? cell.band : `<${k}`;
}

/** What a cell shows: the number for the locale, or the band. */
export function cellText(
  cell: PublishedCell,
  metric: StatsMetric,
  k: number,
  format: (n: number) => string,
  hidden: string,
): string {
  return cell.status === 'published' ? format(cell[metric]) : bandOf(cell, k, hidden);
}

/** Every cell of a table, totals included. */
export function allCells(t: StatsTable): PublishedCell[] {
  return [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total];
}

/** How many figures are hidden, for which reasons, and whether nothing at all is shown. */
export function suppression(t: StatsTable): { primary: number; secondary: number; all: boolean } {
  const cells = allCells(t);
  const primary = cells.filter((c) => c.status === 'suppressed' && c.reason === 'primary').length;
  const secondary = cells.filter((c) => c.status === 'suppressed' && c.reason === 'secondary').length;
  // "Everything hidden": nothing but bands and zeros, so not one figure of use can be read.
  const all = primary + secondary > 0 && cells.every((c) => c.status === 'suppressed' || c.accesses === 0);
  return { primary, secondary, all };
}

/** Whether a table has no use at all: no rows, or every figure published as zero. */
export function isEmptyTable(t: StatsTable): boolean {
  return t.rows.length === 0 || allCells(t).every((c) => c.status === 'published' && c.accesses === 0);
}
