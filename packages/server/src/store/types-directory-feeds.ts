import type { Membership, Person } from '@opengar/core';
import type { FeedStaging } from '../feeds/feed-staging.js';

/** One e-mail waiting in the outbox, or sent. The id is stable: it makes the Message-ID, so a retry is the same message. */
export interface OutboxMessage {
  /** Stable id (a hash of what the message is about and whom it is for); enqueuing it twice keeps the first. */
  id: string;
  /** The school it is about (`''` for none). */
  uai: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `pending` (waiting or between retries), `sent`, or `failed` (gave up after the last attempt; kept, never lost). */
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** When it may be (re)tried. */
  nextAttemptAt: string;
  /** The worker holding it, and until when: a claim that lapsed (a crashed worker) is taken again. */
  claimedBy?: string;
  claimedUntil?: string;
  createdAt: string;
  sentAt?: string;
  lastError?: string;
}

/** An in-console notification for one manager of one school. */
export interface ConsoleNotification {
  /** Stable id (what it is about and for whom): putting it twice keeps the first. */
  id: string;
  uai: string;
  /** The ENT person id of the manager it is for. */
  recipientId: string;
  kind:
    | 'subscription.new'
    | 'subscription.ending'
    | 'subscription.expired'
    | 'copies.running-out'
    | 'subscription.over-allocated'
    | 'feed.problems'
    | 'feed.stale'
    | 'class.request';
  /** Data the templates render (ids, counts, dates; no personal data beyond the recipient's own). */
  data: Record<string, unknown>;
  createdAt: string;
  readAt?: string;
  /** Set once the notification went into an e-mail (immediately or in a digest). */
  mailedAt?: string;
}

/** One import of an ENT's feed: accepted and applied, or refused with its problems. */
export interface FeedRun {
  id: string;
  entId: string;
  startedAt: string;
  finishedAt: string;
  status: 'applied' | 'refused';
  /** Files read, with their kind and record counts. */
  files: { name: string; kind: string; records: number }[];
  /** Problems found (a refused feed has at least one); capped, with `problemCount` the full number. */
  problems: { file: string; line: number; element: string; code: string; message: string }[];
  problemCount: number;
  /** What the application changed, when applied. */
  summary?: Record<string, number>;
}

/** The rentrée check of one school after a feed: counts, changes and anomalies (see docs/feeds.md). */
export interface SyncReport {
  uai: string;
  entId: string;
  runId: string;
  at: string;
  /** People per profile. */
  counts: Record<string, number>;
  changes: {
    arrived: number;
    changed: number;
    left: number;
    divisionsAdded: number;
    divisionsRenamed: number;
    divisionsRemoved: number;
    groupsAdded: number;
    groupsRenamed: number;
    groupsRemoved: number;
    membershipChanges: number;
  };
  anomalies: {
    pupilsWithoutDivision: string[];
    divisionsWithoutPupils: string[];
    managersWithoutEmail: string[];
    /** Teachers of the school in no class or group of it (reports before these two were kept may lack them). */
    teachersWithoutClasses?: string[];
    /** Pupils of the school without a MEF there (no level: level targets and suggestions miss them). */
    pupilsWithoutMef?: string[];
    /** École (1D) only: pupils whose MEFSTAT4 is not a level of an école (CP…CM2), with the codes the feed gave. */
    pupilsWithUnknownLevel?: string[];
    /** École (1D) only: directors (`National_dir`) that no RespAff entry names for the école. */
    directorsNotInRespAff?: string[];
    /** École (1D) only: people with a profile an école does not have (`National_doc`). */
    profilesAbsentAtEcole?: string[];
  };
}

/** Who left an ENT's directory and when: the person's data is kept for a grace period, then erased. */
export interface DepartureRecord {
  entId: string;
  personId: string;
  leftAt: string;
  /** The schools they were at (their audit entries are pseudonymised there at erasure). */
  uais: string[];
  /** What the directory said of them when they left (kept during the grace period only). */
  person: Person;
}

/** A completed rollover of one school to a school year (re-running it is then harmless). */
export interface RolloverRecord {
  uai: string;
  /** The school year that opened, `2026-2027`. */
  year: string;
  at: string;
  summary: Record<string, number>;
}

/**
 * A feed's bulk directory writes, its runs and its sync reports.
 *
 * @example
 * ```ts
 * const runs = await store.listFeedRuns({ entId: 'ENTBRE', limit: 10 }); // newest first
 * ```
 */
export interface FeedRunStore {
  /** Removes a MEF of a school (absent from a new feed). */
  deleteMef(uai: string, code: string): Promise<void>;
  /** Creates or replaces many people at once (as `putPerson` each; a feed's arrivals and changes). */
  putPeople(people: readonly Person[]): Promise<void>;
  /** Adds many memberships at once (those that exist stay). */
  putMemberships(memberships: readonly Membership[]): Promise<void>;
  /** Removes many memberships at once. */
  deleteMemberships(memberships: readonly Membership[]): Promise<void>;

  putFeedRun(run: FeedRun): Promise<void>;
  getFeedRun(id: string): Promise<FeedRun | undefined>;
  /** Newest first. */
  listFeedRuns(filter: { entId?: string; limit?: number }): Promise<FeedRun[]>;
  /** Replaces a school's report (the latest one is kept). */
  putSyncReport(report: SyncReport): Promise<void>;
  getSyncReport(uai: string): Promise<SyncReport | undefined>;
}

/**
 * The e-mail outbox: each message claimed by one worker at a time, never lost.
 *
 * @example
 * ```ts
 * await store.enqueueOutbox(message); // false when a message with that id is already there
 * const due = await store.claimOutbox({ holder: 'w1', now, until, limit: 20 });
 * ```
 */
export interface OutboxStore {
  /** Adds a message unless one with its id exists; `true` when added. */
  enqueueOutbox(message: OutboxMessage): Promise<boolean>;
  /**
   * Claims up to `limit` pending messages due at `now` whose claim is free or lapsed, for `holder` until `until`, and
   * counts an attempt on each. Of two concurrent callers, each message goes to one. Oldest first.
   */
  claimOutbox(input: { holder: string; now: string; until: string; limit: number }): Promise<OutboxMessage[]>;
  /** Marks a claimed message sent (only by its holder); `false` when the claim was lost. */
  markOutboxSent(id: string, holder: string, at: string): Promise<boolean>;
  /** Records a failed attempt: retried from `retryAt`, or `failed` for good when `giveUp`. */
  markOutboxFailed(
    id: string,
    holder: string,
    input: { error: string; retryAt: string; giveUp: boolean },
  ): Promise<boolean>;
  listOutbox(filter: { status?: OutboxMessage['status']; uai?: string; limit?: number }): Promise<OutboxMessage[]>;
}

/**
 * In-console notifications of managers.
 *
 * @example
 * ```ts
 * const unread = await store.listNotifications({ uai, recipientId, unreadOnly: true });
 * ```
 */
export interface NotificationStore {
  /** Adds a notification unless one with its id exists; `true` when added. */
  putNotification(notification: ConsoleNotification): Promise<boolean>;
  /** A manager's notifications at a school, newest first. */
  listNotifications(filter: {
    uai?: string;
    recipientId?: string;
    unreadOnly?: boolean;
    unmailedOnly?: boolean;
    limit?: number;
  }): Promise<ConsoleNotification[]>;
  /** Marks read; `false` when no such notification for that recipient. */
  markNotificationRead(id: string, recipientId: string, at: string): Promise<boolean>;
  markNotificationsMailed(ids: readonly string[], at: string): Promise<void>;
}

/**
 * Departures from a directory and their erasure after the grace period.
 *
 * @example
 * ```ts
 * const due = await store.listDepartures({ leftBefore: graceStart, limit: 100 });
 * ```
 */
export interface ErasureStore {
  putDeparture(record: DepartureRecord): Promise<void>;
  getDeparture(entId: string, personId: string): Promise<DepartureRecord | undefined>;
  /** Departures that happened before `leftBefore`, oldest first. */
  listDepartures(filter: { entId?: string; leftBefore?: string; limit?: number }): Promise<DepartureRecord[]>;
  deleteDeparture(entId: string, personId: string): Promise<void>;
  /**
   * Replaces a person's id by a pseudonym in the audit entries of some schools (actor, subject and the JSON of
   * before/after); returns how many entries changed.
   */
  pseudonymizeAudit(input: { uais: readonly string[]; personId: string; pseudonym: string }): Promise<number>;
}

/**
 * Completed rollovers of schools to a school year.
 *
 * @example
 * ```ts
 * if (!(await store.getRollover(uai, '2026-2027'))) await rollover();
 * ```
 */
export interface RolloverStore {
  getRollover(uai: string, year: string): Promise<RolloverRecord | undefined>;
  putRollover(record: RolloverRecord): Promise<void>;
}

/**
 * The store operations of directory feeds, notifications, erasure and rollover, merged into `StoreOps`.
 *
 * @example
 * ```ts
 * await store.enqueueOutbox(message); // false when a message with that id is already there
 * const due = await store.claimOutbox({ holder: 'w1', now, until, limit: 20 });
 * ```
 */
/**
 * What a feed import reads and stages without holding the whole directory: the store's people in pages ordered by id
 * (the sort-merge with the feed's), and a staging for the feed's own records.
 *
 * @example
 * ```ts
 * const page = await store.listPeoplePage('ENTBRE', undefined, 1000);
 * const next = await store.listPeoplePage('ENTBRE', page.at(-1)?.id, 1000);
 * ```
 */
export interface FeedStagingStore {
  /** An ENT's people after `afterId` (from the first when `undefined`), at most `limit`, ordered by id (`compareIds`). */
  listPeoplePage(entId: string, afterId: string | undefined, limit: number): Promise<Person[]>;
  /**
   * A staging for the feed import of this transaction, in the database (PostgreSQL: temporary tables dropped at its
   * end); `undefined` where the import stages in memory (the memory store, PGlite, outside a transaction).
   */
  openFeedStaging(entId: string): Promise<FeedStaging | undefined>;
}

export interface FeedStoreOps
  extends FeedRunStore,
    FeedStagingStore,
    OutboxStore,
    NotificationStore,
    ErasureStore,
    RolloverStore {}
