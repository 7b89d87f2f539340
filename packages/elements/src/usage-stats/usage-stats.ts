import type { AllocationStats, QualityStats, SchoolStats, UnusedStats } from '@opengar/core';
import type { GarMediacentreClient } from '@opengar/sdk';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { ClientController } from '../shared/client-controller.js';
import { GarClientElement } from '../shared/gar-element.js';
import { describeError } from '../shared/describe-error.js';
import { GarErrorEvent, type GarErrorDetail } from '../shared/gar-error-event.js';
import type { ErrorMessageKey } from '../shared/localize.js';
import type { MediacentreLang } from '../mediacentre/localize/translation.js';
import { GarPeriodChangeEvent } from './events.js';
import type { StatsBreakdown, StatsMetric, StatsTab, UsageStatsTranslation } from './localize/translation.js';
import { localize } from './localize.js';
import { firstManagedSchool, loadView, NotAManagerError, requestKey, type ViewRequest } from './load-view.js';
import { normalisePeriod } from './period-grid.js';
import { downloadCsv, tableCsv } from './stats-csv.js';
import { statsSource, type UsageStatsSource } from './stats-source.js';
import { tabs, toolbar } from './stats-toolbar.js';
import { renderPanel, rowLabelFor, shownText, type StatsView } from './usage-stats-view.js';
import { usageStatsStyles } from './usage-stats.styles.js';

/** What `<gar-usage-stats>` shows: waiting for a client, loading, figures, an error, offline, or a refusal. */
export type UsageStatsStatus = StatsView;

/**
 * Usage statistics of a school for its allocation managers: accesses and distinct people per resource, profile or
 * class over the fixed grid (months, school years), as an accessible SVG chart or a table, with the CSV export;
 * resources allocated but never opened or opened by few; and the quality of service per resource and day.
 *
 * Figures come protected from the service: a figure of fewer than 5 people is the band `<5` (never a number, never
 * drawn as zero), and a few more are hidden so that none can be worked out from the totals; a note explains both.
 *
 * It takes its client from an enclosing `<gar-client-provider>`, or, alone on a page, makes one from `service-url`
 * and `getToken`.
 *
 * @summary A school's usage statistics, under disclosure control.
 *
 * @fires {GarPeriodChangeEvent} gar-period-change - When the person picks another period or breakdown.
 * @fires {GarErrorEvent} gar-error - When loading or rendering fails, or the person is not a manager of the school.
 *
 * @csspart title - The heading.
 * @csspart status - The live region (visually hidden): "loading", then what is shown.
 * @csspart tabs - The view tabs; each is a `tab`.
 * @csspart tab - One view tab.
 * @csspart panel - The current view.
 * @csspart toolbar - The pickers.
 * @csspart year-picker - The school year picker.
 * @csspart month-picker - The month picker (with "whole year" in the usage view).
 * @csspart filters - The breakdown picker (resource, profile, class).
 * @csspart metric-picker - Accesses or distinct people.
 * @csspart display-toggle - The chart/table switch.
 * @csspart export-button - The CSV export.
 * @csspart chart - The charts' container; each chart is a `chart-svg`.
 * @csspart chart-svg - One chart (`role="img"`, with a title and a description).
 * @csspart table-wrapper - The scrolling box of the table.
 * @csspart table - The table view.
 * @csspart suppressed-cell - A hidden figure in the table (shows the band).
 * @csspart suppression-note - Why figures are hidden.
 * @csspart unused - The "allocated but never opened" list.
 * @csspart few - The "opened by few" list.
 * @csspart allocations - Copies used out of copies allocated, per resource and audience.
 * @csspart quality - The quality-of-service view.
 * @csspart quality-resource - One resource's days.
 * @csspart verdict - A resource's verdict (working, down, refusals, unused).
 * @csspart service-health - The service's own health over the month.
 * @csspart empty - The no-use message.
 * @csspart error - The error, offline and refusal messages.
 * @csspart skeleton - The placeholder while loading.
 *
 * @cssprop --gar-usage-stats-background - Background (falls back to `--gar-color-surface`).
 * @cssprop --gar-usage-stats-color - Text colour (`--gar-color-text`).
 * @cssprop --gar-usage-stats-muted-color - Secondary text, axes (`--gar-color-text-muted`).
 * @cssprop --gar-usage-stats-surface - Raised surfaces: note, table header (`--gar-color-surface-raised`).
 * @cssprop --gar-usage-stats-border-color - Borders and grid lines (`--gar-color-border`).
 * @cssprop --gar-usage-stats-accent - Buttons, selected tab (`--gar-color-accent`).
 * @cssprop --gar-usage-stats-on-accent - Text on the accent (`--gar-color-on-accent`).
 * @cssprop --gar-usage-stats-bar - Bars of the charts (`--gar-color-accent`).
 * @cssprop --gar-usage-stats-band - Hatching of hidden figures (`--gar-color-text-muted`).
 * @cssprop --gar-usage-stats-danger - Errors and "down" (`--gar-color-danger`).
 * @cssprop --gar-usage-stats-success - "Working" (`--gar-color-success`).
 * @cssprop --gar-usage-stats-focus-ring - Focus outline (`--gar-focus-ring`).
 * @cssprop --gar-usage-stats-radius - Corner radius (`--gar-radius`).
 * @cssprop --gar-usage-stats-gap - Spacing (`--gar-space`).
 * @cssprop --gar-usage-stats-font-family - Font (`--gar-font-family`).
 * @cssprop --gar-usage-stats-font-size - Base font size.
 */
export class GarUsageStats extends GarClientElement {
  /** The element's shadow styles (themable through its `--gar-*` custom properties and parts). */
  static override styles = usageStatsStyles;
  static override properties = {
    source: { attribute: false },
    uai: { reflect: true },
    period: { reflect: true },
    by: { reflect: true },
    metric: { reflect: true },
    display: { reflect: true },
    tab: { reflect: true },
    now: { attribute: false },
    view: { state: true },
    usage: { state: true },
    unused: { state: true },
    allocations: { state: true },
    quality: { state: true },
    names: { state: true },
    errorKey: { state: true },
  };

  /** Where the figures come from (default: the client's statistics calls); for hosts with their own transport. */
  source?: UsageStatsSource;
  /** The school (UAI); default: the first school the person manages. */
  uai = '';
  /** A month `2026-10` or a school year `2026-2027` of the fixed grid; default: the current school year. */
  period = '';
  /** The breakdown of the usage view: `resource` (default), `profile` or `division`. */
  by: StatsBreakdown = 'resource';
  /** What the usage view counts: `accesses` (default) or distinct `people`. */
  metric: StatsMetric = 'accesses';
  /** The usage view as a `chart` (default) or a `table`. */
  display: 'chart' | 'table' = 'chart';
  /** The view: `usage` (default), `unused` or `quality`. */
  tab: StatsTab = 'usage';
  /** The clock (ms since epoch): which school years and months exist yet. */
  now: () => number = () => Date.now();

  private view: StatsView = 'waiting';
  private usage?: SchoolStats;
  private unused?: UnusedStats;
  private allocations?: AllocationStats;
  private quality?: QualityStats;
  private names: ReadonlyMap<string, string> = new Map();
  private errorKey?: ErrorMessageKey;

  #sources = new WeakMap<GarMediacentreClient, UsageStatsSource>();
  readonly #client = new ClientController<UsageStatsSource>(this, {
    source: (client) => this.source ?? (client && this.#sourceFor(client)),
    waiting: () => (this.view = 'waiting'),
    unconfigured: () =>
      this.#fail('configure', new Error('no service URL'), { code: 'not-configured', messageKey: 'notConfigured' }),
  });
  readonly #localize = localize(this);
  #schoolUai = '';
  #loadedKey = '';

  /** What the element shows now. */
  get status(): UsageStatsStatus {
    return this.view;
  }

  /** The current language. */
  get language(): MediacentreLang {
    return this.#localize.lang;
  }

  get #t(): UsageStatsTranslation {
    return this.#localize.t;
  }

  // A host's clock that throws or answers nonsense must not break the element: the system's then.
  #today(): Date {
    try {
      const d = new Date(this.now());
      if (!Number.isNaN(d.getTime())) return d;
    } catch {
      // fall through
    }
    return new Date();
  }

  get #period(): string {
    return normalisePeriod(this.period, this.#today());
  }

  /** The usage figures shown now as CSV (bands stay bands), or `undefined` when none are shown. */
  toCsv(): string | undefined {
    const u = this.usage;
    if (this.view !== 'ready' || this.tab !== 'usage' || !u) return undefined;
    return tableCsv(u.table, u.period, this.#t.csv, rowLabelFor(u.by, this.#t));
  }

  /** Loads the figures again (after an error, or to refresh). */
  async reload(): Promise<void> {
    this.#loadedKey = '';
    await this.#load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#client.sync(changed, changed.has('uai'))) {
      this.#schoolUai = this.uai;
      this.#loadedKey = '';
    }
    if (this.#client.active && requestKey(this.#schoolUai, this.#request) !== this.#loadedKey) void this.#load();
  }

  #sourceFor(client: GarMediacentreClient): UsageStatsSource {
    let s = this.#sources.get(client);
    if (!s) {
      s = statsSource(client);
      this.#sources.set(client, s);
    }
    return s;
  }

  get #request(): ViewRequest {
    return { tab: this.tab, period: this.#period, by: this.by, now: this.#today() };
  }

  #load(): Promise<void> {
    return this.#client.run((source, signal) => this.#read(source, signal));
  }

  async #read(source: UsageStatsSource, signal: AbortSignal): Promise<void> {
    this.#loadedKey = requestKey(this.#schoolUai, this.#request);
    this.view = 'loading';
    try {
      if (!this.#schoolUai) {
        this.#schoolUai = await firstManagedSchool(source, signal);
        this.#loadedKey = requestKey(this.#schoolUai, this.#request);
      }
      const loaded = await loadView(source, this.#schoolUai, this.#request, signal);
      if (signal.aborted) return;
      if (loaded.tab === 'usage') this.usage = loaded.usage;
      else if (loaded.tab === 'unused') [this.unused, this.allocations] = [loaded.unused, loaded.allocations];
      else this.quality = loaded.quality;
      if (loaded.tab !== 'unused' && loaded.names) this.names = loaded.names;
      this.view = 'ready';
    } catch (error) {
      if (signal.aborted) return;
      this.#fail(
        'load',
        error,
        error instanceof NotAManagerError ? { code: 'forbidden', messageKey: 'forbidden' } : describeError(error),
      );
    }
  }

  /** Shows the failure and dispatches `gar-error`; a refusal (not a manager) has its own state. */
  #fail(operation: GarErrorDetail['operation'], error: unknown, described = describeError(error)): void {
    const message = this.#t.errors[described.messageKey];
    this.errorKey = described.messageKey;
    const offline = described.messageKey === 'offline' || (typeof navigator === 'object' && navigator.onLine === false);
    this.view = described.messageKey === 'forbidden' ? 'refused' : offline ? 'offline' : 'error';
    this.dispatchEvent(
      new GarErrorEvent({ operation, code: described.code, messageKey: described.messageKey, message, error }),
    );
  }

  #choosePeriod(period: string, by: StatsBreakdown = this.by): void {
    if (period === this.period && by === this.by) return;
    this.period = period;
    this.by = by;
    this.dispatchEvent(new GarPeriodChangeEvent({ period: this.#period, by }));
  }

  async #selectTab(tab: StatsTab, focus: boolean): Promise<void> {
    this.tab = tab;
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[role="tab"][data-tab="${tab}"]`)?.focus();
  }

  #export(): void {
    const csv = this.toCsv();
    const u = this.usage;
    if (csv !== undefined && u) downloadCsv(this.renderRoot, csv, this.#t.csvFile(u.period, u.by));
  }

  protected override render(): TemplateResult {
    try {
      return this.#renderView();
    } catch (error) {
      queueMicrotask(() => this.#fail('render', error, { code: 'render', messageKey: 'generic' }));
      return html`<div lang=${this.language}><div class="message error" part="error" role="alert"><p>${this.#t.errors.generic}</p></div></div>`;
    }
  }

  #renderView(): TemplateResult {
    const t = this.#t;
    const now = this.#today();
    const format = new Intl.NumberFormat(t.locale).format;
    const busy = this.view === 'loading' || this.view === 'waiting';
    return html`<div lang=${this.language} class="root">
      <h2 class="title" part="title">${t.title}</h2>
      <p class="status sr-only" part="status" role="status">${busy ? t.loading : shownText({ view: this.view, tab: this.tab, t, usage: this.usage, unused: this.unused, quality: this.quality, metric: this.metric })}</p>
      ${this.view === 'refused' ? '' : tabs(t, this.tab, (tab, focus) => void this.#selectTab(tab, focus))}
      <div class="panel" part="panel" role=${this.view === 'refused' ? 'region' : 'tabpanel'} id="panel" aria-labelledby=${this.view === 'refused' ? 'refused-title' : `tab-${this.tab}`} aria-busy=${busy ? 'true' : 'false'}>
        ${
          this.view === 'refused'
            ? ''
            : toolbar({
                t,
                tab: this.tab,
                period: this.#period,
                now,
                by: this.by,
                metric: this.metric,
                display: this.display,
                canExport: this.view === 'ready' && this.tab === 'usage' && !!this.usage,
                onPeriod: (p) => this.#choosePeriod(p),
                onBy: (by) => this.#choosePeriod(this.period || this.#period, by),
                onMetric: (m) => (this.metric = m),
                onDisplay: (d) => (this.display = d),
                onExport: () => this.#export(),
              })
        }
        ${renderPanel({
          view: this.view,
          tab: this.tab,
          t,
          format,
          errorKey: this.errorKey ?? 'generic',
          usage: this.usage,
          unused: this.unused,
          allocations: this.allocations,
          quality: this.quality,
          names: this.names,
          metric: this.metric,
          display: this.display,
          canRetry: !!this.#client.active,
          onRetry: () => void this.reload(),
          onShowTable: () => void this.#showTable(),
        })}
      </div>
    </div>`;
  }

  async #showTable(): Promise<void> {
    this.display = 'table';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="table-wrapper"]')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gar-usage-stats': GarUsageStats;
  }
}
