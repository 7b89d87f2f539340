import type { Migration } from './index.js';

const sql = `
ALTER TABLE ents ADD COLUMN console_url text;
`;

/** Each ENT's allocation console URL (notification e-mails link there). */
export const entConsoleUrl: Migration = { version: 4, name: 'ent_console_url', sql };
