import {
  LATENCY_BOUNDS_MS,
  type ResourceProbe,
  type StatsCounterDimension,
  type StatsStoreOps,
} from '../types-stats.js';
import { statsYearOfMonth } from '@opengar/core';
import { instant } from '../shared/fold.js';
import type { SqlRow } from './driver.js';
import type { SqlContext } from './sql-context.js';

const num = (v: unknown): number => Number(v);
const str = (v: unknown): string => String(v);

// The statistics year of a month is core's rule (statsYearOfMonth), handed to SQL as, per calendar month, how many years
// its school year starts after the month's own year (0 from September, -1 before): the SQL knows no calendar rule.
const YEAR_START_OFFSETS = Array.from({ length: 12 }, (_, i) => {
  const month = `2000-${String(i + 1).padStart(2, '0')}`;
  return Number(statsYearOfMonth(month).slice(0, 4)) - 2000;
});

// One statement folds a batch: the data-modifying CTEs all run, against one snapshot. A pseudonym inserted for the
// first time into a counter's set is one more distinct person of that counter.
const AGGREGATE = `
WITH batch AS (
  SELECT e.id, e.at_ts, e.uai, e.resource_id, e.stats_pseudonym AS p, e.profile, e.division_codes, e.outcome,
         coalesce(e.reason, '') AS reason, to_char(e.at_ts AT TIME ZONE 'UTC', 'YYYY-MM') AS month, s.academie, s.degree
  FROM handoff_events e LEFT JOIN schools s ON s.uai = e.uai
  WHERE NOT e.aggregated ORDER BY e.at_ts, e.id LIMIT $1::bigint FOR UPDATE OF e SKIP LOCKED
),
marked AS (UPDATE handoff_events h SET aggregated = true FROM batch b WHERE h.id = b.id RETURNING h.id),
days AS (
  INSERT INTO stats_handoff_days (uai, resource_id, day, outcome, reason, count)
  SELECT uai, resource_id, to_char(at_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), outcome,
         CASE WHEN outcome = 'success' THEN '' ELSE reason END, count(*) FROM batch GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (uai, day, resource_id, outcome, reason) DO UPDATE SET count = stats_handoff_days.count + EXCLUDED.count
),
periods AS (
  SELECT b.*, per.period FROM batch b
  CROSS JOIN LATERAL (SELECT substr(b.month, 1, 4)::int + ($2::int[])[substr(b.month, 6, 2)::int] AS first_year) y
  CROSS JOIN LATERAL (VALUES (b.month), (y.first_year::text || '-' || (y.first_year + 1)::text)) per(period)
  WHERE b.outcome = 'success'
),
cells AS (
  SELECT uai AS scope, 'resource'::text AS dimension, resource_id AS key, period, p FROM periods
  UNION ALL SELECT uai, 'profile', profile, period, p FROM periods
  UNION ALL SELECT uai, 'all', '*', period, p FROM periods
  UNION ALL SELECT uai, 'division', dd.d, period, p FROM periods CROSS JOIN LATERAL (
    SELECT DISTINCT x FROM unnest(CASE WHEN cardinality(division_codes) = 0 THEN ARRAY['-']::text[] ELSE division_codes END) x) dd(d)
  UNION ALL SELECT '*', 'academie', coalesce(academie, '-'), period, p FROM periods
  UNION ALL SELECT '*', 'profile', profile, period, p FROM periods
  UNION ALL SELECT '*', 'degree', coalesce(degree, '-'), period, p FROM periods
  UNION ALL SELECT '*', 'all', '*', period, p FROM periods
),
fresh AS (
  INSERT INTO stats_people (scope, dimension, key, period, pseudonym)
  SELECT DISTINCT scope, dimension, key, period, p FROM cells
  ON CONFLICT DO NOTHING
  RETURNING scope, dimension, key, period
),
fresh_counts AS (SELECT scope, dimension, key, period, count(*) AS n FROM fresh GROUP BY 1, 2, 3, 4),
access_counts AS (SELECT scope, dimension, key, period, count(*) AS n FROM cells GROUP BY 1, 2, 3, 4),
upserted AS (
  INSERT INTO stats_counters (scope, dimension, key, period, accesses, people)
  SELECT a.scope, a.dimension, a.key, a.period, a.n, coalesce(f.n, 0)
  FROM access_counts a LEFT JOIN fresh_counts f USING (scope, dimension, key, period)
  ON CONFLICT (scope, period, dimension, key) DO UPDATE
    SET accesses = stats_counters.accesses + EXCLUDED.accesses, people = stats_counters.people + EXCLUDED.people
)
SELECT count(*)::int AS n FROM marked`;

const serviceDay = (r: SqlRow) => ({
  day: str(r.day),
  requests: num(r.requests),
  errors: num(r.errors),
  latencyBuckets: (r.latency_buckets as unknown[]).map(num),
  readyChecks: num(r.ready_checks),
  readyFailures: num(r.ready_failures),
});

const probe = (r: SqlRow): ResourceProbe => ({
  resourceId: str(r.resource_id),
  at: str(r.at),
  ok: r.ok === true,
  ...(r.status === null ? {} : { status: num(r.status) }),
  ...(r.latency_ms === null ? {} : { latencyMs: num(r.latency_ms) }),
  ...(r.error === null ? {} : { error: str(r.error) as ResourceProbe['error'] & string }),
});

/** Statistics and quality-of-service operations of the SQL stores. */
export function sqlStatsOps(ctx: SqlContext): StatsStoreOps {
  return {
    aggregateHandoffEvents: (limit) =>
      ctx.atomic('aggregateHandoffEvents', async (q) =>
        num((await q.query(AGGREGATE, [limit, YEAR_START_OFFSETS])).rows[0]?.n ?? 0),
      ),
    listStatsCounters: (f) =>
      ctx.run('listStatsCounters', async (q) => {
        const { rows } = await q.query(
          `SELECT scope, dimension, key, period, accesses::float8 AS accesses, people::float8 AS people FROM stats_counters
           WHERE scope = $1::text AND period = ANY($2::text[]) AND dimension = ANY($3::text[]) ORDER BY dimension, key, period`,
          [f.scope, [...f.periods], [...f.dimensions]],
        );
        return rows.map((r) => ({
          scope: str(r.scope),
          dimension: str(r.dimension) as StatsCounterDimension,
          key: str(r.key),
          period: str(r.period),
          accesses: num(r.accesses),
          people: num(r.people),
        }));
      }),
    listHandoffDays: (f) =>
      ctx.run('listHandoffDays', async (q) => {
        const { rows } = await q.query(
          `SELECT uai, resource_id, day, outcome, reason, count::float8 AS count FROM stats_handoff_days
           WHERE uai = $1::text AND day >= $2::text AND day < $3::text ORDER BY day, resource_id, outcome, reason`,
          [f.uai, f.from, f.to],
        );
        return rows.map((r) => ({
          uai: str(r.uai),
          resourceId: str(r.resource_id),
          day: str(r.day),
          outcome: r.outcome === 'success' ? ('success' as const) : ('refused' as const),
          reason: str(r.reason),
          count: num(r.count),
        }));
      }),
    deleteHandoffEventsBefore: (before) =>
      ctx.run('deleteHandoffEventsBefore', async (q) => {
        const { rowCount } = await q.query('DELETE FROM handoff_events WHERE aggregated AND at_ts < $1::timestamptz', [
          new Date(instant(before)).toISOString(),
        ]);
        return rowCount;
      }),
    purgeStatsPeople: (periods) =>
      ctx.run(
        'purgeStatsPeople',
        async (q) =>
          (await q.query('DELETE FROM stats_people WHERE period = ANY($1::text[])', [[...periods]])).rowCount,
      ),
    listStatsPeoplePeriods: () =>
      ctx.run('listStatsPeoplePeriods', async (q) =>
        (await q.query('SELECT DISTINCT period FROM stats_people ORDER BY period')).rows.map((r) => str(r.period)),
      ),
    addServiceDay: (d) => {
      if (d.latencyBuckets.length !== LATENCY_BOUNDS_MS.length + 1)
        return Promise.reject(new TypeError('one latency count per bucket'));
      return ctx.run('addServiceDay', async (q) => {
        await q.query(
          `INSERT INTO stats_service_days (day, requests, errors, latency_buckets, ready_checks, ready_failures)
           VALUES ($1::text, $2::bigint, $3::bigint, $4::bigint[], $5::bigint, $6::bigint)
           ON CONFLICT (day) DO UPDATE SET
             requests = stats_service_days.requests + EXCLUDED.requests,
             errors = stats_service_days.errors + EXCLUDED.errors,
             latency_buckets = ARRAY(SELECT a + b FROM unnest(stats_service_days.latency_buckets, EXCLUDED.latency_buckets) WITH ORDINALITY u(a, b, i) ORDER BY i),
             ready_checks = stats_service_days.ready_checks + EXCLUDED.ready_checks,
             ready_failures = stats_service_days.ready_failures + EXCLUDED.ready_failures`,
          [d.day, d.requests, d.errors, d.latencyBuckets, d.readyChecks, d.readyFailures],
        );
      });
    },
    listServiceDays: (f) =>
      ctx.run('listServiceDays', async (q) => {
        const { rows } = await q.query(
          `SELECT day, requests::float8 AS requests, errors::float8 AS errors, latency_buckets::float8[] AS latency_buckets,
                  ready_checks::float8 AS ready_checks, ready_failures::float8 AS ready_failures
           FROM stats_service_days WHERE day >= $1::text AND day < $2::text ORDER BY day`,
          [f.from, f.to],
        );
        return rows.map(serviceDay);
      }),
    putResourceProbe: (p) =>
      ctx.run('putResourceProbe', async (q) => {
        await q.query(
          `INSERT INTO stats_resource_probes (resource_id, at, ok, status, latency_ms, error)
           VALUES ($1::text, $2::text, $3::boolean, $4::integer, $5::float8, $6::text)
           ON CONFLICT (resource_id) DO UPDATE SET at = EXCLUDED.at, ok = EXCLUDED.ok, status = EXCLUDED.status,
             latency_ms = EXCLUDED.latency_ms, error = EXCLUDED.error`,
          [p.resourceId, p.at, p.ok, p.status ?? null, p.latencyMs ?? null, p.error ?? null],
        );
      }),
    listResourceProbes: (f) =>
      ctx.run('listResourceProbes', async (q) => {
        const { rows } = await q.query(
          `SELECT resource_id, at, ok, status, latency_ms, error FROM stats_resource_probes
           WHERE $1::text[] IS NULL OR resource_id = ANY($1::text[]) ORDER BY resource_id`,
          [f.resourceIds === undefined ? null : [...f.resourceIds]],
        );
        return rows.map(probe);
      }),
    putStatsArchive: (a) =>
      ctx.run('putStatsArchive', async (q) => {
        await q.query(
          `INSERT INTO stats_archives (scope, year, by_dimension, table_json, archived_at) VALUES ($1::text, $2::text, $3::text, $4::jsonb, $5::text)
           ON CONFLICT (scope, year, by_dimension) DO UPDATE SET table_json = EXCLUDED.table_json, archived_at = EXCLUDED.archived_at`,
          [a.scope, a.year, a.by, JSON.stringify(a.table), a.archivedAt],
        );
      }),
    getStatsArchive: (scope, year, by) =>
      ctx.run('getStatsArchive', async (q) => {
        const r = (
          await q.query(
            'SELECT scope, year, by_dimension, table_json, archived_at FROM stats_archives WHERE scope = $1::text AND year = $2::text AND by_dimension = $3::text',
            [scope, year, by],
          )
        ).rows[0];
        return r
          ? {
              scope: str(r.scope),
              year: str(r.year),
              by: str(r.by_dimension),
              table: r.table_json,
              archivedAt: str(r.archived_at),
            }
          : undefined;
      }),
  };
}
