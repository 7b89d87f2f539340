import type { Delegation, Group, Membership, Mef, Person, Profile, RespAff, Subject, Teaching } from '@opengar/core';
import { collegeLevels, lyceeLevels, type LevelSpec } from './demo-levels.js';
import { ADULT_FIRST_NAMES, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, emailLocalPart } from './french-names.js';
import type { Prng } from './prng.js';

/** The directory part of the demo: what the ENT's feeds would carry. */
export interface DemoDirectory {
  people: Person[];
  groups: Group[];
  memberships: Membership[];
  mefs: Mef[];
  respAff: RespAff[];
  delegations: Delegation[];
  /** The schools' subjects (`GARMatiere`). */
  subjects: Subject[];
  /** Who teaches which subject to which division (`GAREnsClasseMatiere`). */
  teachings: Teaching[];
}

/** The subjects of every division, in the order its seven teachers take them (demo codes, BCN-like labels). */
export const DEMO_SUBJECTS: readonly { code: string; label: string }[] = [
  { code: '020700', label: 'FRANCAIS' },
  { code: '061300', label: 'MATHEMATIQUES' },
  { code: '040300', label: 'HISTOIRE-GEOGRAPHIE' },
  { code: '030201', label: 'ANGLAIS LV1' },
  { code: '062900', label: 'SCIENCES DE LA VIE ET DE LA TERRE' },
  { code: '062400', label: 'PHYSIQUE-CHIMIE' },
  { code: '100100', label: 'EDUCATION PHYSIQUE ET SPORTIVE' },
];

/** Inputs of {@link demoDirectory}. */
export interface DemoDirectoryInput {
  rng: Prng;
  entId: string;
  college: string;
  lycee: string;
  /** First calendar year of the school year (2026 for 2026-2027). */
  schoolYearStart: number;
  /** When the delegation was granted. */
  delegatedAt: string;
  /** Domain of staff e-mails. */
  mailDomain?: string;
}

/** Ids of the named demo people (see `DEMO_USERS`). */
export const DEMO_PERSON_IDS = {
  collegePupil: 'eleve-0001',
  lyceePupil: 'eleve-1001',
  teacher: 'ens-001',
  delegate: 'ens-002',
  twoSchools: 'ens-003',
  librarian: 'doc-001',
  collegeHead: 'dir-001',
  lyceeHead: 'dir-002',
} as const;

interface Staff {
  id: string;
  firstName: string;
  lastName: string;
  civility: 'M.' | 'Mme';
  profiles: { uai: string; profile: Profile }[];
}

/**
 * Builds the demo directory: ~1,500 pupils of a collège (6e–3e, divisions A–D) and a lycée (2nde, 1re, Tle), their
 * language, option and speciality groups, teachers (some at both schools), librarians, heads, school-life and
 * administrative staff, the heads' RespAff entries and one delegation.
 *
 * @example
 * ```ts
 * const dir = demoDirectory({ rng: createPrng('demo'), entId: 'ENT-DEMO', college: '0561641E', lycee: '0561622J', schoolYearStart: 2026, delegatedAt });
 * ```
 */
export function demoDirectory(input: DemoDirectoryInput): DemoDirectory {
  const { rng, entId, college, lycee, schoolYearStart } = input;
  const domain = input.mailDomain ?? 'ac-rennes.example';
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
  const usedEmails = new Set<string>();
  const emailOf = (first: string, last: string): string => {
    const local = emailLocalPart(first, last);
    let candidate = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(candidate); n++) candidate = `${local}${n}@${domain}`;
    usedEmails.add(candidate);
    return candidate;
  };
  const adult = (): Pick<Staff, 'firstName' | 'lastName' | 'civility'> => {
    const female = rng.chance(0.6);
    return {
      firstName: rng.pick(female ? ADULT_FIRST_NAMES.female : ADULT_FIRST_NAMES.male),
      lastName: rng.pick(LAST_NAMES),
      civility: female ? 'Mme' : 'M.',
    };
  };

  // Staff: named demo people first, then generated teachers and staff.
  const staff: Staff[] = [
    {
      id: DEMO_PERSON_IDS.teacher,
      firstName: 'Nathalie',
      lastName: 'Rousseau',
      civility: 'Mme',
      profiles: [
        { uai: college, profile: 'National_ens' },
        { uai: lycee, profile: 'National_ens' },
      ],
    },
    {
      id: DEMO_PERSON_IDS.delegate,
      firstName: 'Yann',
      lastName: 'Le Floch',
      civility: 'M.',
      profiles: [{ uai: college, profile: 'National_ens' }],
    },
    {
      id: DEMO_PERSON_IDS.twoSchools,
      firstName: 'Gwénolé',
      lastName: 'Hamon',
      civility: 'M.',
      profiles: [
        { uai: college, profile: 'National_ens' },
        { uai: lycee, profile: 'National_doc' },
      ],
    },
    {
      id: DEMO_PERSON_IDS.librarian,
      firstName: 'Hélène',
      lastName: 'Tanguy',
      civility: 'Mme',
      profiles: [{ uai: college, profile: 'National_doc' }],
    },
    {
      id: DEMO_PERSON_IDS.collegeHead,
      firstName: 'Philippe',
      lastName: 'Guillou',
      civility: 'M.',
      profiles: [{ uai: college, profile: 'National_dir' }],
    },
    {
      id: DEMO_PERSON_IDS.lyceeHead,
      firstName: 'Catherine',
      lastName: 'Le Corre',
      civility: 'Mme',
      profiles: [{ uai: lycee, profile: 'National_dir' }],
    },
  ];
  const addStaff = (id: string, profiles: Staff['profiles']): void => void staff.push({ id, ...adult(), profiles });
  for (let i = 4; i <= 40; i++)
    addStaff(`ens-${String(i).padStart(3, '0')}`, [{ uai: college, profile: 'National_ens' }]);
  for (let i = 41; i <= 120; i++)
    addStaff(`ens-${String(i).padStart(3, '0')}`, [{ uai: lycee, profile: 'National_ens' }]);
  for (let i = 121; i <= 124; i++)
    addStaff(`ens-${String(i).padStart(3, '0')}`, [
      { uai: college, profile: 'National_ens' },
      { uai: lycee, profile: 'National_ens' },
    ]);
  addStaff('doc-002', [{ uai: lycee, profile: 'National_doc' }]);
  addStaff('evs-001', [{ uai: college, profile: 'National_evs' }]);
  addStaff('evs-002', [{ uai: lycee, profile: 'National_evs' }]);
  addStaff('eta-001', [{ uai: lycee, profile: 'National_eta' }]);
  const teachersAt = (uai: string): Staff[] =>
    staff.filter((s) => s.profiles.some((p) => p.uai === uai && p.profile === 'National_ens'));
  const staffMefs = new Map<string, Set<string>>();
  const teach = (teacher: Staff, uai: string, groupCode: string, mefCode: string, subject?: string): void => {
    out.memberships.push({ uai, groupCode, personId: teacher.id });
    if (
      subject &&
      !out.teachings.some(
        (t) => t.uai === uai && t.groupCode === groupCode && t.personId === teacher.id && t.subject === subject,
      )
    )
      out.teachings.push({ uai, groupCode, personId: teacher.id, subject });
    const set = staffMefs.get(teacher.id) ?? new Set<string>();
    set.add(`${uai}|${mefCode}`);
    staffMefs.set(teacher.id, set);
  };

  let pupilSeq = 0;
  const schoolLevels: [string, LevelSpec[]][] = [
    [college, collegeLevels(college)],
    [lycee, lyceeLevels(lycee)],
  ];
  for (const [uai, levels] of schoolLevels) {
    if (uai === lycee) pupilSeq = 1000;
    for (const subject of DEMO_SUBJECTS) out.subjects.push({ uai, ...subject });
    const teachers = teachersAt(uai);
    let teacherCursor = 0;
    const nextTeachers = (n: number): Staff[] =>
      Array.from({ length: n }, () => teachers[teacherCursor++ % teachers.length]!);
    for (const level of levels) {
      out.mefs.push(level.mef);
      const levelPupils: string[] = [];
      for (const division of level.divisions) {
        out.groups.push({ uai, code: division.code, label: division.label, status: 'DIVISION' });
        const size = rng.int(level.size[0], level.size[1]);
        for (let k = 0; k < size; k++) {
          pupilSeq++;
          const id = `eleve-${String(pupilSeq).padStart(4, '0')}`;
          const female = rng.chance(0.5);
          let firstName = rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
          let lastName = rng.pick(LAST_NAMES);
          if (id === DEMO_PERSON_IDS.collegePupil) [firstName, lastName] = ['Emma', 'Le Goff'];
          if (id === DEMO_PERSON_IDS.lyceePupil) [firstName, lastName] = ['Lucas', 'Tanguy'];
          const month = rng.int(1, 12);
          const day = rng.int(1, 28);
          const born = `${schoolYearStart - level.age}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          out.people.push({
            entId,
            id,
            lastName,
            firstName,
            civility:
              id === DEMO_PERSON_IDS.lyceePupil ? 'M.' : id === DEMO_PERSON_IDS.collegePupil || female ? 'Mme' : 'M.',
            birthDate: born,
            profiles: [{ uai, profile: 'National_elv' }],
            mefs: [{ uai, code: level.mef.code }],
          });
          out.memberships.push({ uai, groupCode: division.code, personId: id });
          levelPupils.push(id);
        }
        for (const [k, t] of nextTeachers(7).entries())
          teach(t, uai, division.code, level.mef.code, DEMO_SUBJECTS[k]!.code);
      }
      // LV2 groups split the level; option groups take a share of it.
      const lv2 = level.groups.filter((g) => g.suffix === 'ESP' || g.suffix === 'ALL');
      const options = level.groups.filter((g) => !lv2.includes(g));
      const groupCode = (suffix: string): string => `${level.key}-${suffix}`;
      for (const g of level.groups)
        out.groups.push({ uai, code: groupCode(g.suffix), label: g.label, status: 'GROUPE' });
      for (const id of levelPupils) {
        if (lv2.length) {
          const g = rng.next() < lv2[0]!.share ? lv2[0]! : lv2[lv2.length - 1]!;
          out.memberships.push({ uai, groupCode: groupCode(g.suffix), personId: id });
        }
        for (const o of options)
          if (rng.chance(o.share)) out.memberships.push({ uai, groupCode: groupCode(o.suffix), personId: id });
      }
      if (level.specialities) {
        for (const s of level.specialities.list)
          out.groups.push({ uai, code: groupCode(s.suffix), label: s.label, status: 'GROUPE' });
        for (const id of levelPupils) {
          for (const s of rng.shuffle(level.specialities.list).slice(0, level.specialities.count)) {
            out.memberships.push({ uai, groupCode: groupCode(s.suffix), personId: id });
          }
        }
      }
      const levelGroups = [
        ...level.groups.map((g) => g.suffix),
        ...(level.specialities?.list.map((s) => s.suffix) ?? []),
      ];
      for (const suffix of levelGroups)
        for (const t of nextTeachers(1)) teach(t, uai, groupCode(suffix), level.mef.code);
    }
  }

  for (const s of staff) {
    const mefs = [...(staffMefs.get(s.id) ?? [])].sort().map((key) => {
      const [uai, code] = key.split('|') as [string, string];
      return { uai, code };
    });
    out.people.push({
      entId,
      id: s.id,
      lastName: s.lastName,
      firstName: s.firstName,
      civility: s.civility,
      email: emailOf(s.firstName, s.lastName),
      profiles: s.profiles,
      mefs,
    });
  }
  const emailById = new Map(out.people.map((p) => [p.id, p.email]));
  for (const [personId, uai] of [
    [DEMO_PERSON_IDS.collegeHead, college],
    [DEMO_PERSON_IDS.lyceeHead, lycee],
  ] as const) {
    const email = emailById.get(personId);
    out.respAff.push({ entId, personId, ...(email ? { email } : {}), uais: [uai] });
  }
  out.delegations.push({
    uai: college,
    delegateId: DEMO_PERSON_IDS.delegate,
    grantedBy: DEMO_PERSON_IDS.collegeHead,
    grantedAt: input.delegatedAt,
  });
  return out;
}
