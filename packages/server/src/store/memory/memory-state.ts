import type { StoredCatalogueEntry } from '../types-catalogue.js';
import type {
  Delegation,
  Ent,
  Group,
  LicenceCopy,
  Membership,
  Mef,
  NativeApp,
  LtiPlatform,
  Subject,
  Teaching,
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
import type { AuthorizationCodeRecord } from '../types-native-apps.js';
import type { StoredClassRequest, StoredPin } from '../types-classroom.js';
import { Table, key } from './table.js';

/** A person with the folded keys listings sort and search on. */
export interface PersonRow {
  value: Person;
  lastKey: string;
  firstKey: string;
  search: string;
}

export interface FavouritesRow {
  entId: string;
  personId: string;
  resourceIds: string[];
}
export interface ReplayRow {
  namespace: string;
  key: string;
  expiresAt: string;
}
export interface HitRow {
  key: string;
  windowStart: string;
  expiresAt: string;
  count: number;
}
export interface LeaseRow {
  name: string;
  holder: string;
  until: string;
}
export interface SettingRow {
  name: string;
  value: string;
}

const one = (v: string | undefined): string[] => (v === undefined ? [] : [v]);

/** Every table of the memory store, with the indexes its reads use. */
export function createMemoryState() {
  return {
    ents: new Table<Ent>((e) => e.id),
    schools: new Table((s: School) => s.uai, { ent: (s) => [s.entId] }),
    publishers: new Table((p: StoredPublisher) => p.id, {
      apiKey: (p) => p.apiKeyHashes,
      cert: (p) => p.clientCertFingerprints,
    }),
    resources: new Table((r: Resource) => r.id, { distributor: (r) => r.distributorIds }),
    operators: new Table((o: OperatorRecord) => o.id, { secret: (o) => [o.secretHash] }),
    people: new Table((p: PersonRow) => key(p.value.entId, p.value.id), {
      uai: (p) => [...new Set(p.value.profiles.map((x) => x.uai))],
    }),
    groups: new Table((g: Group) => key(g.uai, g.code), { uai: (g) => [g.uai] }),
    memberships: new Table((m: Membership) => key(m.uai, m.groupCode, m.personId), {
      uai: (m) => [m.uai],
      group: (m) => [key(m.uai, m.groupCode)],
      person: (m) => [key(m.uai, m.personId)],
    }),
    mefs: new Table((m: Mef) => key(m.uai, m.code), { uai: (m) => [m.uai] }),
    subjects: new Table((v: Subject) => key(v.uai, v.code), { uai: (v) => [v.uai] }),
    teachings: new Table((v: Teaching) => key(v.uai, v.groupCode, v.personId, v.subject), {
      uai: (v) => [v.uai],
      person: (v) => [key(v.uai, v.personId)],
    }),
    catalogue: new Table((v: StoredCatalogueEntry) => v.entry.resourceId, { publisher: (v) => [v.publisherId] }),
    respAff: new Table((r: RespAff) => key(r.entId, r.personId), {
      uai: (r) => r.uais,
      ent: (r) => [r.entId],
      person: (r) => [r.personId],
    }),
    subscriptions: new Table((s: StoredSubscription) => s.id, {
      uai: (s) => [s.uai],
      distributor: (s) => [s.distributorId],
      resource: (s) => [s.resourceId],
      project: (s) => one(s.projectCode),
    }),
    allocations: new Table((a: StoredAllocation) => a.id, {
      uai: (a) => [a.uai],
      subscription: (a) => [a.subscriptionId],
    }),
    copies: new Table((c: LicenceCopy) => key(c.subscriptionId, c.personId), {
      subscription: (c) => [c.subscriptionId],
      uai: (c) => [c.uai],
      person: (c) => [c.personId],
    }),
    delegations: new Table((d: Delegation) => key(d.uai, d.delegateId), {
      uai: (d) => [d.uai],
      delegate: (d) => [d.delegateId],
    }),
    audit: new Table((a: AuditEntry) => a.id, { uai: (a) => [a.uai], subject: (a) => [key(a.uai, a.subjectId)] }),
    favourites: new Table((f: FavouritesRow) => key(f.entId, f.personId)),
    tickets: new Table((t: TicketRecord) => t.id),
    replay: new Table((r: ReplayRow) => key(r.namespace, r.key)),
    hits: new Table((h: HitRow) => key(h.key, h.windowStart)),
    leases: new Table((l: LeaseRow) => l.name),
    signingKeys: new Table((k: SigningKeyRecord) => k.kid),
    settings: new Table((s: SettingRow) => s.name),
    handoffs: new Table((h: HandoffEvent) => h.id, { uai: (h) => [h.uai], resource: (h) => [h.resourceId] }),
    nativeApps: new Table((a: NativeApp) => a.clientId, { resource: (a) => [a.resourceId] }),
    ltiPlatforms: new Table((p: LtiPlatform) => p.id, { issuer: (p) => [p.issuer] }),
    authorizationCodes: new Table((c: AuthorizationCodeRecord) => c.id, { token: (c) => one(c.tokenId) }),
    pins: new Table((p: StoredPin) => p.id, { uai: (p) => [p.uai] }),
    classRequests: new Table((r: StoredClassRequest) => r.id, { uai: (r) => [r.uai] }),
  };
}

/** The memory store's tables. */
export type MemoryState = ReturnType<typeof createMemoryState>;
