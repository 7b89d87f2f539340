import type { Migration } from './index.js';

const sql = `
ALTER TABLE resources ADD COLUMN lti jsonb;
ALTER TABLE pins ADD COLUMN grain text;
`;

/** LTI 1.3: a resource's registration as a tool, and the page (grain) a teacher's pin points at. */
export const lti: Migration = { version: 12, name: 'lti', sql };
