import {
  checkAllocation,
  countByAudience,
  expandTarget,
  schoolYearEnd,
  targetKey,
  type AllocationTarget,
  type Audience,
  type LicenceCopy,
  type Licences,
  type LicenceCount,
  type Person,
  type Resource,
  type Subscription,
} from '@opengar/core';
import { auditRecordEntry } from '../allocation/audit.js';
import type { AuditEntry, StoredAllocation, StoredSubscription } from '../store/types.js';
import { DEMO_PERSON_IDS, type DemoDirectory } from './demo-directory.js';
import type { Prng } from './prng.js';

/** Subscriptions, allocations, licence copies and the audit entries of those allocations. */
export interface DemoSubscriptions {
  subscriptions: StoredSubscription[];
  allocations: StoredAllocation[];
  copies: LicenceCopy[];
  audit: AuditEntry[];
}

/** Inputs of {@link demoSubscriptions}. */
export interface DemoSubscriptionsInput {
  rng: Prng;
  resources: readonly Resource[];
  directory: DemoDirectory;
  college: string;
  lycee: string;
  /** The école (1D): its subscriptions come after the others. */
  ecole?: string;
  /** The instant the demo is "now" (ISO). */
  referenceDate: string;
  /** The current school year (`2026-2027`). */
  schoolYear: string;
}

type Validity = 'year' | 'two-years' | 'expiring' | 'expired';
interface AllocationSpec {
  target: AllocationTarget;
  by?: string;
  /** Leave people the subscription does not cover out (a division also lists its teachers). */
  skipUncovered?: boolean;
}
interface SubscriptionSpec {
  slug: string;
  uai: string;
  type: Subscription['type'];
  category: Subscription['category'];
  licences: Licences;
  audiences: Audience[];
  validity: Validity;
  projectCode?: string;
  automatic?: boolean;
  allocations: AllocationSpec[];
}

const DAY = 86_400_000;
const ALL: Audience[] = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'];
const global = (count: LicenceCount): Licences => ({ kind: 'global', count });
const per = (
  ELEVE: LicenceCount,
  ENSEIGNANT: LicenceCount,
  DOCUMENTALISTE: LicenceCount,
  autre: LicenceCount,
): Licences => ({
  kind: 'perAudience',
  counts: { ELEVE, ENSEIGNANT, DOCUMENTALISTE, 'AUTRE PERSONNEL': autre },
});
const division = (code: string): AllocationSpec => ({ target: { kind: 'division', code } });
const group = (code: string, skipUncovered = false): AllocationSpec => ({
  target: { kind: 'group', code },
  skipUncovered,
});
const audience = (a: Audience, by?: string): AllocationSpec => ({
  target: { kind: 'audience', audience: a },
  ...(by ? { by } : {}),
});
const person = (personId: string): AllocationSpec => ({ target: { kind: 'person', personId } });
const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

function specs(college: string, lycee: string, freeOffer: Resource | undefined, ecole?: string): SubscriptionSpec[] {
  const C = college;
  const L = lycee;
  const list: SubscriptionSpec[] = [
    {
      slug: 'maths-6e',
      uai: C,
      type: 'INDIV',
      category: 'transferable',
      licences: global(140),
      audiences: ['ELEVE', 'ENSEIGNANT'],
      validity: 'year',
      allocations: [division('6A'), division('6B'), division('6C'), person(DEMO_PERSON_IDS.teacher)],
    },
    {
      slug: 'francais-5e',
      uai: C,
      type: 'ETABL',
      category: 'non transferable',
      licences: per('ILLIMITE', 40, 2, 0),
      audiences: ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE'],
      validity: 'year',
      allocations: [...['5A', '5B', '5C', '5D'].map(division), person(DEMO_PERSON_IDS.librarian)],
    },
    {
      slug: 'histoire-geo-3e',
      uai: C,
      type: 'INDIV',
      category: 'non transferable',
      licences: per(90, 25, 0, 0),
      audiences: ['ELEVE', 'ENSEIGNANT'],
      validity: 'year',
      allocations: [division('3A'), division('3B'), division('3C')],
    },
    {
      slug: 'dictionnaire',
      uai: C,
      type: 'ETABL',
      category: 'transferable',
      licences: global('ILLIMITE'),
      audiences: ALL,
      validity: 'two-years',
      allocations: ALL.map((a) => audience(a)),
    },
    {
      slug: 'exos-maths-college',
      uai: C,
      type: 'INDIV',
      category: 'transferable',
      licences: per(60, 4, 0, 0),
      audiences: ['ELEVE', 'ENSEIGNANT'],
      validity: 'expiring',
      allocations: [group('5-LATIN'), person(DEMO_PERSON_IDS.teacher)],
    },
    {
      slug: 'quotidien-ados',
      uai: C,
      type: 'ETABL',
      category: 'transferable',
      licences: global(50),
      audiences: ['ELEVE', 'DOCUMENTALISTE'],
      validity: 'expired',
      allocations: [person(DEMO_PERSON_IDS.librarian), group('3-LATIN', true)],
    },
    {
      slug: 'atelier-creation',
      uai: C,
      type: 'INDIV',
      category: 'transferable',
      licences: global(5),
      audiences: ['ENSEIGNANT', 'DOCUMENTALISTE'],
      validity: 'year',
      allocations: [
        person(DEMO_PERSON_IDS.teacher),
        person(DEMO_PERSON_IDS.twoSchools),
        person(DEMO_PERSON_IDS.librarian),
      ],
    },
    {
      slug: 'physique-chimie-2nde',
      uai: L,
      type: 'INDIV',
      category: 'non transferable',
      licences: global(400),
      audiences: ['ELEVE', 'ENSEIGNANT'],
      validity: 'year',
      allocations: range('2NDE', 1, 5).map(division),
    },
    {
      slug: 'svt-2nde',
      uai: L,
      type: 'INDIV',
      category: 'transferable',
      licences: global(45),
      audiences: ['ELEVE', 'ENSEIGNANT'],
      validity: 'year',
      allocations: [division('2NDE1'), person(DEMO_PERSON_IDS.teacher)],
    },
    {
      slug: 'anglais-1re',
      uai: L,
      type: 'ETABL',
      category: 'transferable',
      licences: per(300, 'ILLIMITE', 0, 0),
      audiences: ['ELEVE', 'ENSEIGNANT'],
      validity: 'year',
      allocations: range('1ERE', 1, 8).map(division),
    },
    {
      slug: 'revisions-bac',
      uai: L,
      type: 'INDIV',
      category: 'transferable',
      licences: global('ILLIMITE'),
      audiences: ['ELEVE'],
      validity: 'year',
      projectCode: 'PROJET-BAC-2027',
      allocations: range('TLE', 1, 10).map((c) => ({ target: { kind: 'division', code: c }, skipUncovered: true })),
    },
    {
      slug: 'actu-eco',
      uai: L,
      type: 'ETABL',
      category: 'transferable',
      licences: global('ILLIMITE'),
      audiences: ALL,
      validity: 'year',
      allocations: [],
    },
    {
      slug: 'encyclopedie',
      uai: L,
      type: 'ETABL',
      category: 'transferable',
      licences: per('ILLIMITE', 'ILLIMITE', 'ILLIMITE', 5),
      audiences: ALL,
      validity: 'year',
      allocations: [audience('DOCUMENTALISTE'), audience('AUTRE PERSONNEL')],
    },
    {
      slug: 'orientation',
      uai: L,
      type: 'INDIV',
      category: 'non transferable',
      licences: global(10),
      audiences: ['ELEVE', 'AUTRE PERSONNEL'],
      validity: 'year',
      allocations: [person(DEMO_PERSON_IDS.lyceePupil), person('evs-002')],
    },
    {
      slug: 'atelier-creation',
      uai: L,
      type: 'ETABL',
      category: 'transferable',
      licences: global('ILLIMITE'),
      audiences: ['DOCUMENTALISTE'],
      validity: 'year',
      allocations: [audience('DOCUMENTALISTE')],
    },
    {
      // The LTI 1.3 tool: the pupil of 6e A opens it from the médiacentre, the teacher picks a map for a class.
      slug: 'cartes-lti',
      uai: C,
      type: 'ETABL',
      category: 'transferable',
      licences: global('ILLIMITE'),
      audiences: ['ELEVE', 'ENSEIGNANT'],
      validity: 'year',
      allocations: [division('6A'), audience('ENSEIGNANT')],
    },
  ];
  if (freeOffer?.freeOffer) {
    for (const uai of [C, L]) {
      list.push({
        slug: freeOffer.id.split('/').pop()!,
        uai,
        type: 'ETABL',
        category: 'transferable',
        licences: global('ILLIMITE'),
        audiences: [...freeOffer.freeOffer.audiences],
        validity: 'year',
        automatic: true,
        allocations: [audience('ENSEIGNANT', 'system'), audience('DOCUMENTALISTE', 'system')],
      });
    }
  }
  if (ecole) list.push(...ecoleSpecs(ecole));
  // The SAML resource, at the collège: every pupil and teacher (after the others, so that earlier ids stay).
  list.push({
    slug: 'quiz-sciences',
    uai: C,
    type: 'ETABL',
    category: 'transferable',
    licences: global('ILLIMITE'),
    audiences: ['ELEVE', 'ENSEIGNANT'],
    validity: 'year',
    allocations: [audience('ELEVE'), audience('ENSEIGNANT')],
  });
  return list;
}

/**
 * The école's subscriptions: the CP reading book for the CP (pupils and their teacher), the sound picture dictionary
 * for cycle 2, a cycles 2–3 mental arithmetic subscription nobody was given yet (the director's rentrée), and the
 * automatic subscription to the cycles 2–3 free national offer, given to the teachers by the system.
 */
function ecoleSpecs(E: string): SubscriptionSpec[] {
  const pupilsOf = (code: string): AllocationSpec => ({ target: { kind: 'division', code }, skipUncovered: true });
  return [
    {
      slug: 'lecture-cp',
      uai: E,
      type: 'INDIV',
      category: 'transferable',
      licences: global(30),
      audiences: ['ELEVE', 'ENSEIGNANT'],
      validity: 'year',
      allocations: [pupilsOf('CP'), person('ens-201')],
    },
    {
      slug: 'imagier-sonore',
      uai: E,
      type: 'ETABL',
      category: 'transferable',
      // Delivered as publishers often do, to every public including librarians: the école's console hides that pool.
      licences: per('ILLIMITE', 'ILLIMITE', 'ILLIMITE', 'ILLIMITE'),
      audiences: ALL,
      validity: 'year',
      allocations: [pupilsOf('CP'), pupilsOf('CE1')],
    },
    {
      slug: 'calcul-malin',
      uai: E,
      type: 'ETABL',
      category: 'transferable',
      licences: global('ILLIMITE'),
      audiences: ['ELEVE', 'ENSEIGNANT'],
      validity: 'year',
      allocations: [],
    },
    {
      slug: 'petits-films',
      uai: E,
      type: 'ETABL',
      category: 'transferable',
      licences: global('ILLIMITE'),
      audiences: ['ENSEIGNANT', 'ELEVE'],
      validity: 'year',
      automatic: true,
      allocations: [audience('ENSEIGNANT', 'system')],
    },
  ];
}

/**
 * Builds the demo subscriptions of every kind (ETABL and INDIV, global and per-audience counts, `ILLIMITE`,
 * transferable or not, one expiring within 30 days, one expired, automatic `AUTO_<UAI>_…` ones for the free offer)
 * and allocates some of them, every allocation checked with the core's `checkAllocation` so that no pool goes past
 * its licences and nobody holds two copies of a subscription.
 *
 * @example
 * ```ts
 * const { subscriptions, copies } = demoSubscriptions({ rng, resources, directory, college, lycee, referenceDate, schoolYear });
 * ```
 */
export function demoSubscriptions(input: DemoSubscriptionsInput): DemoSubscriptions {
  const { rng, directory, referenceDate, schoolYear } = input;
  const ref = Date.parse(referenceDate);
  const startYear = Number(schoolYear.slice(0, 4));
  const yearStart = Date.UTC(startYear, 7, 15, 22, 0, 0);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const out: DemoSubscriptions = { subscriptions: [], allocations: [], copies: [], audit: [] };
  const byId = new Map(input.resources.map((r) => [r.id, r]));
  const bySlug = new Map(input.resources.map((r) => [r.id.split('/').pop()!, r]));
  const peopleAt = new Map<string, Person[]>();
  for (const p of directory.people)
    for (const uai of new Set(p.profiles.map((x) => x.uai))) peopleAt.set(uai, [...(peopleAt.get(uai) ?? []), p]);
  const heads = new Map(
    directory.people
      .filter((p) => p.profiles.some((x) => x.profile === 'National_dir'))
      .map((p) => [p.profiles[0]!.uai, p.id]),
  );
  const freeOffer = input.resources.find((r) => r.freeOffer);
  let seq = 0;

  for (const spec of specs(input.college, input.lycee, freeOffer, input.ecole)) {
    const resource = bySlug.get(spec.slug);
    if (!resource || !byId.has(resource.id)) throw new TypeError(`the demo catalogue has no resource ${spec.slug}`);
    const validity = {
      year: { from: yearStart, until: Date.parse(schoolYearEnd(schoolYear)), endSchoolYear: schoolYear },
      'two-years': {
        from: yearStart,
        until: Date.parse(schoolYearEnd(`${startYear + 1}-${startYear + 2}`)),
        endSchoolYear: `${startYear + 1}-${startYear + 2}`,
      },
      expiring: { from: ref - 345 * DAY, until: ref + 21 * DAY, endSchoolYear: undefined },
      expired: { from: ref - 400 * DAY, until: ref - 15 * DAY, endSchoolYear: undefined },
    }[spec.validity];
    const id = spec.automatic ? `AUTO_${spec.uai}_${spec.slug}` : `${spec.slug}_${spec.uai}_${startYear}`;
    const createdAt = iso(Math.min(validity.from, ref));
    const sub: StoredSubscription = {
      id,
      ...(spec.automatic ? { comment: 'Offre nationale gratuite : abonnement automatique' } : {}),
      distributorId: resource.distributorIds[0]!,
      resourceId: resource.id,
      resourceIdType: resource.idType,
      resourceLabel: resource.name,
      validFrom: iso(validity.from),
      validUntil: iso(validity.until),
      ...(validity.endSchoolYear ? { endSchoolYear: validity.endSchoolYear } : {}),
      uai: spec.uai,
      category: spec.category,
      type: spec.type,
      licences: spec.licences,
      audiences: spec.audiences,
      ...(spec.projectCode ? { projectCode: spec.projectCode } : {}),
      automatic: spec.automatic ?? false,
      createdAt,
      updatedAt: createdAt,
    };
    out.subscriptions.push(sub);

    const dir = {
      uai: spec.uai,
      people: peopleAt.get(spec.uai) ?? [],
      memberships: directory.memberships.filter((m) => m.uai === spec.uai),
    };
    const copies: LicenceCopy[] = [];
    const span = Math.max(ref, validity.from) - validity.from;
    for (const [i, a] of spec.allocations.entries()) {
      const allocationId = `alloc-${String(++seq).padStart(4, '0')}`;
      const at = iso(validity.from + Math.floor(span / 2) + i * 60_000);
      const by = a.by ?? heads.get(spec.uai) ?? 'system';
      const fit = checkAllocation(sub, copies, expandTarget(a.target, dir), {
        mode: a.skipUncovered ? 'skip-uncovered' : 'strict',
      });
      if (!fit.ok) throw new Error(`demo allocation ${targetKey(a.target)} of ${id} does not fit: ${fit.reason}`);
      out.allocations.push({
        id: allocationId,
        subscriptionId: id,
        uai: spec.uai,
        target: a.target,
        createdAt: at,
        createdBy: by,
      });
      for (const g of fit.grant) {
        const opened = rng.chance(0.4) ? iso(Date.parse(at) + rng.int(1, 20) * 3_600_000) : undefined;
        copies.push({
          subscriptionId: id,
          uai: spec.uai,
          personId: g.personId,
          audience: g.audience,
          allocationId,
          assignedAt: at,
          ...(opened && Date.parse(opened) < ref ? { firstOpenedAt: opened } : {}),
        });
      }
      const granted = fit.grant.map((g) => ({ personId: g.personId, allocationId, audience: g.audience }));
      // The typed record the allocation engine writes, so that a manager can read and undo a seeded change too.
      out.audit.push(
        auditRecordEntry(
          { id: `audit-${allocationId}`, at, uai: spec.uai, actor: by, subjectType: 'allocation', subjectId: id },
          {
            v: 2,
            kind: 'allocate',
            subscriptionId: id,
            targets: [a.target],
            allocationIds: [allocationId],
            assignedAt: at,
            granted,
            counts: countByAudience(granted),
          },
        ),
      );
    }
    out.copies.push(...copies);
  }
  return out;
}
