import type { Migration } from './index.js';

const sql = `
ALTER TABLE handoff_events ADD COLUMN aggregated boolean NOT NULL DEFAULT false;
CREATE INDEX handoff_events_pending ON handoff_events (at_ts, id) WHERE NOT aggregated;

CREATE TABLE stats_counters (
  scope text COLLATE "C" NOT NULL,
  dimension text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  period text COLLATE "C" NOT NULL,
  accesses bigint NOT NULL,
  people bigint NOT NULL,
  PRIMARY KEY (scope, period, dimension, key)
);

CREATE TABLE stats_people (
  scope text COLLATE "C" NOT NULL,
  dimension text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  period text COLLATE "C" NOT NULL,
  pseudonym text COLLATE "C" NOT NULL,
  PRIMARY KEY (period, scope, dimension, key, pseudonym)
);

CREATE TABLE stats_handoff_days (
  uai text COLLATE "C" NOT NULL,
  resource_id text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  outcome text COLLATE "C" NOT NULL,
  reason text COLLATE "C" NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (uai, day, resource_id, outcome, reason)
);

CREATE TABLE stats_service_days (
  day text COLLATE "C" PRIMARY KEY,
  requests bigint NOT NULL,
  errors bigint NOT NULL,
  latency_buckets bigint[] NOT NULL,
  ready_checks bigint NOT NULL,
  ready_failures bigint NOT NULL
);

CREATE TABLE stats_resource_probes (
  resource_id text COLLATE "C" PRIMARY KEY,
  at text NOT NULL,
  ok boolean NOT NULL,
  status integer,
  latency_ms double precision,
  error text
);

CREATE TABLE stats_archives (
  scope text COLLATE "C" NOT NULL,
  year text COLLATE "C" NOT NULL,
  by_dimension text COLLATE "C" NOT NULL,
  table_json jsonb NOT NULL,
  archived_at text NOT NULL,
  PRIMARY KEY (scope, year, by_dimension)
);
`;

/** Usage statistics: incremental counters with their pseudonym sets, daily hand-off counts, service health, probes, archives. */
export const statistics: Migration = { version: 3, name: 'statistics', sql };
