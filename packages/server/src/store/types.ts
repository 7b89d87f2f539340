import type { PersonDataStore } from './types-person-data.js';
import type {
  Allocation,
  AllocationTarget,
  Audience,
  Delegation,
  Ent,
  Group,
  LicenceCopy,
  Membership,
  Mef,
  Person,
  Publisher,
  Resource,
  RespAff,
  School,
  Subscription,
} from '@opengar/core';
import type { FeedStoreOps } from './types-directory-feeds.js';
import type { StatsStoreOps } from './types-stats.js';
import type { TeachingStore } from './types-teachings.js';
import type { NativeAppStore } from './types-native-apps.js';
import type { LtiPlatformStore } from './types-lti-platforms.js';
import type { CatalogueStore } from './types-catalogue.js';
import type { ClassroomStore } from './types-classroom.js';

/** A subscription as stored: the publisher's fields plus the service's bookkeeping. */
export interface StoredSubscription extends Subscription {
  createdAt: string;
  updatedAt: string;
  /** Set when the publisher deleted it: access ends, allocations are archived, the row stays. */
  deletedAt?: string;
}

/** An allocation as stored; archived allocations no longer give copies but are kept (undo, rollover, audit). */
export interface StoredAllocation extends Allocation {
  archivedAt?: string;
}

/** A publisher account with its credentials' hashes (never the secrets themselves). */
export interface StoredPublisher extends Publisher {
  /** SHA-256 (hex) of the publisher's API keys. */
  apiKeyHashes: string[];
}

/** An operator credential. */
export interface OperatorRecord {
  id: string;
  /** SHA-256 (hex) of the secret shown once at creation. */
  secretHash: string;
  label: string;
  createdAt: string;
}

/** One audit-trail entry: who did what, when, for which school, before and after. */
export interface AuditEntry {
  id: string;
  at: string;
  /** The school it belongs to; `''` for a change that belongs to no school (an ENT, a publisher, a resource). */
  uai: string;
  /** ENT person id of the actor, `publisher:<id>`, `operator:<id>` or `system`. */
  actor: string;
  action: string;
  subjectType:
    | 'subscription'
    | 'allocation'
    | 'delegation'
    | 'copy'
    | 'directory'
    | 'school'
    | 'ent'
    | 'publisher'
    | 'resource';
  subjectId: string;
  before?: unknown;
  after?: unknown;
  /** Set on an entry that an undo reversed, to the id of the undo entry. */
  undoneBy?: string;
}

/** A single-use ticket or code shared by all instances (CAS tickets, launch states, one-time codes). */
export interface TicketRecord {
  /** The lookup key (store a hash of the secret part, never the secret). */
  id: string;
  kind: string;
  payload: unknown;
  expiresAt: string;
}

/** A token-signing key; the private key is encrypted under the deployment's key-encryption key. */
export interface SigningKeyRecord {
  kid: string;
  alg: 'ES256' | 'RS256' | 'EdDSA';
  publicJwk: Record<string, unknown>;
  /** Opaque ciphertext (base64url) of the private JWK, encrypted by the service, never by the store. */
  encryptedPrivateJwk: string;
  createdAt: string;
  /** When it starts signing (published before that: rotation with overlap). */
  activatesAt: string;
  /** When it stops signing. */
  retiresAt?: string;
  /** When it is removed from the JWKS (after its last token expired). */
  expiresAt?: string;
}

/** A hand-off attempt, recorded for statistics and quality of service (GAR-REFERENCE.md statistics rules). */
export interface HandoffEvent {
  id: string;
  at: string;
  uai: string;
  resourceId: string;
  /** Statistics-only pseudonym of the person (never the ENT id or the IDO). */
  statsPseudonym: string;
  profile: string;
  /** Division codes of the person at that school, for per-division aggregates. */
  divisionCodes: string[];
  outcome: 'success' | 'refused';
  /** Why it was refused (`no_copy`, `outside_validity`…). */
  reason?: string;
  protocol: 'jwt' | 'cas' | 'oauth' | 'saml' | 'lti';
}

/** Filters for listing subscriptions. */
export interface SubscriptionQuery {
  uai?: string;
  distributorId?: string;
  distributorIds?: readonly string[];
  resourceId?: string;
  projectCode?: string;
  includeDeleted?: boolean;
  /** Sort key; `id` by default. */
  sortBy?: 'id' | 'validUntil' | 'createdAt';
  order?: 'ASC' | 'DESC';
  offset?: number;
  limit?: number;
}

/** Filters for listing people of a school. */
export interface PeopleQuery {
  uai: string;
  audience?: Audience;
  /** Staff only: every audience but pupils (`ELEVE`). */
  staff?: boolean;
  /** Case- and accent-insensitive match on names or id. */
  search?: string;
  offset?: number;
  limit?: number;
}

/** A search of schools (the discovery page's). */
export interface SchoolSearch {
  /** Only the schools of these ENTs (none: no school). */
  entIds: readonly string[];
  /** Only the schools of this académie. */
  academie?: string;
  /** Folded terms (`foldText`), each a substring of the school's search text. */
  terms: readonly string[];
  limit: number;
}

/** Filters for listing licence copies. */
export interface CopyQuery {
  subscriptionId?: string;
  uai?: string;
  personId?: string;
}

/**
 * ENTs, schools, publishers, resources and operator credentials: who takes part.
 *
 * @example
 * ```ts
 * const school = await store.getSchool('0561641E');
 * ```
 */
export interface RegistryStore {
  putEnt(ent: Ent): Promise<void>;
  getEnt(id: string): Promise<Ent | undefined>;
  listEnts(): Promise<Ent[]>;
  putSchool(school: School): Promise<void>;
  getSchool(uai: string): Promise<School | undefined>;
  listSchools(filter?: { entId?: string }): Promise<School[]>;
  /**
   * The schools of some ENTs whose folded search text (name, UAI, locality, commune, postcode) holds every term, in
   * the folded name's order, at most `limit`, with how many match in all. Searched in the database, not in the service.
   */
  searchSchools(query: SchoolSearch): Promise<{ schools: School[]; total: number }>;
  /** The académies (code and label) of the schools of some ENTs, by code. */
  listSchoolAcademies(filter: { entIds: readonly string[] }): Promise<{ code: string; label: string }[]>;
  putPublisher(publisher: StoredPublisher): Promise<void>;
  getPublisher(id: string): Promise<StoredPublisher | undefined>;
  listPublishers(): Promise<StoredPublisher[]>;
  findPublisherByApiKeyHash(hash: string): Promise<StoredPublisher | undefined>;
  findPublisherByCertFingerprint(fingerprint: string): Promise<StoredPublisher | undefined>;
  putResource(resource: Resource): Promise<void>;
  getResource(id: string): Promise<Resource | undefined>;
  listResources(filter?: {
    ids?: readonly string[];
    distributorId?: string;
    freeOffer?: boolean;
    /** The resources whose SAML service provider has this entity id (at most one is ever registered). */
    samlEntityId?: string;
  }): Promise<Resource[]>;
  putOperator(operator: OperatorRecord): Promise<void>;
  findOperatorBySecretHash(hash: string): Promise<OperatorRecord | undefined>;
}

/**
 * The directory ENTs feed: people, divisions and groups, memberships, MEFs and allocation managers.
 *
 * @example
 * ```ts
 * const page = await store.listPeople({ uai: '0561641E', search: 'élodie', limit: 20 });
 * ```
 */
export interface DirectoryStore {
  putPerson(person: Person): Promise<void>;
  getPerson(entId: string, id: string): Promise<Person | undefined>;
  deletePerson(entId: string, id: string): Promise<void>;
  /** People with a profile at a school, sorted by last name, first name, id. */
  listPeople(query: PeopleQuery): Promise<Person[]>;
  countPeople(query: Omit<PeopleQuery, 'offset' | 'limit'>): Promise<number>;
  putGroup(group: Group): Promise<void>;
  getGroup(uai: string, code: string): Promise<Group | undefined>;
  listGroups(uai: string): Promise<Group[]>;
  deleteGroup(uai: string, code: string): Promise<void>;
  putMembership(membership: Membership): Promise<void>;
  deleteMembership(membership: Membership): Promise<void>;
  listMemberships(filter: { uai: string; groupCode?: string; personId?: string }): Promise<Membership[]>;
  putMef(mef: Mef): Promise<void>;
  listMefs(uai: string): Promise<Mef[]>;
  putRespAff(entry: RespAff): Promise<void>;
  listRespAff(filter: { uai?: string; entId?: string; personId?: string }): Promise<RespAff[]>;
  deleteRespAff(entId: string, personId: string): Promise<void>;
  /** The people of an ENT among `ids` (absent ones left out), sorted by id: one round trip for a list. */
  getPeople(entId: string, ids: readonly string[]): Promise<Person[]>;
  /** The groups of a school among `codes` (absent ones left out), sorted by code: one round trip for a list. */
  getGroups(uai: string, codes: readonly string[]): Promise<Group[]>;
}

/**
 * Subscriptions publishers deliver.
 *
 * @example
 * ```ts
 * const sub = await tx.lockSubscription(id); // inside store.transaction
 * ```
 */
export interface SubscriptionStore {
  /** @throws {@link StoreConflictError} when the id exists (deleted ones included). */
  insertSubscription(sub: StoredSubscription): Promise<void>;
  /** @throws {@link StoreNotFoundError} when the id does not exist. */
  updateSubscription(sub: StoredSubscription): Promise<void>;
  getSubscription(id: string): Promise<StoredSubscription | undefined>;
  /** Reads a subscription and locks it until the transaction ends (SELECT … FOR UPDATE). Only inside `transaction`. */
  lockSubscription(id: string): Promise<StoredSubscription | undefined>;
  listSubscriptions(query: SubscriptionQuery): Promise<StoredSubscription[]>;
  countSubscriptions(query: Omit<SubscriptionQuery, 'offset' | 'limit' | 'sortBy' | 'order'>): Promise<number>;
}

/**
 * Allocations of a subscription's licences and the copies they give.
 *
 * @example
 * ```ts
 * const used = await store.countCopies(subscriptionId); // { ELEVE: 28 }
 * ```
 */
export interface LicenceStore {
  insertAllocation(allocation: StoredAllocation): Promise<void>;
  /** Several at once, all or nothing. @throws {@link StoreConflictError} when an id exists. */
  insertAllocations(allocations: readonly StoredAllocation[]): Promise<void>;
  getAllocation(id: string): Promise<StoredAllocation | undefined>;
  listAllocations(filter: {
    uai?: string;
    subscriptionId?: string;
    target?: AllocationTarget;
    includeArchived?: boolean;
  }): Promise<StoredAllocation[]>;
  archiveAllocation(id: string, at: string): Promise<void>;
  unarchiveAllocation(id: string): Promise<void>;
  /** @throws {@link StoreConflictError} when a person already holds a copy of that subscription. */
  insertCopies(copies: readonly LicenceCopy[]): Promise<void>;
  listCopies(query: CopyQuery): Promise<LicenceCopy[]>;
  /** Copies in use per audience of a subscription. */
  countCopies(subscriptionId: string): Promise<Partial<Record<Audience, number>>>;
  deleteCopies(subscriptionId: string, personIds: readonly string[]): Promise<number>;
  /** Sets `firstOpenedAt` if it is not set yet. */
  markCopyOpened(subscriptionId: string, personId: string, at: string): Promise<void>;
}

/**
 * Delegations of the allocation role and each person's favourite resources.
 *
 * @example
 * ```ts
 * await store.revokeDelegation('0561641E', 'p1', now); // false when there was none
 * ```
 */
export interface DelegationStore {
  putDelegation(delegation: Delegation): Promise<void>;
  listDelegations(filter: { uai?: string; delegateId?: string; includeRevoked?: boolean }): Promise<Delegation[]>;
  revokeDelegation(uai: string, delegateId: string, at: string): Promise<boolean>;
  getFavourites(entId: string, personId: string): Promise<string[]>;
  setFavourites(entId: string, personId: string, resourceIds: readonly string[]): Promise<void>;
}

/**
 * Filters of the audit trail. `subjectId`: a subscription (allocation entries) or a delegate; `target`: entries whose
 * `after.targets` holds it; `actor`: the author; `from` (included) and `to` or `before` (excluded): instants; `after`:
 * the last entry of the previous page, by (`at`, `id`).
 */
export interface AuditFilter {
  uai: string;
  before?: string;
  from?: string;
  to?: string;
  limit?: number;
  subjectId?: string;
  actor?: string;
  target?: AllocationTarget;
  after?: { at: string; id: string };
}

/**
 * The audit trail.
 *
 * @example
 * ```ts
 * const recent = await store.listAudit({ uai: '0561641E', limit: 50 }); // most recent first
 * ```
 */
export interface AuditStore {
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Several at once, all or nothing. @throws {@link StoreConflictError} when an id exists. */
  appendAuditEntries(entries: readonly AuditEntry[]): Promise<void>;
  getAudit(id: string): Promise<AuditEntry | undefined>;
  /** Most recent first (ties by id, descending), filtered; `after` resumes past an entry of a previous page. */
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;
  markAuditUndone(id: string, undoneBy: string): Promise<void>;
}

/**
 * Single-use tickets and replay protection, shared by every instance.
 *
 * @example
 * ```ts
 * const fresh = await store.useOnce('jti', jti, expiresAt, now); // false on a replay
 * ```
 */
export interface TicketStore {
  putTicket(ticket: TicketRecord): Promise<void>;
  /** Atomically reads and deletes a ticket; `undefined` when absent, of another kind, or expired at `now`. */
  consumeTicket(id: string, kind: string, now: string): Promise<TicketRecord | undefined>;
  /** Records a key once: `true` the first time, `false` if already used and not yet expired (replay protection). */
  useOnce(namespace: string, key: string, expiresAt: string, now: string): Promise<boolean>;
}

/**
 * Rate-limiting windows shared by every instance.
 *
 * @example
 * ```ts
 * const hits = await store.hit('ip:203.0.113.7', windowStart, expiresAt);
 * ```
 */
export interface RateStore {
  /** Counts a hit in a fixed window and returns the count so far in that window (rate limiting). */
  hit(key: string, windowStart: string, expiresAt: string): Promise<number>;
}

/**
 * Named leases, so that one instance at a time runs a job.
 *
 * @example
 * ```ts
 * if (await store.acquireLease('stats', instanceId, until, now)) await runJob();
 * ```
 */
export interface LeaseStore {
  /** Takes or renews a named lease; `true` when `holder` holds it until `until`. */
  acquireLease(name: string, holder: string, until: string, now: string): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}

/**
 * Token-signing keys (encrypted by the service, never by the store).
 *
 * @example
 * ```ts
 * const keys = await store.listSigningKeys();
 * ```
 */
export interface SigningKeyStore {
  putSigningKey(key: SigningKeyRecord): Promise<void>;
  listSigningKeys(): Promise<SigningKeyRecord[]>;
  deleteSigningKey(kid: string): Promise<void>;
}

/**
 * Named deployment settings.
 *
 * @example
 * ```ts
 * await store.putSetting('maintenance', 'off');
 * ```
 */
export interface SettingStore {
  getSetting(name: string): Promise<string | undefined>;
  putSetting(name: string, value: string): Promise<void>;
}

/**
 * Hand-off attempts as recorded (the statistics fold them, see {@link StatsStoreOps}).
 *
 * @example
 * ```ts
 * const events = await store.listHandoffEvents({ uai: '0561641E', limit: 100 });
 * ```
 */
export interface HandoffEventStore {
  appendHandoffEvent(event: HandoffEvent): Promise<void>;
  listHandoffEvents(filter: {
    uai?: string;
    resourceId?: string;
    from?: string;
    to?: string;
    limit?: number;
  }): Promise<HandoffEvent[]>;
}

/**
 * The state every instance shares: tickets, rate windows, leases, keys, settings and hand-off events.
 *
 * @example
 * ```ts
 * await store.purgeExpired(new Date().toISOString());
 * ```
 */
export interface SharedStateStore
  extends TicketStore,
    RateStore,
    LeaseStore,
    SigningKeyStore,
    SettingStore,
    HandoffEventStore {
  /** Deletes expired tickets, replay keys and rate-limit windows; returns how many rows went. */
  purgeExpired(now: string): Promise<number>;
}

/**
 * Every read and write the service needs, by concept. Outside `transaction`, each call is its own transaction;
 * inside, calls see the transaction's own writes and commit together. Implementations: memory, PGlite, PostgreSQL
 * (one contract suite).
 */
export interface StoreOps
  extends RegistryStore,
    DirectoryStore,
    SubscriptionStore,
    LicenceStore,
    DelegationStore,
    AuditStore,
    SharedStateStore,
    FeedStoreOps,
    StatsStoreOps,
    TeachingStore,
    NativeAppStore,
    LtiPlatformStore,
    CatalogueStore,
    ClassroomStore,
    PersonDataStore {}

/** How a transaction waits for its connection. */
export interface TransactionOptions {
  /**
   * Transactions that would only wait on each other's lock (writers of one subscription: `subscription:<id>`). On
   * PostgreSQL, at most four of one key hold a connection at once per instance; the rest of a burst waits in memory and
   * leaves the pool to other work. Stores with one connection (memory, PGlite) ignore it.
   */
  queueKey?: string;
}

/** A store: {@link StoreOps} plus transactions and lifecycle. */
export interface Store extends StoreOps {
  readonly kind: 'memory' | 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction: every write inside commits together, or none does (the error is rethrown).
   * Licence consumption is safe under concurrency: `lockSubscription` serialises writers of one subscription.
   *
   * @throws `StoreBusyError` (PostgreSQL) when no connection is free within the pool's queue limit and timeout.
   */
  transaction<T>(fn: (tx: StoreOps) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Applies pending schema migrations (idempotent). */
  migrate(): Promise<void>;
  /** Whether the store answers (for `/readyz`). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
