import { PRIMARY_LEVELS, type Mef, type Person } from '@opengar/core';
import type { DemoDirectory } from './demo-directory.js';
import { ADULT_FIRST_NAMES, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, emailLocalPart } from './french-names.js';
import type { Prng } from './prng.js';

/**
 * Ids of the école's named people (see `DEMO_USERS`).
 *
 * @example
 * ```ts
 * DEMO_ECOLE_IDS.director; // 'dir-003', director of the école 0561800C and teacher of its CM2
 * ```
 */
export const DEMO_ECOLE_IDS = {
  director: 'dir-003',
  cpTeacher: 'ens-201',
  cpPupil: 'eleve-5001',
} as const;

/** Inputs of {@link demoEcole}. */
export interface DemoEcoleInput {
  rng: Prng;
  entId: string;
  uai: string;
  schoolYearStart: number;
  mailDomain?: string;
}

/**
 * The école's directory, as its 1D feed carries it: five classes from CP to CM2 (`CP`, `CE1`, `CE2`, `CM1`, `CM2`) of
 * 20 to 25 pupils, one teacher each, the CM2 taught by the director (profiles `National_dir` and `National_ens`),
 * who is also its allocation manager in RespAff; no librarian. MEFs are the MEFSTAT4 codes 1D feeds give
 * (`GARPersonMEFSTAT4`, labelled CP…CM2). 1D feeds carry no teacher e-mail: only the RespAff entry has one.
 * Its own generator (`<seed>:ecole`), so that adding the école left the collège and lycée as they were.
 */
export function demoEcole(input: DemoEcoleInput): DemoDirectory {
  const { rng, entId, uai, schoolYearStart } = input;
  const out: DemoDirectory = {
    people: [],
    groups: [],
    memberships: [],
    mefs: [],
    respAff: [],
    delegations: [],
    subjects: [],
    teachings: [],
  };
  const mefOf = (code: string, label: string): Mef => ({ uai, code, label, mefStat4: code });
  const staff: Person[] = [];
  for (const [i, level] of PRIMARY_LEVELS.entries()) {
    out.mefs.push(mefOf(level.mefStat4, level.label));
    const code = level.label;
    out.groups.push({ uai, code, label: level.label, status: 'DIVISION' });
    const director = level.label === 'CM2';
    const female = rng.chance(0.7);
    const teacher: Person = {
      entId,
      id: director ? DEMO_ECOLE_IDS.director : `ens-${201 + i}`,
      firstName: director ? 'Maëlle' : rng.pick(female ? ADULT_FIRST_NAMES.female : ADULT_FIRST_NAMES.male),
      lastName: director ? 'Le Bihan' : rng.pick(LAST_NAMES),
      civility: director || female ? 'Mme' : 'M.',
      profiles: director
        ? [
            { uai, profile: 'National_dir' },
            { uai, profile: 'National_ens' },
          ]
        : [{ uai, profile: 'National_ens' }],
      mefs: [{ uai, code: level.mefStat4 }],
    };
    if (teacher.id === DEMO_ECOLE_IDS.cpTeacher) [teacher.firstName, teacher.lastName] = ['Gaëlle', 'Kerhervé'];
    staff.push(teacher);
    out.memberships.push({ uai, groupCode: code, personId: teacher.id });
    const size = rng.int(20, 25);
    const age = 6 + i;
    for (let k = 0; k < size; k++) {
      const id = `eleve-${5001 + i * 100 + k}`;
      const girl = rng.chance(0.5);
      let firstName = rng.pick(girl ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
      let lastName = rng.pick(LAST_NAMES);
      if (id === DEMO_ECOLE_IDS.cpPupil) [firstName, lastName] = ['Léo', 'Morvan'];
      const month = String(rng.int(1, 12)).padStart(2, '0');
      const day = String(rng.int(1, 28)).padStart(2, '0');
      out.people.push({
        entId,
        id,
        lastName,
        firstName,
        civility: id === DEMO_ECOLE_IDS.cpPupil ? 'M.' : girl ? 'Mme' : 'M.',
        birthDate: `${schoolYearStart - age}-${month}-${day}`,
        profiles: [{ uai, profile: 'National_elv' }],
        mefs: [{ uai, code: level.mefStat4 }],
      });
      out.memberships.push({ uai, groupCode: code, personId: id });
    }
  }
  out.people.push(...staff);
  const director = staff.find((p) => p.id === DEMO_ECOLE_IDS.director)!;
  out.respAff.push({
    entId,
    personId: director.id,
    email: `${emailLocalPart(director.firstName, director.lastName)}@${input.mailDomain ?? 'ac-rennes.example'}`,
    uais: [uai],
  });
  return out;
}
