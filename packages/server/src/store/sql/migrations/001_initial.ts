import type { Migration } from './index.js';

// Identifiers and sort keys use the "C" collation: the same order on every server whatever its locale, and the same
// as the memory store's. Date-times are kept as the caller wrote them (text) with a timestamptz twin where the store
// sorts or compares them.
const sql = /* sql */ `
CREATE TABLE ents (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  jwks jsonb,
  jwks_uri text,
  origins text[] NOT NULL,
  assertion_endpoint text,
  client_cert_fingerprints text[] NOT NULL
);

CREATE TABLE schools (
  uai text COLLATE "C" PRIMARY KEY,
  ent_id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  degree text NOT NULL,
  nature_uai text, nature_uai_label text,
  type_uai text, type_uai_label text,
  commune text, commune_label text,
  academie text, academie_label text,
  departement text, departement_label text,
  postal_code text, locality text, contact_email text
);
CREATE INDEX schools_by_ent ON schools (ent_id, uai);

CREATE TABLE publishers (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  distributor_ids text[] NOT NULL,
  client_cert_fingerprints text[] NOT NULL,
  contact_email text,
  api_key_hashes text[] NOT NULL
);
CREATE INDEX publishers_by_api_key ON publishers USING gin (api_key_hashes);
CREATE INDEX publishers_by_cert ON publishers USING gin (client_cert_fingerprints);

CREATE TABLE resources (
  id text COLLATE "C" PRIMARY KEY,
  id_type text NOT NULL,
  name text NOT NULL,
  publisher_id text NOT NULL,
  publisher_name text NOT NULL,
  distributor_ids text[] NOT NULL,
  tech_distributor text NOT NULL,
  tech_validator text NOT NULL,
  thumbnail_url text,
  access_url text NOT NULL,
  presentation_type jsonb NOT NULL,
  pedagogical_types jsonb NOT NULL,
  document_typologies jsonb NOT NULL,
  levels jsonb NOT NULL,
  teaching_domains jsonb NOT NULL,
  declared_attributes text[] NOT NULL,
  family_parent_id text,
  protocol text NOT NULL,
  registered_urls text[] NOT NULL,
  displayable boolean NOT NULL,
  description text,
  signing_alg text NOT NULL,
  free_offer jsonb
);
CREATE INDEX resources_by_distributor ON resources USING gin (distributor_ids);
CREATE INDEX resources_free_offers ON resources (id) WHERE free_offer IS NOT NULL;

CREATE TABLE operators (
  id text COLLATE "C" PRIMARY KEY,
  secret_hash text NOT NULL UNIQUE,
  label text NOT NULL,
  created_at text NOT NULL
);

CREATE TABLE people (
  ent_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  last_name text NOT NULL,
  first_name text NOT NULL,
  civility text,
  email text,
  birth_date text,
  profiles jsonb NOT NULL,
  mefs jsonb NOT NULL,
  PRIMARY KEY (ent_id, id)
);

-- One row per (school, person): the school's listing reads only its own people, in name order, from this index.
CREATE TABLE person_schools (
  uai text COLLATE "C" NOT NULL,
  ent_id text COLLATE "C" NOT NULL,
  person_id text COLLATE "C" NOT NULL,
  audience text NOT NULL,
  last_key text COLLATE "C" NOT NULL,
  first_key text COLLATE "C" NOT NULL,
  search_text text NOT NULL,
  PRIMARY KEY (uai, ent_id, person_id)
);
CREATE INDEX person_schools_by_name ON person_schools (uai, last_key, first_key, person_id, ent_id);
CREATE INDEX person_schools_by_person ON person_schools (ent_id, person_id);

CREATE TABLE groups (
  uai text COLLATE "C" NOT NULL,
  code text COLLATE "C" NOT NULL,
  label text NOT NULL,
  status text NOT NULL,
  PRIMARY KEY (uai, code)
);

CREATE TABLE memberships (
  uai text COLLATE "C" NOT NULL,
  group_code text COLLATE "C" NOT NULL,
  person_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (uai, group_code, person_id)
);
CREATE INDEX memberships_by_person ON memberships (uai, person_id);

CREATE TABLE mefs (
  uai text COLLATE "C" NOT NULL,
  code text COLLATE "C" NOT NULL,
  label text NOT NULL,
  mef_stat11 text,
  mef_stat4 text,
  PRIMARY KEY (uai, code)
);

CREATE TABLE resp_aff (
  ent_id text COLLATE "C" NOT NULL,
  person_id text COLLATE "C" NOT NULL,
  email text,
  uais text[] NOT NULL,
  PRIMARY KEY (ent_id, person_id)
);
CREATE INDEX resp_aff_by_uai ON resp_aff USING gin (uais);

CREATE TABLE subscriptions (
  id text COLLATE "C" PRIMARY KEY,
  comment text,
  distributor_id text COLLATE "C" NOT NULL,
  resource_id text COLLATE "C" NOT NULL,
  resource_id_type text NOT NULL,
  resource_label text NOT NULL,
  valid_from text NOT NULL,
  valid_until text NOT NULL,
  end_school_year text,
  uai text COLLATE "C" NOT NULL,
  category text NOT NULL,
  type text NOT NULL,
  licences jsonb NOT NULL,
  audiences text[] NOT NULL,
  project_code text COLLATE "C",
  automatic boolean NOT NULL,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  deleted_at text,
  valid_until_ts timestamptz NOT NULL,
  created_ts timestamptz NOT NULL
);
CREATE INDEX subscriptions_by_uai ON subscriptions (uai, id);
CREATE INDEX subscriptions_by_distributor ON subscriptions (distributor_id, id);
CREATE INDEX subscriptions_by_resource ON subscriptions (resource_id);
CREATE INDEX subscriptions_by_project ON subscriptions (project_code) WHERE project_code IS NOT NULL;

CREATE TABLE allocations (
  id text COLLATE "C" PRIMARY KEY,
  subscription_id text COLLATE "C" NOT NULL,
  uai text COLLATE "C" NOT NULL,
  target jsonb NOT NULL,
  created_at text NOT NULL,
  created_by text NOT NULL,
  archived_at text,
  created_ts timestamptz NOT NULL
);
CREATE INDEX allocations_by_subscription ON allocations (subscription_id);
CREATE INDEX allocations_by_uai ON allocations (uai);

-- A person holds at most one copy of a subscription: the primary key says so.
CREATE TABLE licence_copies (
  subscription_id text COLLATE "C" NOT NULL,
  person_id text COLLATE "C" NOT NULL,
  uai text COLLATE "C" NOT NULL,
  audience text NOT NULL,
  allocation_id text NOT NULL,
  assigned_at text NOT NULL,
  first_opened_at text,
  PRIMARY KEY (subscription_id, person_id)
);
CREATE INDEX licence_copies_by_uai ON licence_copies (uai);
CREATE INDEX licence_copies_by_person ON licence_copies (person_id);

CREATE TABLE delegations (
  uai text COLLATE "C" NOT NULL,
  delegate_id text COLLATE "C" NOT NULL,
  granted_by text NOT NULL,
  granted_at text NOT NULL,
  revoked_at text,
  PRIMARY KEY (uai, delegate_id)
);
CREATE INDEX delegations_by_delegate ON delegations (delegate_id);

CREATE TABLE audit_entries (
  id text COLLATE "C" PRIMARY KEY,
  at text NOT NULL,
  uai text COLLATE "C" NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text COLLATE "C" NOT NULL,
  before jsonb,
  after jsonb,
  undone_by text,
  at_ts timestamptz NOT NULL
);
CREATE INDEX audit_entries_by_uai ON audit_entries (uai, at_ts DESC, id DESC);
CREATE INDEX audit_entries_by_subject ON audit_entries (uai, subject_id, at_ts DESC);

CREATE TABLE favourites (
  ent_id text COLLATE "C" NOT NULL,
  person_id text COLLATE "C" NOT NULL,
  resource_ids text[] NOT NULL,
  PRIMARY KEY (ent_id, person_id)
);

CREATE TABLE tickets (
  id text COLLATE "C" PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  expires_at text NOT NULL,
  expires_ts timestamptz NOT NULL
);
CREATE INDEX tickets_by_expiry ON tickets (expires_ts);

CREATE TABLE replay_keys (
  namespace text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  expires_at text NOT NULL,
  expires_ts timestamptz NOT NULL,
  PRIMARY KEY (namespace, key)
);
CREATE INDEX replay_keys_by_expiry ON replay_keys (expires_ts);

CREATE TABLE rate_windows (
  key text COLLATE "C" NOT NULL,
  window_start text NOT NULL,
  expires_at text NOT NULL,
  count integer NOT NULL,
  expires_ts timestamptz NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_windows_by_expiry ON rate_windows (expires_ts);

CREATE TABLE leases (
  name text COLLATE "C" PRIMARY KEY,
  holder text NOT NULL,
  until text NOT NULL,
  until_ts timestamptz NOT NULL
);

CREATE TABLE signing_keys (
  kid text COLLATE "C" PRIMARY KEY,
  alg text NOT NULL,
  public_jwk jsonb NOT NULL,
  encrypted_private_jwk text NOT NULL,
  created_at text NOT NULL,
  activates_at text NOT NULL,
  retires_at text,
  expires_at text,
  created_ts timestamptz NOT NULL
);

CREATE TABLE settings (
  name text COLLATE "C" PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE handoff_events (
  id text COLLATE "C" PRIMARY KEY,
  at text NOT NULL,
  uai text COLLATE "C" NOT NULL,
  resource_id text COLLATE "C" NOT NULL,
  stats_pseudonym text NOT NULL,
  profile text NOT NULL,
  division_codes text[] NOT NULL,
  outcome text NOT NULL,
  reason text,
  protocol text NOT NULL,
  at_ts timestamptz NOT NULL
);
CREATE INDEX handoff_events_by_uai ON handoff_events (uai, at_ts);
CREATE INDEX handoff_events_by_resource ON handoff_events (resource_id, at_ts);
CREATE INDEX handoff_events_by_time ON handoff_events (at_ts);
`;

/** The first schema: registry, directory, subscriptions and licences, audit, and the state instances share. */
export const initial: Migration = { version: 1, name: 'initial', sql };
