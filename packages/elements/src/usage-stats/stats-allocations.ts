import type { AllocationStats, PublishedStatsCell } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { UsageStatsTranslation } from './localize/translation.js';
import { bandOf, suppression } from './published-figures.js';

// Copies used (opened at least once) out of copies allocated, per subscription and audience. Both tables arrive
// protected on their own; a hidden figure stays its band, so "used / allocated" may read "<5 / 28".

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function figure(
  cell: PublishedStatsCell | undefined,
  k: number,
  format: (n: number) => string,
  hidden: string,
): TemplateResult {
  if (!cell) return html`<span>–</span>`;
  return cell.status === 'published'
    ? html`<span>${format(cell.accesses)}</span>`
    : html`<span class="band">${bandOf(cell, k, hidden)}</span>`;
}

const reasonOf = (...cells: (PublishedStatsCell | undefined)[]): 'primary' | 'secondary' =>
  cells.some((c) => c?.status === 'suppressed' && c.reason === 'primary') ? 'primary' : 'secondary';

function pair(
  used: PublishedStatsCell | undefined,
  allocated: PublishedStatsCell | undefined,
  k: number,
  t: UsageStatsTranslation,
  format: (n: number) => string,
): TemplateResult {
  const hidden = used?.status === 'suppressed' || allocated?.status === 'suppressed';
  const reason = reasonOf(used, allocated);
  const title = hidden ? t.suppressedCell(reason === 'primary' ? `<${k}` : t.hiddenMark, reason, format(k)) : nothing;
  return html`<td class="num ${hidden ? 'suppressed' : ''}" title=${title}>
    ${figure(used, k, format, t.hiddenMark)} / ${figure(allocated, k, format, t.hiddenMark)}
  </td>`;
}

/** Copies used / allocated, per subscription (rows) and audience (columns), with totals. */
export function allocationTable(
  a: AllocationStats,
  t: UsageStatsTranslation,
  format: (n: number) => string,
): TemplateResult | typeof nothing {
  const { allocated, used } = a;
  if (allocated.rows.length === 0) return nothing;
  const k = allocated.k;
  const usedRow = new Map(used.rows.map((r, i) => [r.key, i]));
  const usedColumn = new Map(used.columns.map((c, i) => [c, i]));
  const hidden =
    suppression(allocated).primary +
    suppression(allocated).secondary +
    suppression(used).primary +
    suppression(used).secondary;
  return html`<section class="list-section" part="allocations" aria-labelledby="allocations-title">
    <h3 id="allocations-title">${t.allocationsTitle}</h3>
    <p class="hint">${t.allocationsHint}</p>
    <div class="table-scroll" role="region" tabindex="0" aria-label=${t.tableOf(t.allocationsTitle)}>
      <table class="stats">
        <thead>
          <tr>
            <th scope="col">${t.resource}</th>
            ${allocated.columns.map((c) => html`<th scope="col" class="num">${t.audiences[c] ?? c}</th>`)}
            <th scope="col" class="num">${t.total}</th>
          </tr>
        </thead>
        <tbody>
          ${allocated.rows.map((row, r) => {
            const u = usedRow.get(row.key);
            return html`<tr data-key=${row.key}>
              <th scope="row">${text(row.label)}</th>
              ${allocated.columns.map((c, i) => pair(u === undefined ? undefined : used.cells[u]?.[usedColumn.get(c) ?? -1], allocated.cells[r]?.[i], k, t, format))}
              ${pair(u === undefined ? undefined : used.rowTotals[u], allocated.rowTotals[r], k, t, format)}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${hidden ? html`<p class="hint">${t.suppressedPrimary(`<${k}`, format(k))} ${t.suppressedSecondary}</p>` : nothing}
  </section>`;
}
