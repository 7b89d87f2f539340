import type { ManagedSchool, Person, School } from '@opengar/core';
import type { DirectoryStore } from '../store/types.js';

const STAFF = new Set(['National_dir', 'National_ens']);

/**
 * What the console shows besides the role: the school's degree, and the divisions the caller belongs to there as
 * staff (an école director's own class, for « Donner à ma classe »). Pupils' divisions are never listed.
 */
export async function managedSchoolExtras(
  store: Pick<DirectoryStore, 'listMemberships' | 'listGroups'>,
  person: Person,
  school: School,
): Promise<Pick<ManagedSchool, 'degree' | 'classes'>> {
  const staff = person.profiles.some((p) => p.uai === school.uai && STAFF.has(p.profile));
  if (!staff) return { degree: school.degree ?? '2D' };
  const mine = new Set((await store.listMemberships({ uai: school.uai, personId: person.id })).map((m) => m.groupCode));
  const classes = mine.size
    ? (await store.listGroups(school.uai))
        .filter((g) => g.status === 'DIVISION' && mine.has(g.code))
        .map((g) => ({ code: g.code, label: g.label }))
        .sort((a, b) => a.label.localeCompare(b.label, 'fr'))
    : [];
  return { degree: school.degree ?? '2D', classes };
}
