/**
 * Whom the access export looks for: the person's ENT and id, and what else identifies their rows — the e-mail
 * addresses they had, the statistics pseudonym, the pseudonym their erasure left in the audit trail.
 */
export interface PersonDataQuery {
  entId: string;
  personId: string;
  emails: readonly string[];
  statsPseudonym: string;
  auditPseudonym: string;
}

/** The person's rows, per table of `EXPORTED_TABLES` (every one present, empty when nothing was found). */
export type PersonDataRecords = Record<string, Record<string, unknown>[]>;

/** Whose traces an erasure removes, and the pseudonym that replaces their id where a record is kept. */
export interface PersonTracesErasure {
  entId: string;
  personId: string;
  pseudonym: string;
  /** Their e-mail addresses: mail still queued for them is dropped. */
  emails: readonly string[];
}

/**
 * The access export (droit d'accès): every row of every table that holds a person. Read-only.
 *
 * @example
 * ```ts
 * const rows = await store.exportPersonData({ entId, personId, emails: [], statsPseudonym, auditPseudonym });
 * rows.licence_copies.length;
 * ```
 */
export interface PersonDataStore {
  exportPersonData(query: PersonDataQuery): Promise<PersonDataRecords>;
  /**
   * The erasure's last sweep, beside the directory's own deletions: drops the person's teachings, favourites, notifications
   * to them, delegations to them and mail queued for them; puts `pseudonym` in place of their id where a record is kept
   * (allocations they made or that name them, delegations they gave, notifications, sync reports quoting
   * them). Returns how many rows changed.
   */
  erasePersonTraces(input: PersonTracesErasure): Promise<number>;
}
