import type { Migration } from './index.js';

const sql = `
CREATE INDEX people_ent_id_bytes ON people (ent_id, id COLLATE "C");
`;

/**
 * An ENT's people in byte order of their ids: a feed import reads them a page at a time beside the feed's own people
 * (`listPeoplePage`), whatever the database's collation.
 */
export const peopleById: Migration = { version: 15, name: 'people_by_id', sql };
