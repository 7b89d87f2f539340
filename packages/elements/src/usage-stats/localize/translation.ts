import type { ErrorMessageKey } from '../../shared/localize.js';
import type { CsvWording } from '../stats-csv.js';

/** What a figure counts: hand-offs (accesses) or distinct people. */
export type StatsMetric = 'accesses' | 'people';
/** How the usage table is broken down (the service's `by`). */
export type StatsBreakdown = 'resource' | 'profile' | 'division';
/** The views of `<gar-usage-stats>`. */
export type StatsTab = 'usage' | 'unused' | 'quality';

/**
 * Every text of `<gar-usage-stats>`. Plurals and values are functions so each language words them its own way;
 * numbers and dates arrive already formatted for the locale.
 */
export interface UsageStatsTranslation {
  /** BCP 47 tag used for `Intl` formatting and the `lang` of the rendered text. */
  locale: string;
  title: string;
  loading: string;
  tabsLabel: string;
  tabs: Record<StatsTab, string>;
  schoolYear: string;
  month: string;
  wholeYear: string;
  /** The school year the allocation lists are about (only the current one exists). */
  currentYear: (label: string) => string;
  /** A school year `2026-2027` as read aloud and shown. */
  schoolYearLabel: (start: number, end: number) => string;
  breakdown: string;
  breakdowns: Record<StatsBreakdown, string>;
  metric: string;
  metrics: Record<StatsMetric, string>;
  display: string;
  chart: string;
  table: string;
  exportCsv: string;
  total: string;
  /** Column header of the first column. */
  rowHeader: Record<StatsBreakdown, string>;
  profiles: Record<string, string>;
  /** Caption of the usage table and title of its chart. */
  caption: (metric: string, by: string, period: string) => string;
  chartByColumn: (metric: string, period: string) => string;
  chartByRow: (metric: string, by: string, period: string) => string;
  /** The chart's description: its extent, highest figure and hidden figures. */
  chartSummary: (count: number, highest: string | undefined, hidden: number) => string;
  showTable: string;
  /** What a figure hidden by secondary suppression shows instead of a band (“masqué”). */
  hiddenMark: string;
  suppressedTitle: string;
  /** Why figures are hidden; `band` is the band shown (`<5`), `k` the threshold. */
  suppressedPrimary: (band: string, k: string) => string;
  suppressedSecondary: string;
  /** Tooltip of one hidden figure. */
  suppressedCell: (band: string, reason: 'primary' | 'secondary', k: string) => string;
  allSuppressed: string;
  emptyTitle: string;
  emptyHint: string;
  allocationsTitle: string;
  allocationsHint: string;
  /** Name of the scrolling box of a table. */
  tableOf: (title: string) => string;
  /** Licence audiences (`ELEVE`…), as column headers. */
  audiences: Record<string, string>;
  unusedTitle: string;
  unusedHint: string;
  unusedNone: string;
  fewTitle: string;
  fewHint: string;
  fewNone: string;
  /** Copies allocated to a resource, and how many of them were opened (as a band or a number). */
  allocated: (count: string) => string;
  openedBy: (band: string) => string;
  qualityTitle: string;
  qualityHint: string;
  qualityNone: string;
  resource: string;
  day: string;
  successes: string;
  refusals: string;
  /** What a day of a resource means: it answered, it refused, no one used it. */
  qualityVerdicts: Record<'ok' | 'down' | 'refusals' | 'unused', string>;
  /** Label of one resource's table of days. */
  qualityDays: (name: string) => string;
  /** The service's own health over the month: requests, worst error rate, worst p95 latency in ms. */
  serviceSummary: (requests: string, errorRate: string, p95: string) => string;
  /** Column names and separator of the CSV export. */
  csv: CsvWording;
  /** File name of the CSV export (without extension). */
  csvFile: (period: string, by: string) => string;
  refusalReasons: Record<string, string>;
  errorTitle: string;
  offlineTitle: string;
  retry: string;
  /** Figures are for managers only. */
  refusedTitle: string;
  errors: Record<ErrorMessageKey, string>;
}
