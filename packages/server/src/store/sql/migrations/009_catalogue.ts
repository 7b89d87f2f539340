import type { Migration } from './index.js';

const sql = `
CREATE TABLE catalogue_entries (
  resource_id text COLLATE "C" PRIMARY KEY,
  publisher_id text COLLATE "C" NOT NULL,
  entry jsonb NOT NULL,
  delivered_at text NOT NULL
);
CREATE INDEX catalogue_entries_by_publisher ON catalogue_entries (publisher_id);
`;

/** The publishers' catalogue of diffusable resources (`<ressourceDiffusable>`), one JSON document per resource. */
export const catalogue: Migration = { version: 9, name: 'catalogue', sql };
