import type { Migration } from './index.js';

const sql = `
CREATE TABLE mail_outbox (
  id text COLLATE "C" PRIMARY KEY,
  uai text COLLATE "C" NOT NULL,
  "to" text NOT NULL,
  subject text NOT NULL,
  text text NOT NULL,
  html text NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL,
  next_attempt_at text NOT NULL,
  claimed_by text,
  claimed_until text,
  created_at text NOT NULL,
  sent_at text,
  last_error text,
  next_attempt_ts timestamptz NOT NULL,
  claimed_until_ts timestamptz,
  created_ts timestamptz NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_ts, created_ts);

CREATE TABLE console_notifications (
  id text COLLATE "C" PRIMARY KEY,
  uai text COLLATE "C" NOT NULL,
  recipient_id text COLLATE "C" NOT NULL,
  kind text NOT NULL,
  data jsonb NOT NULL,
  created_at text NOT NULL,
  read_at text,
  mailed_at text,
  created_ts timestamptz NOT NULL
);
CREATE INDEX console_notifications_by_recipient ON console_notifications (recipient_id, created_ts DESC);
CREATE INDEX console_notifications_by_uai ON console_notifications (uai, created_ts DESC);

CREATE TABLE feed_runs (
  id text COLLATE "C" PRIMARY KEY,
  ent_id text COLLATE "C" NOT NULL,
  started_at text NOT NULL,
  finished_at text NOT NULL,
  status text NOT NULL,
  files jsonb NOT NULL,
  problems jsonb NOT NULL,
  problem_count integer NOT NULL,
  summary jsonb,
  started_ts timestamptz NOT NULL
);
CREATE INDEX feed_runs_by_ent ON feed_runs (ent_id, started_ts DESC);

CREATE TABLE sync_reports (
  uai text COLLATE "C" PRIMARY KEY,
  ent_id text COLLATE "C" NOT NULL,
  run_id text NOT NULL,
  at text NOT NULL,
  counts jsonb NOT NULL,
  changes jsonb NOT NULL,
  anomalies jsonb NOT NULL
);

CREATE TABLE departures (
  ent_id text COLLATE "C" NOT NULL,
  person_id text COLLATE "C" NOT NULL,
  left_at text NOT NULL,
  uais text[] NOT NULL,
  person jsonb NOT NULL,
  left_ts timestamptz NOT NULL,
  PRIMARY KEY (ent_id, person_id)
);
CREATE INDEX departures_by_time ON departures (left_ts);

CREATE TABLE rollovers (
  uai text COLLATE "C" NOT NULL,
  year text NOT NULL,
  at text NOT NULL,
  summary jsonb NOT NULL,
  PRIMARY KEY (uai, year)
);
`;

/** Directory feeds and notifications: mail outbox, console notifications, feed runs, sync reports, departures, rollovers. */
export const feedsNotifications: Migration = { version: 2, name: 'feeds_notifications', sql };
