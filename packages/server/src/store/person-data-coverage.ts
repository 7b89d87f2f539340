/**
 * How a store table relates to a person, for the access export (droit d'accès) and the erasure:
 * - `person`: rows name the person (their ENT id, e-mail, or the pseudonym their erasure leaves);
 * - `pseudonym`: rows carry their statistics-only pseudonym, which the service recomputes to find them;
 * - `transient`: rows may name them for seconds or minutes and are purged (never exported: they are gone by the
 *   time an export is read);
 * - `none`: rows never hold a person.
 */
export type PersonDataHolding = 'person' | 'pseudonym' | 'transient' | 'none';

/** One table of the stores: its SQL name, its memory store name, what it holds of a person, and why. */
export interface PersonDataTable {
  table: string;
  /** The memory store's name of the table (`undefined`: the SQL store only, e.g. an index table). */
  memory: string | undefined;
  holds: PersonDataHolding;
  /** What a row holds of a person and how long it stays, in the register's words. */
  why: string;
}

/**
 * Every table of every store, and what it holds of a person. A store table missing here fails the coverage test
 * (`test/store/person-data-coverage.test.ts`), so a new table cannot hold people unseen by the access export.
 */
export const PERSON_DATA_TABLES: readonly PersonDataTable[] = [
  {
    table: 'people',
    memory: 'people',
    holds: 'person',
    why: 'the directory record the ENT sent: names, civility, e-mail, profiles, MEFs',
  },
  {
    table: 'person_schools',
    memory: undefined,
    holds: 'person',
    why: 'one row per school of the person (search index of the directory)',
  },
  { table: 'memberships', memory: 'memberships', holds: 'person', why: 'the classes and groups the person belongs to' },
  {
    table: 'teachings',
    memory: 'teachings',
    holds: 'person',
    why: 'the subjects a teacher teaches in a class or group',
  },
  {
    table: 'resp_aff',
    memory: 'respAff',
    holds: 'person',
    why: 'allocation managers named by the ENT (RespAff), with their e-mail',
  },
  {
    table: 'allocations',
    memory: 'allocations',
    holds: 'person',
    why: 'allocations made by the person, or to them by name',
  },
  {
    table: 'licence_copies',
    memory: 'copies',
    holds: 'person',
    why: 'the licence copies the person holds, and when first opened',
  },
  {
    table: 'delegations',
    memory: 'delegations',
    holds: 'person',
    why: 'delegations of the manager role given to or by the person',
  },
  {
    table: 'audit_entries',
    memory: 'audit',
    holds: 'person',
    why: 'the audit trail of allocation changes; kept, under a pseudonym once the person is erased',
  },
  { table: 'favourites', memory: 'favourites', holds: 'person', why: 'the person’s favourite resources' },
  {
    table: 'console_notifications',
    memory: 'notifications',
    holds: 'person',
    why: 'console notifications addressed to the person, or naming them',
  },
  { table: 'mail_outbox', memory: 'outbox', holds: 'person', why: 'e-mails to the person’s address (managers)' },
  {
    table: 'departures',
    memory: 'departures',
    holds: 'person',
    why: 'a copy of the record of a person who left, until erased after the grace period',
  },
  {
    table: 'sync_reports',
    memory: 'syncReports',
    holds: 'person',
    why: 'the latest sync report of a school names people with anomalies (no class, no MEF)',
  },
  {
    table: 'handoff_events',
    memory: 'handoffs',
    holds: 'pseudonym',
    why: 'each hand-off under the statistics-only pseudonym, deleted after 13 months',
  },
  {
    table: 'stats_people',
    memory: 'seen',
    holds: 'pseudonym',
    why: 'statistics-only pseudonyms, to count distinct people per cell',
  },
  {
    table: 'tickets',
    memory: 'tickets',
    holds: 'transient',
    why: 'CAS tickets carry the released attributes for at most 10 seconds',
  },
  {
    table: 'rate_windows',
    memory: 'hits',
    holds: 'transient',
    why: 'failed sign-in counters per credential, for minutes',
  },
  {
    table: 'replay_keys',
    memory: 'replay',
    holds: 'transient',
    why: 'spent assertion ids (ENT id and a random id), for minutes',
  },
  { table: 'ents', memory: 'ents', holds: 'none', why: 'the ENTs' },
  { table: 'schools', memory: 'schools', holds: 'none', why: 'schools' },
  { table: 'publishers', memory: 'publishers', holds: 'none', why: 'publishers' },
  { table: 'resources', memory: 'resources', holds: 'none', why: 'the catalogue' },
  {
    table: 'operators',
    memory: 'operators',
    holds: 'none',
    why: 'operator credentials (hashed), not directory people',
  },
  { table: 'groups', memory: 'groups', holds: 'none', why: 'classes and groups' },
  { table: 'mefs', memory: 'mefs', holds: 'none', why: 'MEFs of a school' },
  { table: 'subjects', memory: 'subjects', holds: 'none', why: 'subjects of a school' },
  { table: 'subscriptions', memory: 'subscriptions', holds: 'none', why: 'subscriptions' },
  { table: 'leases', memory: 'leases', holds: 'none', why: 'job leases' },
  { table: 'signing_keys', memory: 'signingKeys', holds: 'none', why: 'token-signing keys' },
  { table: 'settings', memory: 'settings', holds: 'none', why: 'service settings' },
  {
    table: 'feed_runs',
    memory: 'feedRuns',
    holds: 'none',
    why: 'feed imports: problems give file, line and element, never a person’s identifier',
  },
  { table: 'rollovers', memory: 'rollovers', holds: 'none', why: 'school-year rollovers (counts)' },
  { table: 'stats_counters', memory: 'counters', holds: 'none', why: 'statistics aggregates (counts)' },
  { table: 'stats_handoff_days', memory: 'days', holds: 'none', why: 'daily hand-off counts' },
  { table: 'stats_service_days', memory: 'service', holds: 'none', why: 'service health per day' },
  { table: 'stats_resource_probes', memory: 'probes', holds: 'none', why: 'resource availability probes' },
  {
    table: 'stats_archives',
    memory: 'archives',
    holds: 'none',
    why: 'archived statistics tables (disclosure-protected)',
  },
  {
    table: 'handoff_aggregated',
    memory: 'aggregated',
    holds: 'none',
    why: 'ids of hand-off events already counted (memory store only)',
  },
  { table: 'schema_migrations', memory: undefined, holds: 'none', why: 'the migrations applied' },
  {
    table: 'pins',
    memory: 'pins',
    holds: 'person',
    why: 'resources a teacher recommends to their classes, with their note, until the last day they chose',
  },
  {
    table: 'class_requests',
    memory: 'classRequests',
    holds: 'person',
    why: 'resources a teacher asked for a class, and who answered (the pseudonym after an erasure)',
  },
  { table: 'native_apps', memory: 'nativeApps', holds: 'none', why: 'native apps registered for a resource' },
  { table: 'lti_platforms', memory: 'ltiPlatforms', holds: 'none', why: 'LTI platforms (Moodle) opengar is a tool of' },
  {
    table: 'authorization_codes',
    memory: 'authorizationCodes',
    holds: 'transient',
    why: 'single-use codes of native apps (60 s), with the attributes they release',
  },
  { table: 'catalogue_entries', memory: 'catalogue', holds: 'none', why: 'the publishers’ catalogue of resources' },
];

/** The tables the access export reads: those that hold a person or their statistics pseudonym. */
export const EXPORTED_TABLES: readonly string[] = PERSON_DATA_TABLES.filter(
  (t) => t.holds === 'person' || t.holds === 'pseudonym',
).map((t) => t.table);
