import type { Migration } from './index.js';

const sql = `
CREATE TABLE lti_platforms (
  id text COLLATE "C" PRIMARY KEY,
  issuer text COLLATE "C" NOT NULL UNIQUE,
  name text NOT NULL,
  client_ids jsonb NOT NULL,
  auth_endpoint text NOT NULL,
  jwks jsonb,
  jwks_url text,
  deployment_ids jsonb NOT NULL,
  ent_ids jsonb NOT NULL,
  schools jsonb
);
`;

/** The LTI 1.3 platforms (Moodle sites) where opengar is registered as a tool. */
export const ltiPlatforms: Migration = { version: 13, name: 'lti_platforms', sql };
