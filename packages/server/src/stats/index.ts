/**
 * `@opengar/server/stats`: usage statistics as building blocks: the month grid, the service metrics, the aggregation,
 * retention and probe jobs, the small-count protection of published tables.
 *
 * @packageDocumentation
 */
export { monthOf, monthsOfYear, statsYearOfMonth } from '@opengar/core';
export { createServiceMetrics } from './service-metrics.js';
export type { ServiceMetrics, ServiceMetricsOptions } from './service-metrics.js';
export {
  retentionCutoff,
  runResourceProbes,
  runStatsAggregation,
  runStatsRetention,
  STATS_LEASES,
} from './stats-jobs.js';
export type { ProbeOptions, StatsJobOptions } from './stats-jobs.js';
export { startStatsJobs } from './start-stats-jobs.js';
export type { StatsJobsOptions } from './start-stats-jobs.js';
export { monthOfYearTable, protectYear, tableCsv } from './stats-tables.js';
export { ALL_KEY, LATENCY_BOUNDS_MS, NATIONAL_SCOPE, NONE_KEY } from '../store/types-stats.js';
export type {
  HandoffDayCount,
  ResourceProbe,
  ServiceDay,
  StatsArchive,
  StatsCounter,
  StatsCounterDimension,
  StatsStoreOps,
} from '../store/types-stats.js';
