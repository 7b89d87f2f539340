import { primaryProfileAt, type Person, type School } from '@opengar/core';
import type { StoreOps } from '../store/types.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor, EntUser } from '../kernel/types.js';

/** How a caller acts for a school: an allocation manager (head or RespAff) or a delegate. */
export interface SchoolRole {
  user: EntUser;
  person: Person;
  school: School;
  role: 'manager' | 'delegate';
}

/**
 * Whether a person is an allocation manager of a school: its head (`National_dir` there) or named for it in RespAff.
 *
 * @example
 * ```ts
 * await isManager(tx, person, '0561641E'); // true for the head
 * ```
 */
export async function isManager(tx: StoreOps, person: Person, uai: string): Promise<boolean> {
  if (person.profiles.some((p) => p.uai === uai && p.profile === 'National_dir')) return true;
  const entries = await tx.listRespAff({ entId: person.entId, personId: person.id });
  return entries.some((e) => e.uais.includes(uai));
}

/**
 * Checks that the caller is a manager or a delegate of the school and says which. A school of another ENT is answered
 * as not found; anyone else of the ENT is forbidden.
 *
 * @example
 * ```ts
 * const { role } = await requireSchoolRole(tx, actor, '0561641E');
 * ```
 * @throws {@link GarServiceError} `forbidden` or `not-found`.
 */
export async function requireSchoolRole(tx: StoreOps, actor: Actor, uai: string): Promise<SchoolRole> {
  if (actor.kind !== 'ent-user') throw new GarServiceError('forbidden', 'school managers only');
  const school = await tx.getSchool(uai);
  if (!school || school.entId !== actor.entId) throw new GarServiceError('not-found', 'no such school');
  const person = await tx.getPerson(actor.entId, actor.personId);
  if (!person) throw new GarServiceError('forbidden', 'not a manager of this school');
  if (await isManager(tx, person, uai)) return { user: actor, person, school, role: 'manager' };
  if (primaryProfileAt(person, uai) === undefined)
    throw new GarServiceError('forbidden', 'not a manager of this school');
  const delegations = await tx.listDelegations({ uai, delegateId: person.id });
  if (delegations.some((d) => d.revokedAt === undefined)) return { user: actor, person, school, role: 'delegate' };
  throw new GarServiceError('forbidden', 'not a manager of this school');
}

/** How a caller reads a school: as a manager or delegate, or as its librarian (who never allocates). */
export interface SchoolReader extends Omit<SchoolRole, 'role'> {
  role: SchoolRole['role'] | 'librarian';
}

/** Whether a person is a librarian of a school (`National_doc` there). */
export function isLibrarian(person: Person, uai: string): boolean {
  return person.profiles.some((p) => p.uai === uai && p.profile === 'National_doc');
}

/**
 * Checks that the caller may read a school's subscriptions, allocations and notifications: a manager, a delegate, or
 * the school's librarian (`National_doc` there). Allocation, withdrawal, delegation and the audit trail keep
 * {@link requireSchoolRole}: a librarian who is not also a delegate is refused there.
 *
 * @example
 * ```ts
 * const { role } = await requireSchoolReader(tx, actor, '0561641E'); // 'librarian' for the documentaliste
 * ```
 * @throws {@link GarServiceError} `forbidden` or `not-found`.
 */
export async function requireSchoolReader(tx: StoreOps, actor: Actor, uai: string): Promise<SchoolReader> {
  try {
    return await requireSchoolRole(tx, actor, uai);
  } catch (error) {
    if (!(error instanceof GarServiceError) || error.code !== 'forbidden' || actor.kind !== 'ent-user') throw error;
    const person = await tx.getPerson(actor.entId, actor.personId);
    const school = await tx.getSchool(uai);
    if (!person || !school || !isLibrarian(person, uai)) throw error;
    return { user: actor, person, school, role: 'librarian' };
  }
}
