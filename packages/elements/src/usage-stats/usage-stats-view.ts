import type { AllocationStats, QualityStats, SchoolStats, StatsTable, UnusedStats } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { ErrorMessageKey } from '../shared/localize.js';
import type { StatsBreakdown, StatsMetric, StatsTab, UsageStatsTranslation } from './localize/translation.js';
import { formatMonth, parsePeriod } from './period-grid.js';
import { figureOf, isEmptyTable, suppression } from './published-figures.js';
import { chart, type ChartDatum } from './stats-chart.js';
import { allocationTable } from './stats-allocations.js';
import { unusedLists } from './stats-lists.js';
import { qualityView } from './stats-quality.js';
import { statsTable, suppressionNote } from './stats-table.js';

/** The element's states. */
export type StatsView = 'waiting' | 'loading' | 'ready' | 'error' | 'offline' | 'refused';

/** Everything the panel below the pickers needs. */
export interface PanelOptions {
  view: StatsView;
  tab: StatsTab;
  t: UsageStatsTranslation;
  format: (n: number) => string;
  errorKey: ErrorMessageKey;
  usage: SchoolStats | undefined;
  unused: UnusedStats | undefined;
  allocations: AllocationStats | undefined;
  quality: QualityStats | undefined;
  names: ReadonlyMap<string, string>;
  metric: StatsMetric;
  display: 'chart' | 'table';
  canRetry: boolean;
  onRetry: () => void;
  onShowTable: () => void;
}

/** A row's name: profiles in the element's language, other rows as the service names them (untrusted text). */
export function rowLabelFor(by: StatsBreakdown, t: UsageStatsTranslation): (row: StatsTable['rows'][number]) => string {
  return (row) => (by === 'profile' ? (t.profiles[row.key] ?? row.label) : row.label || row.key);
}

/** A period as words: `octobre 2026`, or `année scolaire 2026-2027`. */
export function periodText(period: string, t: UsageStatsTranslation): string {
  const p = parsePeriod(period);
  if (p?.kind === 'year') return `${t.schoolYear.toLowerCase()} ${t.schoolYearLabel(p.start, p.start + 1)}`;
  return formatMonth(period, t.locale);
}

/** What the live region says once figures are shown (so a new period is announced), or `''`. */
export function shownText(
  o: Pick<PanelOptions, 'view' | 'tab' | 't' | 'usage' | 'unused' | 'quality' | 'metric'>,
): string {
  const { t } = o;
  if (o.view !== 'ready') return '';
  if (o.tab === 'usage' && o.usage)
    return t.caption(t.metrics[o.metric], t.breakdowns[o.usage.by], periodText(o.usage.period, t));
  if (o.tab === 'unused' && o.unused) return t.unusedTitle;
  if (o.tab === 'quality' && o.quality) return `${t.tabs.quality}, ${periodText(o.quality.month, t)}`;
  return '';
}

function skeleton(): TemplateResult {
  return html`<div class="skeleton" part="skeleton" aria-hidden="true"><div></div><div></div><div></div></div>`;
}

function message(o: PanelOptions): TemplateResult {
  const t = o.t;
  const title = o.view === 'refused' ? t.refusedTitle : o.view === 'offline' ? t.offlineTitle : t.errorTitle;
  return html`<div class="message error" part="error">
    <h3 id="refused-title">${title}</h3>
    <p>${t.errors[o.errorKey]}</p>
    ${o.canRetry && o.view !== 'refused' ? html`<button type="button" class="button primary" @click=${o.onRetry}>${t.retry}</button>` : nothing}
  </div>`;
}

/** The usage view: charts or table of one protected table, the note on hidden figures. */
function usageView(u: SchoolStats, o: PanelOptions): TemplateResult {
  const { t, format, metric } = o;
  const table = u.table;
  if (isEmptyTable(table)) {
    return html`<div class="message" part="empty"><h3>${t.emptyTitle}</h3><p>${t.emptyHint}</p></div>`;
  }
  const rowLabel = rowLabelFor(u.by, t);
  const period = periodText(u.period, t);
  const metricName = t.metrics[metric];
  const byName = t.breakdowns[u.by];
  const describe = (data: readonly ChartDatum[]) => {
    const shown = data
      .map((d) => ({ d, v: figureOf(d.cell, metric) }))
      .filter((x): x is { d: ChartDatum; v: number } => x.v !== undefined);
    const top = shown.reduce<{ d: ChartDatum; v: number } | undefined>(
      (best, x) => (!best || x.v > best.v ? x : best),
      undefined,
    );
    return t.chartSummary(
      data.length,
      top && top.v > 0 ? `${top.d.label} (${format(top.v)})` : undefined,
      data.length - shown.length,
    );
  };
  const charts: { title: string; svg: TemplateResult }[] = [];
  if (table.columns.length > 1) {
    const data = table.columns.map((c, i) => ({
      key: c,
      label: formatMonth(c, t.locale),
      short: formatMonth(c, t.locale, 'short'),
      cell: table.columnTotals[i]!,
    }));
    const title = t.chartByColumn(metricName, period);
    charts.push({
      title,
      svg: chart(data, {
        id: 'chart-months',
        orientation: 'columns',
        title,
        description: describe(data),
        metric,
        k: table.k,
        hidden: t.hiddenMark,
        format,
      }),
    });
  }
  const rows = table.rows.map((row, r) => {
    const label = rowLabel(row);
    const cell = table.columns.length > 1 ? table.rowTotals[r]! : table.cells[r]![0]!;
    return { key: row.key, label, short: label, cell };
  });
  const title = t.chartByRow(metricName, byName, period);
  charts.push({
    title,
    svg: chart(rows, {
      id: 'chart-rows',
      orientation: 'bars',
      title,
      description: describe(rows),
      metric,
      k: table.k,
      hidden: t.hiddenMark,
      format,
    }),
  });
  const s = suppression(table);
  return html`${
    o.display === 'chart'
      ? html`<div class="charts" part="chart">
          ${charts.map((c) => html`<div class="chart" role="group" tabindex="0" aria-label=${c.title}>${c.svg}</div>`)}
          <button type="button" class="link-button" @click=${o.onShowTable}>${t.showTable}</button>
        </div>`
      : statsTable({
          table,
          metric,
          t,
          caption: t.caption(metricName, byName, period),
          rowHeader: t.rowHeader[u.by],
          rowLabel,
          columnLabel: (c) => formatMonth(c, t.locale),
          format,
        })
  }
    ${suppressionNote(table, t, format)}
    ${
      o.display === 'chart' && s.primary + s.secondary > 0
        ? html`<p class="band-legend"><span class="swatch" aria-hidden="true"></span> ${t.suppressedCell(`<${table.k}`, 'primary', format(table.k))}</p>`
        : nothing
    }`;
}

/** The panel below the pickers for the current view and state. */
export function renderPanel(o: PanelOptions): TemplateResult | typeof nothing {
  switch (o.view) {
    case 'waiting':
    case 'loading':
      return skeleton();
    case 'error':
    case 'offline':
    case 'refused':
      return message(o);
    case 'ready':
      break;
  }
  if (o.tab === 'usage') return o.usage ? usageView(o.usage, o) : nothing;
  if (o.tab === 'unused')
    return o.unused
      ? html`${unusedLists(o.unused, o.t, o.format)} ${o.allocations ? allocationTable(o.allocations, o.t, o.format) : nothing}`
      : nothing;
  return o.quality
    ? qualityView(o.quality, { t: o.t, k: o.unused?.k ?? o.usage?.table.k ?? 5, format: o.format, names: o.names })
    : nothing;
}
