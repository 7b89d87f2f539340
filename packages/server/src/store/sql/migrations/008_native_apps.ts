import type { Migration } from './index.js';

const sql = `
CREATE TABLE native_apps (
  client_id text COLLATE "C" PRIMARY KEY,
  resource_id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  redirect_uris jsonb NOT NULL
);
CREATE INDEX native_apps_by_resource ON native_apps (resource_id, client_id);

CREATE TABLE authorization_codes (
  id text COLLATE "C" PRIMARY KEY,
  client_id text COLLATE "C" NOT NULL,
  payload jsonb NOT NULL,
  expires_at text NOT NULL,
  expires_ts timestamptz NOT NULL,
  keep_until text NOT NULL,
  keep_until_ts timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('issued', 'redeemed', 'revoked')),
  token_id text COLLATE "C"
);
CREATE UNIQUE INDEX authorization_codes_by_token ON authorization_codes (token_id) WHERE token_id IS NOT NULL;
CREATE INDEX authorization_codes_by_keep ON authorization_codes (keep_until_ts);
`;

/** Native apps registered per resource (OAuth 2.0 public clients) and their single-use authorization codes. */
export const nativeApps: Migration = { version: 8, name: 'native_apps', sql };
