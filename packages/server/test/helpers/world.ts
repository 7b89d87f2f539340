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
} from '../../src/index.js';
import { TestClock } from './clock.js';
import {
  FEED_ENT,
  entKeys,
  ent,
  recordingLogger,
  signAssertion,
  signClientAssertion,
  type AssertionOptions,
  type EntKeys,
} from './fixtures.js';
import { createTestHandoffRoutes, createTestService, type TestServiceOptions } from './service.js';
import { seedAllocation, seedHandoff, seedService } from './world-data.js';

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
  const keys = createKeyManager({ store, kek, clock });
  const service = createTestService({ store, clock, logger, signingKeys: keys, ...options.service });
  const handoff = options.handoff ?? (first?.handoff || data === 'handoff');
  const routes = [];
  if (handoff) {
    await keys.ensureKeys();
    routes.push(createTestHandoffRoutes({ service, ...(handoff === true ? {} : handoff) }));
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
