import type { Profile } from '@opengar/core';
import { DEMO_ENT_ID, DEMO_UAI } from './demo-catalogue.js';
import { DEMO_PERSON_IDS } from './demo-directory.js';
import { DEMO_ECOLE_IDS } from './demo-ecole.js';

/** Who a demo user is, for the README, examples and Storybook. */
export interface DemoUser {
  /** A stable key (`pupil`, `teacher`…). */
  key:
    | 'pupil'
    | 'lycee-pupil'
    | 'teacher'
    | 'librarian'
    | 'head'
    | 'lycee-head'
    | 'delegate'
    | 'two-schools'
    | 'ecole-director'
    | 'ecole-teacher'
    | 'ecole-pupil';
  entId: string;
  /** `GARPersonIdentifiant`: the `sub` of the demo ENT's assertions. */
  personId: string;
  name: string;
  schools: { uai: string; profile: Profile }[];
  /** What the user shows in the demo. */
  role: string;
}

const C = DEMO_UAI.college;
const L = DEMO_UAI.lycee;
const E = DEMO_UAI.ecole;

/**
 * The demo's named users. Sign an ENT assertion (`gar-ent+jwt`, `iss` `ENT-DEMO`, `sub` = `personId`) with
 * `DEMO_CREDENTIALS.entSigningKey.privateJwk` to act as one of them.
 *
 * @example
 * ```ts
 * const head = DEMO_USERS.find((u) => u.key === 'head')!;
 * // head.personId === 'dir-001', allocation manager of the collège 0561641E
 * ```
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: 'pupil',
    entId: DEMO_ENT_ID,
    personId: DEMO_PERSON_IDS.collegePupil,
    name: 'Emma Le Goff',
    schools: [{ uai: C, profile: 'National_elv' }],
    role: 'Pupil in 6e A at the collège: textbook, dictionary.',
  },
  {
    key: 'lycee-pupil',
    entId: DEMO_ENT_ID,
    personId: DEMO_PERSON_IDS.lyceePupil,
    name: 'Lucas Tanguy',
    schools: [{ uai: L, profile: 'National_elv' }],
    role: 'Pupil in 2nde 1 at the lycée: the Sciences lycée family (one pseudonym for both), orientation.',
  },
  {
    key: 'teacher',
    entId: DEMO_ENT_ID,
    personId: DEMO_PERSON_IDS.teacher,
    name: 'Nathalie Rousseau',
    schools: [
      { uai: C, profile: 'National_ens' },
      { uai: L, profile: 'National_ens' },
    ],
    role: 'Mathematics teacher at both schools (e-mail released to resources that declare P_MEL).',
  },
  {
    key: 'librarian',
    entId: DEMO_ENT_ID,
    personId: DEMO_PERSON_IDS.librarian,
    name: 'Hélène Tanguy',
    schools: [{ uai: C, profile: 'National_doc' }],
    role: 'Librarian (professeure documentaliste) at the collège: press subscription (expired).',
  },
  {
    key: 'head',
    entId: DEMO_ENT_ID,
    personId: DEMO_PERSON_IDS.collegeHead,
    name: 'Philippe Guillou',
    schools: [{ uai: C, profile: 'National_dir' }],
    role: 'Head of the collège, its allocation manager (and in the RespAff feed): the allocation console.',
  },
  {
    key: 'lycee-head',
    entId: DEMO_ENT_ID,
    personId: DEMO_PERSON_IDS.lyceeHead,
    name: 'Catherine Le Corre',
    schools: [{ uai: L, profile: 'National_dir' }],
    role: 'Head of the lycée, its allocation manager.',
  },
  {
    key: 'delegate',
    entId: DEMO_ENT_ID,
    personId: DEMO_PERSON_IDS.delegate,
    name: 'Yann Le Floch',
    schools: [{ uai: C, profile: 'National_ens' }],
    role: 'History teacher the collège head delegated allocation to.',
  },
  {
    key: 'two-schools',
    entId: DEMO_ENT_ID,
    personId: DEMO_PERSON_IDS.twoSchools,
    name: 'Gwénolé Hamon',
    schools: [
      { uai: C, profile: 'National_ens' },
      { uai: L, profile: 'National_doc' },
    ],
    role: 'Teacher at the collège and librarian at the lycée: one médiacentre per school.',
  },
  {
    key: 'ecole-director',
    entId: DEMO_ENT_ID,
    personId: DEMO_ECOLE_IDS.director,
    name: 'Maëlle Le Bihan',
    schools: [
      { uai: E, profile: 'National_dir' },
      { uai: E, profile: 'National_ens' },
    ],
    role: 'Director of the école, teacher of its CM2 and its allocation manager (RespAff): the école console.',
  },
  {
    key: 'ecole-teacher',
    entId: DEMO_ENT_ID,
    personId: DEMO_ECOLE_IDS.cpTeacher,
    name: 'Gaëlle Kerhervé',
    schools: [{ uai: E, profile: 'National_ens' }],
    role: 'CP teacher at the école: the CP reading book.',
  },
  {
    key: 'ecole-pupil',
    entId: DEMO_ENT_ID,
    personId: DEMO_ECOLE_IDS.cpPupil,
    name: 'Léo Morvan',
    schools: [{ uai: E, profile: 'National_elv' }],
    role: 'CP pupil at the école: the young pupils’ médiacentre (large tiles, names read aloud).',
  },
];
