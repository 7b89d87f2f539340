import type { Migration } from './index.js';

const sql = `
ALTER TABLE resources ADD COLUMN grain_origins text[];
`;

/** The origins each resource's deep links (grains) may target. */
export const grainOrigins: Migration = { version: 7, name: 'grain_origins', sql };
