import { commonErrorsEn } from '../../shared/common-texts.js';
import type { UsageStatsTranslation } from './translation.js';

/** English. */
export const usageStatsEn: UsageStatsTranslation = {
  locale: 'en-GB',
  title: 'Usage statistics',
  loading: 'Loading statistics…',
  tabsLabel: 'Statistics views',
  tabs: { usage: 'Usage', unused: 'Little-used resources', quality: 'Quality of service' },
  schoolYear: 'School year',
  month: 'Month',
  wholeYear: 'Whole year',
  currentYear: (label) => `Current school year: ${label}`,
  schoolYearLabel: (start, end) => `${start}–${end}`,
  breakdown: 'Broken down by',
  breakdowns: { resource: 'Resource', profile: 'Profile', division: 'Class' },
  metric: 'Measure',
  metrics: { accesses: 'Accesses', people: 'Distinct people' },
  display: 'Display',
  chart: 'Chart',
  table: 'Table',
  exportCsv: 'Export as CSV',
  total: 'Total',
  rowHeader: { resource: 'Resource', profile: 'Profile', division: 'Class' },
  profiles: {
    National_elv: 'Pupils',
    National_ens: 'Teachers',
    National_doc: 'Teacher-librarians',
    National_dir: 'Heads',
    National_evs: 'School life staff',
    National_eta: 'Administrative staff',
    National_col: 'Local authority',
  },
  caption: (metric, by, period) => `${metric} by ${by.toLowerCase()}, ${period}`,
  chartByColumn: (metric, period) => `${metric} over the period, ${period}`,
  chartByRow: (metric, by, period) => `${metric} by ${by.toLowerCase()}, ${period}`,
  chartSummary: (count, highest, hidden) =>
    [
      count === 0 ? 'No figures.' : count === 1 ? '1 figure.' : `${count} figures.`,
      highest ? `Highest: ${highest}.` : '',
      hidden === 0
        ? ''
        : hidden === 1
          ? '1 figure hidden (fewer than 5 people).'
          : `${hidden} figures hidden (fewer than 5 people).`,
      'The table gives every figure.',
    ]
      .filter(Boolean)
      .join(' '),
  showTable: 'Show the table',
  hiddenMark: 'hidden',
  suppressedTitle: 'Why some figures are hidden',
  suppressedPrimary: (band, k) =>
    `“${band}”: fewer than ${k} distinct people. So that no one can be recognised, these figures are never given, nor their access counts.`,
  suppressedSecondary:
    '“hidden”: a few other figures, not necessarily small, are hidden so that the first ones cannot be worked out by subtracting from the totals. That is why a row may seem not to add up. A hidden figure is not a zero.',
  suppressedCell: (band, reason, k) =>
    reason === 'primary'
      ? `${band}: fewer than ${k} people, figure hidden`
      : `${band}: not necessarily a small figure; hidden so that a small one cannot be worked out from the totals`,
  allSuppressed: 'Every figure of this period is hidden: too few people to publish them.',
  emptyTitle: 'No use in this period',
  emptyHint: 'No resource was opened. Choose another period.',
  allocationsTitle: 'Copies used / allocated',
  tableOf: (title) => `Table: ${title}`,
  allocationsHint: 'Per resource and audience: copies opened at least once, out of the copies allocated.',
  audiences: {
    ELEVE: 'Pupils',
    ENSEIGNANT: 'Teachers',
    DOCUMENTALISTE: 'Teacher-librarians',
    'AUTRE PERSONNEL': 'Other staff',
  },
  unusedTitle: 'Allocated but never opened',
  unusedHint: 'Resources with allocated copies that no one opened in the period.',
  unusedNone: 'Every allocated resource was opened.',
  fewTitle: 'Opened by few people',
  fewHint: 'People are counted in bands: “<5” means fewer than 5.',
  fewNone: 'No resource was opened by only a few people.',
  allocated: (count) => `${count} cop${count === '1' ? 'y' : 'ies'} allocated`,
  openedBy: (band) => `opened by ${band} ${band === '1' ? 'person' : 'people'}`,
  qualityTitle: 'Successful and refused openings, per resource and day',
  qualityHint: 'Refusals with no successful opening point at a problem; a day with nothing only means no one used it.',
  qualityNone: 'No openings in this period.',
  resource: 'Resource',
  day: 'Day',
  successes: 'Succeeded',
  refusals: 'Refused',
  qualityVerdicts: {
    ok: 'Working',
    down: 'Unreachable at the last check: the resource is down',
    refusals: 'Refusals and no successful opening: to check',
    unused: 'No one used it',
  },
  qualityDays: (name) => `Openings of ${name}, per day`,
  serviceSummary: (requests, errorRate, p95) =>
    `GAR service: ${requests} requests this month; worst day: ${errorRate} errors, 95% of answers within ${p95} ms.`,
  csv: {
    separator: ',',
    headers: ['period', 'key', 'label', 'month', 'accesses', 'people'],
    total: 'total',
    hidden: 'hidden',
  },
  csvFile: (period, by) => `statistics-${period}-by-${by}`,
  refusalReasons: {
    no_copy: 'no copy allocated',
    outside_validity: 'outside the subscription’s dates',
    unavailable: 'resource unavailable',
  },
  errorTitle: 'The statistics cannot be shown',
  offlineTitle: 'You are offline',
  retry: 'Try again',
  refusedTitle: 'Statistics are for allocation managers',
  errors: {
    ...commonErrorsEn,
    forbidden: 'Only the school’s allocation managers and their delegates can see these statistics.',
    notEntitled: 'These statistics are not available for this school.',
    notConfigured: 'The statistics are not set up (the service address is missing).',
    badLink: 'The service answered something unexpected.',
  },
};
