import type { Migration } from './index.js';

// The store writes `search_text` with the service's own folding (NFD, marks dropped, lower case) on every put; the
// rows already there get PostgreSQL's nearest equivalent (the combining marks of U+0300–U+036F, all that French
// names carry), or only the lower case when the database is not UTF-8 (where normalize() is refused).
const sql = `
ALTER TABLE schools ADD COLUMN search_text text COLLATE "C";
DO $$
BEGIN
  IF current_setting('server_encoding') = 'UTF8' THEN
    UPDATE schools SET search_text = lower(regexp_replace(normalize(
      array_to_string(ARRAY[name, uai, locality, commune_label, postal_code], E'\\n'), NFD), '[\\u0300-\\u036f]', '', 'g'));
  ELSE
    UPDATE schools SET search_text = lower(array_to_string(ARRAY[name, uai, locality, commune_label, postal_code], E'\\n'));
  END IF;
END $$;
CREATE INDEX schools_by_academie ON schools (academie, ent_id);
`;

/** The discovery page searches schools in the database (a folded text per school) rather than in the service. */
export const schoolSearch: Migration = { version: 17, name: 'school_search', sql };
