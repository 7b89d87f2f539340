import { primaryProfileAt, type Group, type Person, type School } from '@opengar/core';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor, EntUser } from '../kernel/types.js';
import type { StoreOps } from '../store/types.js';

/** A teacher at a school and the divisions and groups they teach there (the feed's teaching links). */
export interface TeacherAt {
  user: EntUser;
  person: Person;
  school: School;
  /** The classes taught, by code, sorted by label. */
  classes: Group[];
}

/**
 * Checks that the caller teaches at a school: an ENT user of the school's ENT with a profile there and at least one
 * teaching link (`GAREnsClasseMatiere`, `GAREnsGroupeMatiere`). A school of another ENT is answered as not found.
 *
 * @example
 * ```ts
 * const { classes } = await requireTeacher(store, actor, '0561641E');
 * ```
 * @throws {@link GarServiceError} `forbidden` or `not-found`.
 */
export async function requireTeacher(tx: StoreOps, actor: Actor, uai: string): Promise<TeacherAt> {
  if (actor.kind !== 'ent-user') throw new GarServiceError('forbidden', 'teachers only');
  const school = await tx.getSchool(uai);
  if (!school || school.entId !== actor.entId) throw new GarServiceError('not-found', 'no such school');
  const person = await tx.getPerson(actor.entId, actor.personId);
  if (!person || primaryProfileAt(person, uai) === undefined)
    throw new GarServiceError('forbidden', 'not at this school');
  const codes = new Set((await tx.listTeachings({ uai, personId: person.id })).map((t) => t.groupCode));
  if (codes.size === 0) throw new GarServiceError('forbidden', 'teaches no class at this school');
  const classes = (await tx.listGroups(uai)).filter((g) => codes.has(g.code));
  classes.sort((a, b) => (a.label || a.code).localeCompare(b.label || b.code, 'fr') || (a.code < b.code ? -1 : 1));
  return { user: actor, person, school, classes };
}

/** Throws `forbidden` unless every code names a class the teacher teaches; answers those classes. */
export function taughtClasses(teacher: TeacherAt, codes: readonly string[], pointer: string): Group[] {
  const out: Group[] = [];
  for (const [i, code] of codes.entries()) {
    const group = teacher.classes.find((g) => g.code === code);
    if (!group)
      throw new GarServiceError('forbidden', 'not a class the caller teaches', {
        issues: [{ pointer: `${pointer}/${i}`, code: 'forbidden', message: 'not a class you teach' }],
      });
    out.push(group);
  }
  return out;
}

/** How pupils call a teacher: « M. Martin », « Mme Durand », else first and last name. */
export function teacherName(person: Pick<Person, 'civility' | 'firstName' | 'lastName'>): string {
  return person.civility ? `${person.civility}\u00a0${person.lastName}` : `${person.firstName} ${person.lastName}`;
}
