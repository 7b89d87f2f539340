// The one server test world: a service (through `createTestService`) over a chosen store, with a test clock, ENT keys
// generated per run, a logger that keeps every line, an HTTP app and, when asked, the hand-off routes and their key
// manager. What it holds is one of a few data sets, chosen with `data`:
// - `service` (default): two ENTs, three schools, publishers X and Y with three resources, three people, four
//   subscriptions and an operator, registered through the service's own use cases;
// - `allocation`: `service` plus a head of school at S1 and at S2, a RespAff manager, staff, division 6A of `pupils`
//   pupils with their MEF, and subscriptions of every kind at S1 (`INDIV-10`, `ETABL-5`, `NT-5`);
// - `handoff`: the hand-off catalogue written straight into the store: resources of every protocol, algorithm and
//   family, one pupil at two schools, a teacher, copies; the hand-off routes are mounted;
// - `feed`: one ENT, `FEED_ENT`, with no key and no school, for feeds to fill; the clock starts on 1 September 2026 at
//   06:00 unless told otherwise;
// - `none`: nothing (say a second instance on a seeded database: `instanceOf` shares the first one's clock, ENT keys
//   and key-encryption key, and mounts the hand-off routes if it did).
import { generateKeyEncryptionKey } from '../../src/keys/key-encryption-key.js';
import { createKeyManager, type KeyManager } from '../../src/keys/create-key-manager.js';
import {
  createHttpApp,
  createMemoryStore,
  type GarService,
  type HandoffRoutesOptions,
  type HttpApp,
  type HttpAppOptions,
  type Logger,
  type Store,
  type StoredSubscription,
} from '../../src/index.js';
import { TestClock } from './clock.js';
import {
  ASSERTION_ENDPOINT,
  CAS_SERVICE,
  ENT_A_CERT,
  FAMILY,
  FEED_ENT,
  ORIGIN_A,
  ORIGIN_B,
  R_CAS,
  R_DICO,
  R_FAM5,
  R_FAM6,
  R_LYCEE,
  R_NT,
  R_OLD,
  S1,
  S2,
  S3,
  SYSTEM,
  copy,
  entKeys,
  ent,
  person,
  pupil,
  recordingLogger,
  resource,
  resourceBody,
  school,
  signAssertion,
  signClientAssertion,
  subscription,
  type AssertionOptions,
  type EntKeys,
} from './fixtures.js';
import { createTestHandoffRoutes, createTestService, type TestServiceOptions } from './service.js';

export type WorldData = 'service' | 'allocation' | 'handoff' | 'feed' | 'none';

/** When the `feed` data's clock starts. */
export const FEED_START = '2026-09-01T06:00:00Z';

export interface WorldOptions<D extends WorldData = 'service'> {
  /** The data set (see the head of this file); default `service`. */
  data?: D;
  /** The store (default: a fresh memory store). */
  store?: Store;
  /** The clock (default: a new {@link TestClock} at `START`); share it with a second instance. */
  clock?: TestClock;
  /** ENT A's and ENT B's keys (default: generated, ES256 and EdDSA); share them with a second instance. */
  entKeys?: { a: EntKeys; b: EntKeys };
  /** The key manager's key-encryption key (default: generated); share it with a second instance. */
  kek?: string;
  /** Another instance of this world (on the same database): its clock, ENT keys, key-encryption key and routes. */
  instanceOf?: BaseWorld;
  /** Pupils in division 6A of the `allocation` data (default 12). */
  pupils?: number;
  /** Overrides of the service's options (`jwks`, `rateLimits`, `supportContact`, `logger`…). */
  service?: TestServiceOptions;
  /** Mounts the hand-off routes, with overrides (default: with the `handoff` data only). */
  handoff?: boolean | Partial<HandoffRoutesOptions>;
  /** Options of the HTTP app (`feeds`, `trustForwardedFor`…); its routes come after the hand-off's. */
  http?: HttpAppOptions;
}

/** What the `service` and `allocation` data sets hand out: the operator's secret and publishers' API keys. */
export interface WorldCredentials {
  operatorSecret: string;
  apiKeyX: string;
  apiKeyY: string;
}

export interface BaseWorld {
  store: Store;
  clock: TestClock;
  service: GarService;
  logger: Logger & { lines: string[] };
  /** The HTTP app of the service (with the hand-off routes when mounted). */
  app: HttpApp;
  /** The hand-off signing keys (generated only when the hand-off routes are mounted). */
  keys: KeyManager;
  /** The key manager's key-encryption key. */
  kek: string;
  /** Whether the hand-off routes are mounted. */
  handoff: boolean;
  keysA: EntKeys;
  keysB: EntKeys;
  /** A fresh ENT user assertion (ENT A's key unless `keys` is given). */
  assertion(o?: AssertionOptions, keys?: EntKeys): Promise<string>;
  /** A fresh ENT client assertion for a URL. */
  clientAssertion(url: string, o?: { iss?: string; keys?: EntKeys }): Promise<string>;
}

export type World<D extends WorldData = 'service'> = BaseWorld &
  (D extends 'service' | 'allocation' ? WorldCredentials : object);
/** The world of the hand-off tests. */
export type HandoffWorld = World<'handoff'>;
/** The world of the allocation tests. */
export type AllocationWorld = World<'allocation'>;

/** Builds a world; see {@link WorldOptions}. */
export async function buildWorld<D extends WorldData = 'service'>(options: WorldOptions<D> = {}): Promise<World<D>> {
  const data: WorldData = options.data ?? 'service';
  const store = options.store ?? createMemoryStore();
  const first = options.instanceOf;
  const clock = options.clock ?? first?.clock ?? new TestClock(data === 'feed' ? FEED_START : undefined);
  const logger = recordingLogger();
  const keysA = options.entKeys?.a ?? first?.keysA ?? (await entKeys('ES256', 'a-1'));
  const keysB = options.entKeys?.b ?? first?.keysB ?? (await entKeys('EdDSA', 'b-1'));
  const kek = options.kek ?? first?.kek ?? generateKeyEncryptionKey();
  if (data === 'handoff') await seedHandoff(store, keysA, keysB);
  if (data === 'feed') await store.putEnt(ent({ id: FEED_ENT, name: 'ENT de test', origins: [] }));
  const service = createTestService({ store, clock, logger, ...options.service });
  const keys = createKeyManager({ store, kek, clock });
  const handoff = options.handoff ?? (first?.handoff || data === 'handoff');
  const routes = [];
  if (handoff) {
    await keys.ensureKeys();
    routes.push(createTestHandoffRoutes({ service, store, keys, ...(handoff === true ? {} : handoff) }));
  }
  const app = createHttpApp(service, { ...options.http, routes: [...routes, ...(options.http?.routes ?? [])] });
  const world: BaseWorld = {
    store,
    clock,
    service,
    logger,
    app,
    keys,
    kek,
    handoff: handoff !== false,
    keysA,
    keysB,
    assertion: (o = {}, k = keysA) => signAssertion(k, o, clock.now()),
    clientAssertion: (url, o = {}) => signClientAssertion(o.keys ?? keysA, url, o.iss ?? 'ENTA', clock.now()),
  };
  if (data !== 'service' && data !== 'allocation') return world as World<D>;
  const credentials = await seedService(world);
  if (data === 'allocation') await seedAllocation(world, options.pupils ?? 12);
  return { ...world, ...credentials } as World<D>;
}

const pupilB = person({
  entId: 'ENTB',
  id: 'eleve-b',
  lastName: 'Petit',
  firstName: 'Zoé',
  profiles: [{ uai: S2, profile: 'National_elv' }],
});

/** The `service` data, registered through the use cases. */
async function seedService({ service, store, keysA, keysB }: BaseWorld): Promise<WorldCredentials> {
  await service.admin.ents.create(SYSTEM, {
    id: 'ENTA',
    name: 'ENT A',
    jwks: { keys: [keysA.publicJwk] },
    origins: [ORIGIN_A],
  });
  await service.admin.ents.create(SYSTEM, {
    id: 'ENTB',
    name: 'ENT B',
    jwks: { keys: [keysB.publicJwk] },
    origins: [ORIGIN_B],
  });
  await service.admin.schools.create(SYSTEM, { uai: S1, entId: 'ENTA', name: 'Collège Un' });
  await service.admin.schools.create(SYSTEM, { uai: S3, entId: 'ENTA', name: 'Lycée Trois' });
  await service.admin.schools.create(SYSTEM, { uai: S2, entId: 'ENTB', name: 'Collège Deux' });
  const publisher = (id: string) => ({ id, name: `Éditions ${id}`, distributorIds: [`${id}_0000000000000001`] });
  const { apiKey: apiKeyX } = await service.admin.publishers.create(SYSTEM, publisher('X'));
  const { apiKey: apiKeyY } = await service.admin.publishers.create(SYSTEM, publisher('Y'));
  await service.admin.resources.create(SYSTEM, resourceBody({ description: 'Maths <b>interactives</b>' }));
  await service.admin.resources.create(
    SYSTEM,
    resourceBody({ id: R_DICO, publisherId: 'Y', freeOffer: { audiences: ['ELEVE', 'ENSEIGNANT'] } }),
  );
  await service.admin.resources.create(SYSTEM, resourceBody({ id: R_OLD }));
  const pupilProfiles = [
    { uai: S1, profile: 'National_elv' as const },
    { uai: S3, profile: 'National_elv' as const },
  ];
  await service.directory.putPerson(SYSTEM, person({ profiles: pupilProfiles }));
  await service.directory.putPerson(
    SYSTEM,
    person({ id: 'prof-a', lastName: 'Martin', firstName: 'Paul', profiles: [{ uai: S1, profile: 'National_ens' }] }),
  );
  await service.directory.putPerson(SYSTEM, pupilB);
  await service.directory.putGroup(SYSTEM, 'ENTA', { uai: S1, code: '3A', label: '3e A', status: 'DIVISION' });
  await service.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '3A', personId: 'eleve-a' });
  const dico = { type: 'ETABL', automatic: true, licences: { kind: 'global', count: 'ILLIMITE' } } as const;
  await store.insertSubscription(subscription());
  await store.insertSubscription(subscription({ id: 'AUTO_0000001A_DICO', resourceId: R_DICO, ...dico }));
  await store.insertSubscription(subscription({ id: 'AUTO_0000002B_DICO', uai: S2, resourceId: R_DICO, ...dico }));
  await store.insertSubscription(
    subscription({
      id: 'ABO-OLD-S1',
      resourceId: R_OLD,
      validFrom: '2024-09-01T00:00:00Z',
      validUntil: '2025-08-15T21:59:59Z',
    }),
  );
  await store.insertCopies(
    ['ABO-MATHS-S1', 'ABO-OLD-S1'].map((subscriptionId) =>
      copy({ subscriptionId, personId: 'eleve-a', allocationId: 'alloc-1' }),
    ),
  );
  const { secret: operatorSecret } = await service.admin.operators.create(SYSTEM, { label: 'test operator' });
  return { operatorSecret, apiKeyX, apiKeyY };
}

/** The `allocation` data, on top of the `service` data. */
async function seedAllocation({ service: s, store, clock }: BaseWorld, pupils: number): Promise<void> {
  const staff = (entId: string, id: string, lastName: string, firstName: string, uai: string, profile: string) =>
    s.directory.putPerson(SYSTEM, { entId, id, lastName, firstName, profiles: [{ uai, profile }] });
  await staff('ENTA', 'head-a', 'Chef', 'Anne', S1, 'National_dir');
  await staff('ENTA', 'respaff-a', 'Resp', 'Rémi', S1, 'National_eta');
  await staff('ENTA', 'doc-a', 'Doc', 'Inès', S1, 'National_doc');
  await staff('ENTB', 'head-b', 'Chef', 'Bruno', S2, 'National_dir');
  await store.putRespAff({ entId: 'ENTA', personId: 'respaff-a', uais: [S1] });
  await s.directory.putMef(SYSTEM, 'ENTA', { uai: S1, code: '10010012110', label: '6EME', mefStat11: '10010001110' });
  await s.directory.putGroup(SYSTEM, 'ENTA', { uai: S1, code: '6A', label: '6e A', status: 'DIVISION' });
  await s.directory.putGroup(SYSTEM, 'ENTA', { uai: S1, code: 'LATIN', label: 'Latin', status: 'GROUPE' });
  for (let i = 1; i <= pupils; i++) {
    await s.directory.putPerson(SYSTEM, {
      entId: 'ENTA',
      id: pupil(i),
      lastName: `Élève${i}`,
      firstName: 'Test',
      profiles: [{ uai: S1, profile: 'National_elv' }],
      mefs: [{ uai: S1, code: '10010012110' }],
    });
    await s.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: pupil(i) });
  }
  const at = clock.now().toISOString();
  const add = (o: Partial<StoredSubscription>) =>
    store.insertSubscription(subscription({ ...o, createdAt: at, updatedAt: at }));
  await add({ id: 'INDIV-10', licences: { kind: 'global', count: 10 } });
  await add({
    id: 'ETABL-5',
    type: 'ETABL',
    audiences: ['ELEVE', 'ENSEIGNANT'],
    licences: {
      kind: 'perAudience',
      counts: { ELEVE: 5, ENSEIGNANT: 'ILLIMITE', DOCUMENTALISTE: 0, 'AUTRE PERSONNEL': 0 },
    },
  });
  await add({ id: 'NT-5', category: 'non transferable', licences: { kind: 'global', count: 5 } });
}

/** The `handoff` data, written into the store (once per database). */
export async function seedHandoff(store: Store, keysA: EntKeys, keysB: EntKeys): Promise<void> {
  await store.putEnt(
    ent({
      jwks: { keys: [keysA.publicJwk as { kty: string }] },
      assertionEndpoint: ASSERTION_ENDPOINT,
      clientCertFingerprints: [ENT_A_CERT],
    }),
  );
  await store.putEnt(
    ent({ id: 'ENTB', name: 'ENT B', jwks: { keys: [keysB.publicJwk as { kty: string }] }, origins: [] }),
  );
  await store.putSchool(school());
  await store.putSchool(school({ uai: S3, name: 'Lycée Trois' }));
  await store.putSchool(school({ uai: S2, entId: 'ENTB', name: 'Collège Deux' }));
  for (const r of [
    resource({
      declaredAttributes: ['UAI', 'PRO', 'DIV', 'GRO', 'NOM', 'PRE'],
      description: 'Maths <b>interactives</b> & "exercices"',
      thumbnailUrl: 'https://x.resource.test/vignette.png',
    }),
    resource({
      id: R_DICO,
      publisherId: 'Y',
      declaredAttributes: ['UAI'],
      signingAlg: 'RS256',
      freeOffer: { audiences: ['ELEVE', 'ENSEIGNANT'] },
    }),
    resource({ id: R_FAM6, publisherId: 'Z', familyParentId: FAMILY, signingAlg: 'EdDSA', name: 'Famille <6e>' }),
    resource({ id: R_FAM5, publisherId: 'Z', familyParentId: FAMILY, signingAlg: 'EdDSA' }),
    resource({
      id: R_CAS,
      publisherId: 'C',
      protocol: 'cas',
      registeredUrls: [CAS_SERVICE],
      declaredAttributes: ['UAI', 'PRO', 'DIV', 'P_MEL'],
    }),
    resource({ id: R_OLD }),
    resource({ id: R_LYCEE }),
    resource({ id: R_NT, name: 'Non transférable' }),
  ]) {
    await store.putResource(r);
  }
  await store.putPerson(
    person({
      civility: 'Mme',
      email: 'lea@example.test',
      profiles: [
        { uai: S1, profile: 'National_elv' },
        { uai: S3, profile: 'National_elv' },
      ],
    }),
  );
  await store.putPerson(
    person({
      id: 'prof-a',
      lastName: 'Martin',
      firstName: 'Paul',
      email: 'paul@example.test',
      profiles: [{ uai: S1, profile: 'National_ens' }],
    }),
  );
  await store.putPerson(pupilB);
  await store.putGroup({ uai: S1, code: '3A', label: '3e A', status: 'DIVISION' });
  await store.putGroup({ uai: S1, code: 'LATIN', label: 'Latin', status: 'GROUPE' });
  await store.putMembership({ uai: S1, groupCode: '3A', personId: 'eleve-a' });
  await store.putMembership({ uai: S1, groupCode: 'LATIN', personId: 'eleve-a' });
  await store.putMembership({ uai: S1, groupCode: '3A', personId: 'prof-a' });
  const dico = { type: 'ETABL', automatic: true, licences: { kind: 'global', count: 'ILLIMITE' } } as const;
  for (const s of [
    subscription(),
    subscription({ id: 'AUTO_0000001A_DICO', resourceId: R_DICO, ...dico }),
    subscription({ id: 'ABO-FAM6-S1', resourceId: R_FAM6 }),
    subscription({ id: 'ABO-FAM5-S1', resourceId: R_FAM5 }),
    subscription({ id: 'ABO-CAS-S1', resourceId: R_CAS }),
    subscription({
      id: 'ABO-OLD-S1',
      resourceId: R_OLD,
      validFrom: '2024-09-01T00:00:00Z',
      validUntil: '2025-08-15T21:59:59Z',
    }),
    subscription({ id: 'ABO-LYCEE-S3', uai: S3, resourceId: R_LYCEE }),
    subscription({ id: 'ABO-NT-S1', resourceId: R_NT, category: 'non transferable' }),
  ]) {
    await store.insertSubscription(s);
  }
  const held = ['ABO-MATHS-S1', 'ABO-FAM6-S1', 'ABO-FAM5-S1', 'ABO-CAS-S1', 'ABO-OLD-S1', 'ABO-NT-S1'];
  await store.insertCopies([
    ...held.map((subscriptionId) => copy({ subscriptionId, personId: 'eleve-a' })),
    copy({ subscriptionId: 'ABO-LYCEE-S3', personId: 'eleve-a', uai: S3 }),
    copy({ subscriptionId: 'ABO-CAS-S1', personId: 'prof-a', audience: 'ENSEIGNANT' }),
  ]);
}

/** Everything the service's routes can change in a store, as one comparable value. */
export async function snapshot(store: Store): Promise<unknown> {
  const schools = await store.listSchools();
  const perSchool = [];
  for (const s of schools) {
    perSchool.push({
      uai: s.uai,
      people: await store.listPeople({ uai: s.uai }),
      groups: await store.listGroups(s.uai),
      memberships: await store.listMemberships({ uai: s.uai }),
      audit: await store.listAudit({ uai: s.uai, limit: 1000 }),
      subscriptions: await store.listSubscriptions({ uai: s.uai, includeDeleted: true }),
      copies: await store.listCopies({ uai: s.uai }),
    });
  }
  const favourites = [];
  for (const [entId, id] of [
    ['ENTA', 'eleve-a'],
    ['ENTA', 'prof-a'],
    ['ENTB', 'eleve-b'],
  ] as const) {
    favourites.push(await store.getFavourites(entId, id));
  }
  return {
    ents: await store.listEnts(),
    schools,
    publishers: await store.listPublishers(),
    resources: await store.listResources(),
    perSchool,
    favourites,
  };
}

/** The error code a promise rejects with (`validation`, `conflict`…), and its problem code for licence rules. */
export async function failure(
  p: Promise<unknown>,
): Promise<{ code: string; problem?: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; problem?: string; details?: Record<string, unknown> };
    return { code: err.code, ...(err.problem ? { problem: err.problem, details: err.details } : {}) };
  }
  throw new Error('expected a failure');
}

/** The holders of a subscription's copies, person ids sorted. */
export async function holders(store: Store, subscriptionId: string): Promise<string[]> {
  return (await store.listCopies({ subscriptionId })).map((c) => c.personId).sort();
}
