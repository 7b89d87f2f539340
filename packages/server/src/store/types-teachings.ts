import type { Subject, Teaching } from '@opengar/core';

/**
 * The subjects of a school (`GARMatiere`) and who teaches which subject to which division or group
 * (`GAREnsClasseMatiere`, `GAREnsGroupeMatiere`), as the feeds give them: what subject-teacher targets expand by.
 *
 * @example
 * ```ts
 * const french = await store.listTeachings({ uai: '0561641E', subject: '020700' });
 * ```
 */
export interface TeachingStore {
  /** Adds or relabels subjects. */
  putSubjects(subjects: readonly Subject[]): Promise<void>;
  deleteSubjects(subjects: readonly Pick<Subject, 'uai' | 'code'>[]): Promise<void>;
  /** A school's subjects, by code. */
  listSubjects(uai: string): Promise<Subject[]>;
  /** Adds teachings (those that exist stay). */
  putTeachings(teachings: readonly Teaching[]): Promise<void>;
  deleteTeachings(teachings: readonly Teaching[]): Promise<void>;
  /** A school's teachings, by subject, group and person. */
  listTeachings(filter: { uai: string; personId?: string; subject?: string; groupCode?: string }): Promise<Teaching[]>;
}
