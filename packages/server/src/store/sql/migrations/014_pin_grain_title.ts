import type { Migration } from './index.js';

const sql = `
ALTER TABLE pins ADD COLUMN grain_title text;
`;

/** The title of the page a teacher's pin points at, as the LTI tool's picker named it. */
export const pinGrainTitle: Migration = { version: 14, name: 'pin_grain_title', sql };
