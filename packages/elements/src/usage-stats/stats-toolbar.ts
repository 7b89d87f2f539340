import { html, nothing, type TemplateResult } from 'lit';
import type { StatsBreakdown, StatsMetric, StatsTab, UsageStatsTranslation } from './localize/translation.js';
import {
  formatMonth,
  monthsOf,
  parsePeriod,
  schoolYear,
  schoolYearStartOf,
  schoolYearsUpTo,
  type StatsPeriod,
} from './period-grid.js';

const targetValue = (e: Event) => (e.target as HTMLSelectElement).value;

/** What the pickers show and report. */
export interface ToolbarOptions {
  t: UsageStatsTranslation;
  tab: StatsTab;
  period: StatsPeriod;
  now: Date;
  by: StatsBreakdown;
  metric: StatsMetric;
  display: 'chart' | 'table';
  canExport: boolean;
  onPeriod: (period: StatsPeriod) => void;
  onBy: (by: StatsBreakdown) => void;
  onMetric: (metric: StatsMetric) => void;
  onDisplay: (display: 'chart' | 'table') => void;
  onExport: () => void;
}

/**
 * The month a view of one month shows for a period: the period itself, or for a school year its last month so far.
 */
export function monthFor(period: StatsPeriod, now: Date): StatsPeriod {
  const p = parsePeriod(period);
  if (p?.kind === 'month') return period;
  const months = monthsOf(p ? schoolYearStartOf(p) : 0, now);
  return months[months.length - 1] ?? period;
}

/** School year and month pickers over the fixed grid (no free dates); the quality view always has one month. */
function periodPickers(o: ToolbarOptions): TemplateResult {
  const t = o.t;
  // Allocation figures exist for the current school year only (the service says so).
  if (o.tab === 'unused') {
    const y = schoolYearsUpTo(o.now, 1)[0]!;
    return html`<p class="current-year">${t.currentYear(t.schoolYearLabel(y, y + 1))}</p>`;
  }
  const parsed = parsePeriod(o.period);
  const start = parsed ? schoolYearStartOf(parsed) : schoolYearsUpTo(o.now, 1)[0]!;
  const months = monthsOf(start, o.now);
  const shown = o.tab === 'quality' ? monthFor(o.period, o.now) : o.period;
  const onYear = (e: Event) => {
    const y = Number(targetValue(e));
    if (o.tab !== 'quality' || parsed?.kind !== 'month') return o.onPeriod(schoolYear(y));
    // Keep the same month of the chosen year when it has one yet, else its last month so far.
    const same = `${parsed.month >= 9 ? y : y + 1}-${String(parsed.month).padStart(2, '0')}`;
    const list = monthsOf(y, o.now);
    o.onPeriod(list.includes(same) ? same : (list[list.length - 1] ?? schoolYear(y)));
  };
  return html`<label class="field" part="year-picker"
      >${t.schoolYear}
      <select data-picker="year" @change=${onYear}>
        ${schoolYearsUpTo(o.now).map((y) => html`<option value=${y} ?selected=${y === start}>${t.schoolYearLabel(y, y + 1)}</option>`)}
      </select></label
    >
    <label class="field" part="month-picker"
      >${t.month}
      <select data-picker="month" @change=${(e: Event) => o.onPeriod(targetValue(e))}>
        ${o.tab === 'quality' ? nothing : html`<option value=${schoolYear(start)} ?selected=${shown === schoolYear(start)}>${t.wholeYear}</option>`}
        ${months.map((m) => html`<option value=${m} ?selected=${m === shown}>${formatMonth(m, t.locale)}</option>`)}
      </select></label
    >`;
}

/** Period pickers, then for the usage view: breakdown, measure, chart/table switch and the CSV export. */
export function toolbar(o: ToolbarOptions): TemplateResult {
  const t = o.t;
  const usage = o.tab === 'usage';
  return html`<div class="toolbar" part="toolbar">
    ${periodPickers(o)}
    ${
      usage
        ? html`<label class="field" part="filters"
            >${t.breakdown}
            <select data-picker="by" @change=${(e: Event) => o.onBy(targetValue(e) as StatsBreakdown)}>
              ${(['resource', 'profile', 'division'] as const).map((b) => html`<option value=${b} ?selected=${b === o.by}>${t.breakdowns[b]}</option>`)}
            </select></label
          >
          <label class="field" part="metric-picker"
            >${t.metric}
            <select data-picker="metric" @change=${(e: Event) => o.onMetric(targetValue(e) as StatsMetric)}>
              ${(['accesses', 'people'] as const).map((m) => html`<option value=${m} ?selected=${m === o.metric}>${t.metrics[m]}</option>`)}
            </select></label
          >
          <div class="segmented" role="group" aria-label=${t.display} part="display-toggle">
            ${(['chart', 'table'] as const).map(
              (
                d,
              ) => html`<button type="button" class="button" data-display=${d} aria-pressed=${d === o.display ? 'true' : 'false'} @click=${() => o.onDisplay(d)}>
                ${d === 'chart' ? t.chart : t.table}
              </button>`,
            )}
          </div>
          <button type="button" class="button" part="export-button" ?disabled=${!o.canExport} @click=${o.onExport}>${t.exportCsv}</button>`
        : nothing
    }
  </div>`;
}

/** The view tabs (a tablist: arrows move between tabs, Home/End to the ends). */
export function tabs(
  t: UsageStatsTranslation,
  current: StatsTab,
  onSelect: (tab: StatsTab, focus: boolean) => void,
): TemplateResult {
  const all: StatsTab[] = ['usage', 'unused', 'quality'];
  const onKey = (e: KeyboardEvent) => {
    const i = all.indexOf(current);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: all.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onSelect(all[(next + all.length) % all.length]!, true);
  };
  return html`<div class="tabs" role="tablist" aria-label=${t.tabsLabel} part="tabs" @keydown=${onKey}>
    ${all.map(
      (tab) => html`<button
        type="button"
        role="tab"
        id="tab-${tab}"
        class="tab"
        part="tab"
        data-tab=${tab}
        aria-selected=${tab === current ? 'true' : 'false'}
        aria-controls="panel"
        tabindex=${tab === current ? 0 : -1}
        @click=${() => onSelect(tab, false)}
      >
        ${t.tabs[tab]}
      </button>`,
    )}
  </div>`;
}
