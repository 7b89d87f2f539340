import type { Group, Person, Teaching } from '@opengar/core';

/** Where a staged record was read. */
export interface StagedWhere {
  file: string;
  line: number;
}

/** A reference from a record to a school (`GARStructureUAI`, `GARPersonEtab`…) not read yet when staged. */
export interface StagedSchoolRef extends StagedWhere {
  uai: string;
  element: string;
}

/** A person's MEF (`GARPersonMEF`, `GARPersonMEFSTAT4`). */
export interface StagedPersonMef extends StagedWhere {
  personId: string;
  uai: string;
  code: string;
}

/** A membership (`GARPersonGroupe`, `GAREnsClasseMatiere`, `GAREnsGroupeMatiere`): a person in a group. */
export interface StagedRef extends StagedWhere {
  uai: string;
  personId: string;
  code: string;
  /** Whether the group was read before it (a staging in the heap keeps such a membership at once, as a set entry). */
  groupKnown?: boolean;
}

/**
 * A record's check that waits for the staging: where it was read, its rank among the feed's records (`seq`) and
 * where its problem would have been reported then (`mark`, see `FeedProblems.insertAt`).
 */
export interface StagedCheck extends StagedWhere {
  seq: number;
  mark: number;
  element: string;
}

/** A duplicate found by {@link FeedStaging.duplicates}. */
export interface StagedDuplicate extends StagedCheck {
  code: 'duplicate_key' | 'duplicate_person';
}

/** A bad reference of a membership: its person or its group is not in the feed. */
export interface BadRef extends StagedRef {
  missing: 'person' | 'group';
}

/** The first problems of a check (at most the limit asked for) and how many there are in all. */
export interface StagedProblems<T> {
  rows: T[];
  count: number;
}

/**
 * Where a feed's records wait between reading and applying, so that the import never holds a whole feed in the heap:
 * temporary tables of the import's transaction on PostgreSQL (`createSqlFeedStaging`), maps for the memory store and
 * PGlite (`createMemoryFeedStaging`). Rows are added in the feed's order (each call's rows after the previous call's);
 * the checks and reads come once every file is read ({@link FeedStaging.duplicates} first). Browser-safe interface.
 */
export interface FeedStaging {
  /** Records held between two writes to it (default `STAGE_BATCH`); a staging in the heap takes them at every pause. */
  readonly batch?: number;
  /**
   * Its `add…` methods do their work before they return (a staging in the heap): the collector hands it each record as
   * it is read, so that nothing read outlives V8's young generation before it is kept or let go.
   */
  readonly immediate?: boolean;
  /** Adds the uniqueness keys of records (`element` and the key's values), each with its check. */
  addKeys(keys: readonly (StagedCheck & { key: string })[]): Promise<void>;
  /** Adds people (their MEFs come with {@link addPersonMefs}), each with its check (`checks[i]` for `people[i]`). */
  addPeople(people: readonly Person[], checks: readonly StagedCheck[]): Promise<void>;
  /**
   * Once every file is read: the records whose key an earlier record of their element has (`duplicate_key`), and the
   * people whose id an earlier person has (`duplicate_person`: the first one stays), by record, a key before a person.
   */
  duplicates(limit: number): Promise<StagedProblems<StagedDuplicate>>;
  addPersonMefs(rows: readonly StagedPersonMef[]): Promise<void>;
  addRefs(rows: readonly StagedRef[]): Promise<void>;
  addTeachings(rows: readonly Teaching[]): Promise<void>;
  addSchoolRefs(rows: readonly StagedSchoolRef[]): Promise<void>;

  /** The school references whose school the feed does not have (`known` says which it has), in feed order. */
  unknownSchools(known: ReadonlySet<string>, limit: number): Promise<StagedProblems<StagedSchoolRef>>;
  /** The MEFs whose person the feed does not have, in feed order. */
  unknownMefPeople(limit: number): Promise<StagedProblems<StagedPersonMef>>;
  /** Stages the feed's divisions and groups (for the membership checks and reads). */
  addGroups(groups: readonly Group[]): Promise<void>;
  /** Memberships whose person (first) or group is not in the feed, in feed order. */
  badRefs(limit: number): Promise<StagedProblems<BadRef>>;
  /** Each (school, MEF code) people of the feed are at, in the order first read. */
  levels(): Promise<{ uai: string; code: string }[]>;

  /** How many people are staged. */
  peopleCount(): Promise<number>;
  /** Staged people (with their MEFs: at most 100, each once, in feed order) after `afterId`, in `compareIds` order. */
  peopleById(afterId: string | undefined, limit: number): Promise<Person[]>;
  /** Staged people after the `after`-th, in feed order. */
  peopleInOrder(after: number, limit: number): Promise<Person[]>;
  /** The staged people among `ids`. */
  getPeople(ids: readonly string[]): Promise<Map<string, Person>>;
  /** The valid memberships of a school: group code → members. */
  memberships(uai: string): Promise<Map<string, Set<string>>>;
  /** The valid teachings of a school, each once, in feed order. */
  teachings(uai: string): Promise<Teaching[]>;
  /** The groups (school and code) each of `people` is a valid member of, at the schools of their profiles. */
  groupsOf(people: readonly Person[]): Promise<Map<string, { uai: string; code: string }[]>>;
}

/**
 * Orders ids by code point (UTF-8 byte order: PostgreSQL's `COLLATE "C"`), the order of the sort-merge of a feed's
 * people with the store's.
 */
export function compareIds(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
