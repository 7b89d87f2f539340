/**
 * Store operations of usage statistics and quality of service (docs/statistics.md). Aggregates are kept incrementally:
 * {@link StatsStoreOps.aggregateHandoffEvents} folds hand-off events not yet counted into counters per scope,
 * dimension, key and period, with the set of statistics pseudonyms already counted per counter so that distinct people
 * stay exact. Dashboards read the counters, never the events.
 */

/** The scope of national counters (school counters use the school's UAI). */
export const NATIONAL_SCOPE = '*';
/** The key of the dimension `all` (every access of the scope) and of a missing value (no division, no académie). */
export const ALL_KEY = '*';
export const NONE_KEY = '-';

/**
 * What a counter is broken down by. School scope: `resource`, `profile`, `division`, `all`; national scope:
 * `academie`, `profile`, `degree`, `all`.
 */
export type StatsCounterDimension = 'resource' | 'profile' | 'division' | 'all' | 'academie' | 'degree';

/** A counter: accesses and distinct people of one key in one period (a month `YYYY-MM` or a school year `YYYY-YYYY`). */
export interface StatsCounter {
  scope: string;
  dimension: StatsCounterDimension;
  key: string;
  period: string;
  accesses: number;
  people: number;
}

/** Hand-off attempts of one school, resource, day (`YYYY-MM-DD`, UTC), outcome and refusal reason. */
export interface HandoffDayCount {
  uai: string;
  resourceId: string;
  day: string;
  outcome: 'success' | 'refused';
  /** `''` for successes. */
  reason: string;
  count: number;
}

/** Number of latency buckets; bucket `i` counts requests that took less than `LATENCY_BOUNDS_MS[i]` (the last: more). */
export const LATENCY_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

/** The service's own health on one day (UTC): requests, 5xx answers, a latency histogram, readiness checks. */
export interface ServiceDay {
  day: string;
  requests: number;
  errors: number;
  /** `LATENCY_BOUNDS_MS.length + 1` counts. */
  latencyBuckets: number[];
  readyChecks: number;
  readyFailures: number;
}

/** The last reachability probe of a resource's access URL. */
export interface ResourceProbe {
  resourceId: string;
  at: string;
  ok: boolean;
  status?: number;
  latencyMs?: number;
  error?: 'timeout' | 'network' | 'status';
}

/** A frozen, already protected table of a closed school year (the rollover archives them). */
export interface StatsArchive {
  scope: string;
  year: string;
  /** What the table is broken down by (`resource`, `profile`, …). */
  by: string;
  /** The published table as JSON (cells already under disclosure control). */
  table: unknown;
  archivedAt: string;
}

/** Statistics operations of a store; part of `StoreOps`. */
export interface StatsStoreOps {
  /**
   * Folds up to `limit` hand-off events not yet aggregated into the counters and the daily hand-off counts, in one
   * transaction, and marks them aggregated. Returns how many events it folded (0: up to date).
   */
  aggregateHandoffEvents(limit: number): Promise<number>;
  /** Counters of one scope for some dimensions and periods (keys: all, or the listed ones). */
  listStatsCounters(filter: {
    scope: string;
    dimensions: readonly StatsCounterDimension[];
    periods: readonly string[];
  }): Promise<StatsCounter[]>;
  /** Daily hand-off counts of a school, days `from` ≤ day < `to` (`YYYY-MM-DD`). */
  listHandoffDays(filter: { uai: string; from: string; to: string }): Promise<HandoffDayCount[]>;
  /** Deletes aggregated hand-off events older than `before` (retention); returns how many went. */
  deleteHandoffEventsBefore(before: string): Promise<number>;
  /** Forgets the pseudonym sets of closed periods (their counters are final); returns how many entries went. */
  purgeStatsPeople(periods: readonly string[]): Promise<number>;
  /** Periods that still hold pseudonym sets. */
  listStatsPeoplePeriods(): Promise<string[]>;
  /** Adds a day's service measurements to what is recorded for that day. */
  addServiceDay(delta: ServiceDay): Promise<void>;
  /** Service days `from` ≤ day < `to`. */
  listServiceDays(filter: { from: string; to: string }): Promise<ServiceDay[]>;
  /** Records the last probe of a resource (replacing the previous one). */
  putResourceProbe(probe: ResourceProbe): Promise<void>;
  listResourceProbes(filter: { resourceIds?: readonly string[] }): Promise<ResourceProbe[]>;
  /** Stores (or replaces) a frozen protected table. */
  putStatsArchive(archive: StatsArchive): Promise<void>;
  getStatsArchive(scope: string, year: string, by: string): Promise<StatsArchive | undefined>;
}

/**
 * The statistics store by its concept's name (the same interface as {@link StatsStoreOps}).
 *
 * @example
 * ```ts
 * const folded = await store.aggregateHandoffEvents(1000); // 0: up to date
 * ```
 */
export type StatsStore = StatsStoreOps;
