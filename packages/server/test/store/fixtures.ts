// Realistic data for the store contract: two Breton schools of one ENT, their people, divisions, a publisher and its
// resources and subscriptions. Builders take overrides so that each test states only what it is about.
import type { Ent, LicenceCopy, Person, Profile, Resource, School } from '@opengar/core';
import type {
  AuditEntry,
  HandoffEvent,
  StoredAllocation,
  StoredPublisher,
  StoredSubscription,
} from '../../src/store/index.js';

export const ENT_ID = 'ENT-BRETAGNE';
export const COLLEGE = '0561641E';
export const LYCEE = '0290009C';
export const DISTRIBUTOR = '532111678_0000000000000042';
export const RESOURCE = 'ark:/86527/manuel-maths-3e';

export const ent: Ent = {
  id: ENT_ID,
  name: 'Toutatice',
  jwks: {
    keys: [
      {
        kty: 'EC',
        kid: 'toutatice-2026',
        crv: 'P-256',
        x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
        y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
      },
    ],
  },
  origins: ['https://www.toutatice.fr'],
  assertionEndpoint: 'https://www.toutatice.fr/gar/assertion',
  clientCertFingerprints: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
};

export const college: School = {
  uai: COLLEGE,
  entId: ENT_ID,
  name: 'Collège Jules Simon',
  degree: '2D',
  natureUai: '340',
  natureUaiLabel: 'COLLEGE',
  commune: '56260',
  communeLabel: 'VANNES',
  academie: '14',
  academieLabel: 'RENNES',
  postalCode: '56000',
  locality: 'Vannes',
  contactEmail: 'ce.0561641e@ac-rennes.fr',
};

export const lycee: School = { uai: LYCEE, entId: ENT_ID, name: "Lycée de l'Iroise", degree: '2D', locality: 'Brest' };

export const publisher: StoredPublisher = {
  id: 'EDITIONS-ARMOR',
  name: 'Éditions Armor',
  distributorIds: [DISTRIBUTOR],
  clientCertFingerprints: ['2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae'],
  contactEmail: 'gar@editions-armor.example',
  apiKeyHashes: ['fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9'],
};

export function resource(overrides: Partial<Resource> = {}): Resource {
  return {
    id: RESOURCE,
    idType: 'ark',
    name: 'Maths 3e — manuel numérique',
    publisherId: publisher.id,
    publisherName: publisher.name,
    distributorIds: [DISTRIBUTOR],
    techDistributor: 'Éditions Armor',
    techValidator: 'Éditions Armor',
    thumbnailUrl: 'https://cdn.editions-armor.example/vignettes/maths-3e.png',
    accessUrl: 'https://lire.editions-armor.example/gar',
    presentationType: { code: 'MAN', nom: 'Manuels numériques' },
    pedagogicalTypes: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-010-num-006', nom: 'cours' }],
    documentTypologies: [],
    levels: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-022-num-092', nom: '3e' }],
    teachingDomains: [
      { uri: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-015-num-1031', nom: 'mathématiques' },
    ],
    declaredAttributes: ['UAI', 'PRO', 'DIV'],
    protocol: 'jwt',
    registeredUrls: ['https://lire.editions-armor.example/gar'],
    displayable: true,
    signingAlg: 'ES256',
    ...overrides,
  };
}

export function person(
  id: string,
  lastName: string,
  firstName: string,
  profile: Profile = 'National_elv',
  uai: string = COLLEGE,
  overrides: Partial<Person> = {},
): Person {
  return { entId: ENT_ID, id, lastName, firstName, profiles: [{ uai, profile }], mefs: [], ...overrides };
}

/** The college's people: pupils of 3A and 3B, a teacher, a librarian-teacher and the head. */
export const people: Person[] = [
  person('eleve-000123', 'Le Goff', 'Léa', 'National_elv', COLLEGE, {
    birthDate: '2011-04-02',
    mefs: [{ uai: COLLEGE, code: '10310019110' }],
  }),
  person('eleve-000124', 'Tanguy', 'Noé'),
  person('eleve-000125', 'Éveno', 'Maël'),
  person('eleve-000126', 'Evenou', 'Zoé'),
  person('ens-000042', 'Le Bihan', 'Yann', 'National_ens', COLLEGE, {
    civility: 'M.',
    email: 'yann.le-bihan@ac-rennes.fr',
  }),
  person('doc-000007', 'Guéguen', 'Maëlle', 'National_doc', COLLEGE, { civility: 'Mme' }),
  person('dir-000001', 'Morvan', 'Anne', 'National_dir', COLLEGE, {
    civility: 'Mme',
    email: 'anne.morvan@ac-rennes.fr',
  }),
];

/**
 * The college's order of the maths textbook: every field of a subscription, to pass to the one `subscription()`
 * factory (`test/helpers/fixtures.ts`) as `subscription({ ...collegeSubscription, …overrides })`.
 */
export const collegeSubscription = {
  id: 'ABO-2026-0001',
  comment: 'Commande 2026 du collège',
  distributorId: DISTRIBUTOR,
  resourceId: RESOURCE,
  resourceIdType: 'ark',
  resourceLabel: 'Maths 3e — manuel numérique',
  validFrom: '2025-09-01T00:00:00+02:00',
  validUntil: '2026-08-15T23:59:59+02:00',
  endSchoolYear: '2025-2026',
  uai: COLLEGE,
  category: 'non transferable',
  type: 'INDIV',
  licences: { kind: 'global', count: 10 },
  audiences: ['ELEVE', 'ENSEIGNANT'],
  projectCode: 'BRNE-MATHS',
  automatic: false,
  createdAt: '2025-08-20T09:15:00.000Z',
  updatedAt: '2025-08-20T09:15:00.000Z',
} satisfies StoredSubscription;

export function allocation(overrides: Partial<StoredAllocation> = {}): StoredAllocation {
  return {
    id: 'AFF-0001',
    subscriptionId: 'ABO-2026-0001',
    uai: COLLEGE,
    target: { kind: 'division', code: '3A' },
    createdAt: '2025-09-02T08:00:00.000Z',
    createdBy: 'dir-000001',
    ...overrides,
  };
}

export function copy(personId: string, overrides: Partial<LicenceCopy> = {}): LicenceCopy {
  return {
    subscriptionId: 'ABO-2026-0001',
    uai: COLLEGE,
    personId,
    audience: 'ELEVE',
    allocationId: 'AFF-0001',
    assignedAt: '2025-09-02T08:00:00.000Z',
    ...overrides,
  };
}

export function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'AUD-0001',
    at: '2025-09-02T08:00:00.000Z',
    uai: COLLEGE,
    actor: 'dir-000001',
    action: 'allocation.create',
    subjectType: 'allocation',
    subjectId: 'AFF-0001',
    after: { target: { kind: 'division', code: '3A' }, copies: 2 },
    ...overrides,
  };
}

export function handoff(overrides: Partial<HandoffEvent> = {}): HandoffEvent {
  return {
    id: 'HO-0001',
    at: '2025-10-06T07:55:00.000Z',
    uai: COLLEGE,
    resourceId: RESOURCE,
    statsPseudonym: 'c0ffee00c0ffee00c0ffee00c0ffee00',
    profile: 'National_elv',
    divisionCodes: ['3A'],
    outcome: 'success',
    protocol: 'jwt',
    ...overrides,
  };
}
