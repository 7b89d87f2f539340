// Small, realistic fixtures for the core's tests, written from what GAR's samples show.
import type { LicenceCopy, Person, Resource, Subscription } from '../src/index.js';

export const UAI = '0561641E';
export const OTHER_UAI = '0561622J';

export function person(
  id: string,
  profile: Person['profiles'][number]['profile'],
  uai = UAI,
  extra: Partial<Person> = {},
): Person {
  return {
    entId: 'ENTTEST1',
    id,
    lastName: 'Martin',
    firstName: 'Léa',
    profiles: [{ uai, profile }],
    mefs: [],
    ...extra,
  };
}

export function resource(id: string, extra: Partial<Resource> = {}): Resource {
  return {
    id,
    idType: 'ark',
    name: `Ressource ${id}`,
    publisherId: 'editeur-1',
    publisherName: 'Éditions Exemple',
    distributorIds: ['123456789_0000000000000001'],
    techDistributor: '',
    techValidator: '',
    accessUrl: 'https://ressource.example/acces',
    presentationType: { code: 'MAN', nom: 'Manuels numériques' },
    pedagogicalTypes: [],
    documentTypologies: [],
    levels: [],
    teachingDomains: [],
    declaredAttributes: [],
    protocol: 'jwt',
    registeredUrls: [],
    displayable: true,
    signingAlg: 'ES256',
    ...extra,
  };
}

export function subscription(id: string, resourceId: string, extra: Partial<Subscription> = {}): Subscription {
  return {
    id,
    distributorId: '123456789_0000000000000001',
    resourceId,
    resourceIdType: 'ark',
    resourceLabel: `Ressource ${resourceId}`,
    validFrom: '2026-09-01T00:00:00.000+02:00',
    validUntil: '2027-08-15T23:59:59.000+02:00',
    uai: UAI,
    category: 'transferable',
    type: 'INDIV',
    licences: { kind: 'global', count: 30 },
    audiences: ['ELEVE', 'ENSEIGNANT'],
    automatic: false,
    ...extra,
  };
}

export function copy(
  subscriptionId: string,
  personId: string,
  audience: LicenceCopy['audience'] = 'ELEVE',
  extra: Partial<LicenceCopy> = {},
): LicenceCopy {
  return {
    subscriptionId,
    uai: UAI,
    personId,
    audience,
    allocationId: 'alloc-1',
    assignedAt: '2026-09-02T08:00:00.000Z',
    ...extra,
  };
}

export const DURING = '2026-10-05T10:00:00.000Z';
