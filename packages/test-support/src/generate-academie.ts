import {
  checkAllocation,
  expandTarget,
  schoolYearEnd,
  schoolYearOf,
  type Group,
  type LicenceCopy,
  type Membership,
  type Mef,
  type Person,
  type Profile,
  type School,
} from '@opengar/core';
import type { StoredAllocation, StoredSubscription } from '@opengar/server';
import {
  ADULT_FIRST_NAMES,
  DEMO_REFERENCE_DATE,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  collegeLevels,
  createPrng,
  demoCatalogue,
  demoResourceId,
  lyceeLevels,
  uaiWithCheckLetter,
  type DemoCatalogue,
  type LevelSpec,
  type Prng,
} from '@opengar/server/demo';

/** Options of {@link generateAcademie}. */
export interface GenerateAcademieOptions {
  /** Number of schools (default 300): two collèges for one lycée. */
  schools?: number;
  /** Number of people in all (default 300,000), spread evenly over the schools; about 92 % are pupils. */
  people?: number;
  /** Seed of the generator (default `academie`). */
  seed?: string | number;
  /** "Now", for validity windows (default the demo's reference date). */
  referenceDate?: string;
  /** Generate subscriptions, allocations and copies for each school (default `true`). */
  subscriptions?: boolean;
}

/** One generated school with its directory and, optionally, its subscriptions. */
export interface AcademieSchool {
  school: School;
  mefs: Mef[];
  groups: Group[];
  people: Person[];
  memberships: Membership[];
  subscriptions: StoredSubscription[];
  allocations: StoredAllocation[];
  copies: LicenceCopy[];
}

/** ENTs of the generated académie: one per département. */
const DEPARTEMENTS = [
  { code: '022', label: 'Côtes-d’Armor', ent: 'ENT-ACAD-22' },
  { code: '029', label: 'Finistère', ent: 'ENT-ACAD-29' },
  { code: '035', label: 'Ille-et-Vilaine', ent: 'ENT-ACAD-35' },
  { code: '056', label: 'Morbihan', ent: 'ENT-ACAD-56' },
];

/**
 * The registry the académie's schools refer to: the demo catalogue, with one ENT per département.
 *
 * @example
 * ```ts
 * const { ents, publishers, resources } = academieCatalogue();
 * ```
 */
export function academieCatalogue(): Omit<DemoCatalogue, 'ent' | 'schools'> & { ents: DemoCatalogue['ent'][] } {
  const demo = demoCatalogue();
  return {
    ents: DEPARTEMENTS.map((d) => ({ ...demo.ent, id: d.ent, name: `ENT ${d.label}` })),
    publishers: demo.publishers,
    resources: demo.resources,
  };
}

function adult(rng: Prng): { firstName: string; lastName: string; civility: 'M.' | 'Mme' } {
  const female = rng.chance(0.6);
  return {
    firstName: rng.pick(female ? ADULT_FIRST_NAMES.female : ADULT_FIRST_NAMES.male),
    lastName: rng.pick(LAST_NAMES),
    civility: female ? 'Mme' : 'M.',
  };
}

function buildSchool(
  index: number,
  headcount: number,
  rng: Prng,
): Omit<AcademieSchool, 'subscriptions' | 'allocations' | 'copies'> {
  const dep = DEPARTEMENTS[index % DEPARTEMENTS.length]!;
  const lycee = index % 3 === 2;
  const uai = uaiWithCheckLetter(`${dep.code}${String(1000 + index).padStart(4, '0')}`);
  const school: School = {
    uai,
    entId: dep.ent,
    name: `${lycee ? 'Lycée' : 'Collège'} ${rng.pick(LAST_NAMES)} n°${index + 1}`,
    degree: '2D',
    typeUai: lycee ? 'LYC' : 'CLG',
    academie: '14',
    academieLabel: 'Rennes',
    departement: dep.code,
    departementLabel: dep.label,
  };
  const levels: LevelSpec[] = lycee ? lyceeLevels(uai) : collegeLevels(uai);
  const out = {
    school,
    mefs: levels.map((l) => l.mef),
    groups: [] as Group[],
    people: [] as Person[],
    memberships: [] as Membership[],
  };
  const staffCount = Math.max(3, Math.round(headcount * 0.08));
  const pupils = headcount - staffCount;
  const perLevel = Math.ceil(pupils / levels.length);
  let made = 0;
  for (const level of levels) {
    const divisions = Math.max(1, Math.round(perLevel / 28));
    for (let d = 0; d < divisions && made < pupils; d++) {
      const code = `${level.key}${String.fromCharCode(65 + (d % 26))}${d >= 26 ? Math.floor(d / 26) : ''}`;
      out.groups.push({ uai, code, label: `${level.label} ${code.slice(level.key.length)}`, status: 'DIVISION' });
      const size = Math.min(pupils - made, Math.ceil(perLevel / divisions));
      for (let k = 0; k < size; k++, made++) {
        const female = rng.chance(0.5);
        const id = `${uai}-e${String(made + 1).padStart(5, '0')}`;
        out.people.push({
          entId: dep.ent,
          id,
          lastName: rng.pick(LAST_NAMES),
          firstName: rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
          civility: female ? 'Mme' : 'M.',
          profiles: [{ uai, profile: 'National_elv' }],
          mefs: [{ uai, code: level.mef.code }],
        });
        out.memberships.push({ uai, groupCode: code, personId: id });
      }
    }
  }
  const divisions = out.groups.map((g) => g.code);
  for (let s = 0; s < staffCount; s++) {
    const profile: Profile =
      s === 0 ? 'National_dir' : s === 1 ? 'National_doc' : s === 2 ? 'National_evs' : 'National_ens';
    const id = `${uai}-p${String(s + 1).padStart(4, '0')}`;
    const name = adult(rng);
    out.people.push({
      entId: dep.ent,
      id,
      ...name,
      email: `${id.toLowerCase()}@ac-rennes.example`,
      profiles: [{ uai, profile }],
      mefs: [],
    });
    if (profile === 'National_ens')
      for (let k = 0; k < 3; k++)
        out.memberships.push({ uai, groupCode: divisions[(s * 3 + k) % divisions.length]!, personId: id });
  }
  return out;
}

function subscribe(
  base: Omit<AcademieSchool, 'subscriptions' | 'allocations' | 'copies'>,
  schoolYear: string,
  resources: DemoCatalogue['resources'],
): Pick<AcademieSchool, 'subscriptions' | 'allocations' | 'copies'> {
  const uai = base.school.uai;
  const startYear = Number(schoolYear.slice(0, 4));
  const from = new Date(Date.UTC(startYear, 7, 15, 22)).toISOString();
  const until = schoolYearEnd(schoolYear);
  const byId = new Map(resources.map((r) => [r.id, r]));
  const head = base.people.find((p) => p.profiles[0]!.profile === 'National_dir')!.id;
  const dir = { uai, people: base.people, memberships: base.memberships };
  const out: Pick<AcademieSchool, 'subscriptions' | 'allocations' | 'copies'> = {
    subscriptions: [],
    allocations: [],
    copies: [],
  };
  const textbook = base.school.typeUai === 'LYC' ? 'physique-chimie-2nde' : 'maths-6e';
  const firstLevel = base.groups
    .filter((g) => g.status === 'DIVISION' && g.code.startsWith(base.school.typeUai === 'LYC' ? '2' : '6'))
    .map((g) => g.code);
  const levelSize = new Set(base.memberships.filter((m) => firstLevel.includes(m.groupCode)).map((m) => m.personId))
    .size;
  const plans: {
    slug: string;
    id: string;
    sub: Partial<StoredSubscription>;
    targets: Parameters<typeof expandTarget>[0][];
    by: string;
  }[] = [
    {
      slug: 'atlas-interactif',
      id: `AUTO_${uai}_atlas-interactif`,
      sub: {
        type: 'ETABL',
        licences: { kind: 'global', count: 'ILLIMITE' },
        audiences: ['ENSEIGNANT', 'DOCUMENTALISTE', 'ELEVE'],
        automatic: true,
      },
      targets: [{ kind: 'audience', audience: 'ENSEIGNANT' }],
      by: 'system',
    },
    {
      slug: 'dictionnaire',
      id: `dictionnaire_${uai}_${startYear}`,
      sub: {
        type: 'ETABL',
        licences: { kind: 'global', count: 'ILLIMITE' },
        audiences: ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'],
      },
      targets: [{ kind: 'audience', audience: 'ELEVE' }],
      by: head,
    },
    {
      slug: textbook,
      id: `${textbook}_${uai}_${startYear}`,
      sub: {
        type: 'INDIV',
        licences: { kind: 'global', count: Math.ceil(levelSize * 1.1) + 20 },
        audiences: ['ELEVE', 'ENSEIGNANT'],
      },
      targets: firstLevel.map((code) => ({ kind: 'division', code })),
      by: head,
    },
  ];
  let seq = 0;
  for (const plan of plans) {
    const resource = byId.get(demoResourceId(plan.slug))!;
    const sub: StoredSubscription = {
      id: plan.id,
      distributorId: resource.distributorIds[0]!,
      resourceId: resource.id,
      resourceIdType: resource.idType,
      resourceLabel: resource.name,
      validFrom: from,
      validUntil: until,
      endSchoolYear: schoolYear,
      uai,
      category: 'transferable',
      type: 'ETABL',
      licences: { kind: 'global', count: 'ILLIMITE' },
      audiences: ['ELEVE'],
      automatic: false,
      createdAt: from,
      updatedAt: from,
      ...plan.sub,
    };
    out.subscriptions.push(sub);
    const copies: LicenceCopy[] = [];
    for (const target of plan.targets) {
      const fit = checkAllocation(sub, copies, expandTarget(target, dir), { mode: 'skip-uncovered' });
      if (!fit.ok) continue;
      const id = `${uai}-alloc-${++seq}`;
      out.allocations.push({ id, subscriptionId: sub.id, uai, target, createdAt: from, createdBy: plan.by });
      for (const g of fit.grant)
        copies.push({
          subscriptionId: sub.id,
          uai,
          personId: g.personId,
          audience: g.audience,
          allocationId: id,
          assignedAt: from,
        });
    }
    out.copies.push(...copies);
  }
  return out;
}

/**
 * Generates an académie for benchmarks, one school at a time (a generator: nothing is kept between schools, so
 * 300 schools and 300,000 people stream in constant memory). Deterministic: each school has its own seeded generator,
 * so the same options always give the same schools. Register {@link academieCatalogue} first.
 *
 * @example
 * ```ts
 * for (const batch of generateAcademie({ schools: 300, people: 300_000, seed: 'bench' })) {
 *   await store.transaction(async (tx) => { for (const p of batch.people) await tx.putPerson(p); });
 * }
 * ```
 */
export function* generateAcademie(options: GenerateAcademieOptions = {}): Generator<AcademieSchool, void, undefined> {
  const schools = options.schools ?? 300;
  const people = options.people ?? 300_000;
  if (!Number.isInteger(schools) || schools < 1 || schools > 9000)
    throw new TypeError('schools must be an integer from 1 to 9000');
  if (!Number.isInteger(people) || people < schools * 10)
    throw new TypeError('people must be an integer, at least 10 per school');
  const schoolYear = schoolYearOf(options.referenceDate ?? DEMO_REFERENCE_DATE);
  const resources = options.subscriptions === false ? [] : demoCatalogue().resources;
  const base = Math.floor(people / schools);
  for (let i = 0; i < schools; i++) {
    const headcount = base + (i < people % schools ? 1 : 0);
    const built = buildSchool(i, headcount, createPrng(`${options.seed ?? 'academie'}:${i}`));
    const subs =
      options.subscriptions === false
        ? { subscriptions: [], allocations: [], copies: [] }
        : subscribe(built, schoolYear, resources);
    yield { ...built, ...subs };
  }
}
