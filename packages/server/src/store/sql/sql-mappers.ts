import type {
  Delegation,
  Ent,
  Group,
  LicenceCopy,
  Membership,
  Mef,
  Person,
  Resource,
  RespAff,
  School,
} from '@opengar/core';
import type {
  AuditEntry,
  HandoffEvent,
  OperatorRecord,
  SigningKeyRecord,
  StoredAllocation,
  StoredPublisher,
  StoredSubscription,
  TicketRecord,
} from '../types.js';
import { schoolSearchText } from '../shared/fold.js';
import { RowMapper } from './row-mapper.js';

export const ents = new RowMapper<Ent>('ents', {
  id: 'text',
  name: 'text',
  jwks: 'json',
  jwksUri: 'text',
  origins: 'texts',
  assertionEndpoint: 'text',
  consoleUrl: 'text',
  clientCertFingerprints: 'texts',
});

export const schools = new RowMapper<School>(
  'schools',
  {
    uai: 'text',
    entId: 'text',
    name: 'text',
    degree: 'text',
    natureUai: 'text',
    natureUaiLabel: 'text',
    typeUai: 'text',
    typeUaiLabel: 'text',
    commune: 'text',
    communeLabel: 'text',
    academie: 'text',
    academieLabel: 'text',
    departement: 'text',
    departementLabel: 'text',
    postalCode: 'text',
    locality: 'text',
    contactEmail: 'text',
  },
  [{ column: 'search_text', kind: 'text', from: schoolSearchText }],
);

export const publishers = new RowMapper<StoredPublisher>('publishers', {
  id: 'text',
  name: 'text',
  distributorIds: 'texts',
  clientCertFingerprints: 'texts',
  contactEmail: 'text',
  apiKeyHashes: 'texts',
});

export const resources = new RowMapper<Resource>('resources', {
  id: 'text',
  idType: 'text',
  name: 'text',
  publisherId: 'text',
  publisherName: 'text',
  distributorIds: 'texts',
  techDistributor: 'text',
  techValidator: 'text',
  thumbnailUrl: 'text',
  accessUrl: 'text',
  presentationType: 'json',
  pedagogicalTypes: 'json',
  documentTypologies: 'json',
  levels: 'json',
  teachingDomains: 'json',
  declaredAttributes: 'texts',
  familyParentId: 'text',
  protocol: 'text',
  registeredUrls: 'texts',
  grainOrigins: 'texts',
  saml: 'json',
  displayable: 'bool',
  description: 'text',
  signingAlg: 'text',
  freeOffer: 'json',
  lti: 'json',
});

export const operators = new RowMapper<OperatorRecord>('operators', {
  id: 'text',
  secretHash: 'text',
  label: 'text',
  createdAt: 'text',
});

export const people = new RowMapper<Person>('people', {
  entId: 'text',
  id: 'text',
  lastName: 'text',
  firstName: 'text',
  civility: 'text',
  email: 'text',
  birthDate: 'text',
  profiles: 'json',
  mefs: 'json',
});

export const groups = new RowMapper<Group>('groups', { uai: 'text', code: 'text', label: 'text', status: 'text' });

export const memberships = new RowMapper<Membership>('memberships', {
  uai: 'text',
  groupCode: 'text',
  personId: 'text',
});

export const mefs = new RowMapper<Mef>('mefs', {
  uai: 'text',
  code: 'text',
  label: 'text',
  mefStat11: 'text',
  mefStat4: 'text',
});

export const respAff = new RowMapper<RespAff>('resp_aff', {
  entId: 'text',
  personId: 'text',
  email: 'text',
  uais: 'texts',
});

export const subscriptions = new RowMapper<StoredSubscription>(
  'subscriptions',
  {
    id: 'text',
    comment: 'text',
    distributorId: 'text',
    resourceId: 'text',
    resourceIdType: 'text',
    resourceLabel: 'text',
    validFrom: 'text',
    validUntil: 'text',
    endSchoolYear: 'text',
    uai: 'text',
    category: 'text',
    type: 'text',
    licences: 'json',
    audiences: 'texts',
    projectCode: 'text',
    automatic: 'bool',
    createdAt: 'text',
    updatedAt: 'text',
    deletedAt: 'text',
  },
  [
    { column: 'valid_until_ts', from: (s) => s.validUntil },
    { column: 'created_ts', from: (s) => s.createdAt },
  ],
);

export const allocations = new RowMapper<StoredAllocation>(
  'allocations',
  {
    id: 'text',
    subscriptionId: 'text',
    uai: 'text',
    target: 'json',
    createdAt: 'text',
    createdBy: 'text',
    archivedAt: 'text',
  },
  [{ column: 'created_ts', from: (a) => a.createdAt }],
);

export const copies = new RowMapper<LicenceCopy>('licence_copies', {
  subscriptionId: 'text',
  personId: 'text',
  uai: 'text',
  audience: 'text',
  allocationId: 'text',
  assignedAt: 'text',
  firstOpenedAt: 'text',
});

export const delegations = new RowMapper<Delegation>('delegations', {
  uai: 'text',
  delegateId: 'text',
  grantedBy: 'text',
  grantedAt: 'text',
  revokedAt: 'text',
});

export const audit = new RowMapper<AuditEntry>(
  'audit_entries',
  {
    id: 'text',
    at: 'text',
    uai: 'text',
    actor: 'text',
    action: 'text',
    subjectType: 'text',
    subjectId: 'text',
    before: 'json',
    after: 'json',
    undoneBy: 'text',
  },
  [{ column: 'at_ts', from: (a) => a.at }],
);

export const tickets = new RowMapper<TicketRecord>(
  'tickets',
  { id: 'text', kind: 'text', payload: 'json', expiresAt: 'text' },
  [{ column: 'expires_ts', from: (t) => t.expiresAt }],
);

export const signingKeys = new RowMapper<SigningKeyRecord>(
  'signing_keys',
  {
    kid: 'text',
    alg: 'text',
    publicJwk: 'json',
    encryptedPrivateJwk: 'text',
    createdAt: 'text',
    activatesAt: 'text',
    retiresAt: 'text',
    expiresAt: 'text',
  },
  [{ column: 'created_ts', from: (k) => k.createdAt }],
);

export const handoffs = new RowMapper<HandoffEvent>(
  'handoff_events',
  {
    id: 'text',
    at: 'text',
    uai: 'text',
    resourceId: 'text',
    statsPseudonym: 'text',
    profile: 'text',
    divisionCodes: 'texts',
    outcome: 'text',
    reason: 'text',
    protocol: 'text',
  },
  [{ column: 'at_ts', from: (h) => h.at }],
);
