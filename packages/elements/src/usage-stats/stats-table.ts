import type { PublishedStatsCell, StatsTable } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { StatsMetric, UsageStatsTranslation } from './localize/translation.js';
import { bandOf, suppression } from './published-figures.js';

/** What the table view shows. */
export interface TableOptions {
  table: StatsTable;
  metric: StatsMetric;
  t: UsageStatsTranslation;
  caption: string;
  rowHeader: string;
  rowLabel: (row: StatsTable['rows'][number]) => string;
  columnLabel: (column: string) => string;
  format: (n: number) => string;
}

/** Whether the table has a total column: not for one month, whose single column already is the total. */
export const hasRowTotals = (t: StatsTable): boolean => t.columns.length > 1;

/** One figure: the number, or the band with why it is hidden (tooltip and screen-reader text). */
export function figureCell(
  cell: PublishedStatsCell,
  o: Pick<TableOptions, 'metric' | 't' | 'format'>,
  k: number,
): TemplateResult {
  if (cell.status === 'published') return html`<td class="num">${o.format(cell[o.metric])}</td>`;
  const band = bandOf(cell, k, o.t.hiddenMark);
  const why = o.t.suppressedCell(band, cell.reason, o.format(k));
  return html`<td class="num suppressed" part="suppressed-cell" data-reason=${cell.reason} title=${why}>
    <span class="band" aria-hidden="true">${band}</span><span class="sr-only">${why}</span>
  </td>`;
}

/** The table view: rows × months with totals; hidden figures as bands. */
export function statsTable(o: TableOptions): TemplateResult {
  const { table } = o;
  const k = table.k;
  const totals = hasRowTotals(table);
  return html`<div class="table-scroll" part="table-wrapper" role="region" aria-labelledby="stats-caption" tabindex="0">
    <table class="stats" part="table">
      <caption id="stats-caption">${o.caption}</caption>
      <thead>
        <tr>
          <th scope="col">${o.rowHeader}</th>
          ${table.columns.map((c) => html`<th scope="col" class="num">${o.columnLabel(c)}</th>`)} ${totals ? html`<th scope="col" class="num">${o.t.total}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${table.rows.map(
          (row, r) => html`<tr data-key=${row.key}>
            <th scope="row">${o.rowLabel(row)}</th>
            ${(table.cells[r] ?? []).map((cell) => figureCell(cell, o, k))} ${totals ? figureCell(table.rowTotals[r] ?? table.total, o, k) : nothing}
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">${o.t.total}</th>
          ${table.columnTotals.map((cell) => figureCell(cell, o, k))} ${totals ? figureCell(table.total, o, k) : nothing}
        </tr>
      </tfoot>
    </table>
  </div>`;
}

/** Why figures are hidden: shown with any table or list that hides some. */
export function suppressionNote(
  table: StatsTable | undefined,
  t: UsageStatsTranslation,
  format: (n: number) => string,
  k = table?.k ?? 5,
): TemplateResult | typeof nothing {
  const s = table ? suppression(table) : { primary: 1, secondary: 0, all: false };
  if (s.primary + s.secondary === 0) return nothing;
  return html`<aside class="note" part="suppression-note" id="suppression-note" aria-labelledby="suppression-title">
    <h3 id="suppression-title">${t.suppressedTitle}</h3>
    ${s.all ? html`<p class="all-suppressed">${t.allSuppressed}</p>` : nothing}
    <p>${t.suppressedPrimary(`<${k}`, format(k))}</p>
    <p>${t.suppressedSecondary}</p>
  </aside>`;
}
