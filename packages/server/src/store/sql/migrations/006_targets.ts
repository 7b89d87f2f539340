import type { Migration } from './index.js';

const sql = `
CREATE TABLE subjects (
  uai text COLLATE "C" NOT NULL,
  code text COLLATE "C" NOT NULL,
  label text NOT NULL,
  PRIMARY KEY (uai, code)
);

CREATE TABLE teachings (
  uai text COLLATE "C" NOT NULL,
  group_code text COLLATE "C" NOT NULL,
  person_id text COLLATE "C" NOT NULL,
  subject text COLLATE "C" NOT NULL,
  PRIMARY KEY (uai, subject, group_code, person_id)
);
CREATE INDEX teachings_by_person ON teachings (uai, person_id);
`;

/** Subjects (`GARMatiere`) and teachings (`GAREnsClasseMatiere`, `GAREnsGroupeMatiere`), for subject-teacher targets. */
export const targets: Migration = { version: 6, name: 'targets', sql };
