import type { Migration } from './index.js';

const sql = `
CREATE TABLE pins (
  id text COLLATE "C" PRIMARY KEY,
  ent_id text COLLATE "C" NOT NULL,
  uai text COLLATE "C" NOT NULL,
  teacher_id text COLLATE "C" NOT NULL,
  resource_id text COLLATE "C" NOT NULL,
  group_codes text[] NOT NULL,
  note text,
  until text NOT NULL,
  until_at text NOT NULL,
  created_at text NOT NULL,
  until_ts timestamptz NOT NULL,
  created_ts timestamptz NOT NULL
);
CREATE INDEX pins_by_school ON pins (uai, created_ts DESC);
CREATE INDEX pins_by_group ON pins USING gin (group_codes);

CREATE TABLE class_requests (
  id text COLLATE "C" PRIMARY KEY,
  ent_id text COLLATE "C" NOT NULL,
  uai text COLLATE "C" NOT NULL,
  teacher_id text COLLATE "C" NOT NULL,
  resource_id text COLLATE "C" NOT NULL,
  group_code text COLLATE "C" NOT NULL,
  message text,
  status text NOT NULL CHECK (status IN ('pending', 'granted', 'declined')),
  created_at text NOT NULL,
  decided_at text,
  decided_by text,
  answer text,
  created_ts timestamptz NOT NULL
);
CREATE INDEX class_requests_by_school ON class_requests (uai, created_ts DESC);
`;

/** Teachers' pins (a resource recommended to their classes) and class requests to the school's responsables. */
export const classroom: Migration = { version: 10, name: 'classroom', sql };
