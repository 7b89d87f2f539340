// A small world of two ENTs, three schools, two publishers and their resources, built through the service's own use
// cases, with keys generated per run and an injected clock.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import {
  createGarService,
  createMemoryStore,
  silentLogger,
  type GarService,
  type JwksFetchOptions,
  type Store,
  type StoredSubscription,
} from '../../src/index.js';

export const ISSUER = 'https://gar.test';
export const SECRET = 'opengar-test-secret-0123456789';
export const S1 = '0000001A'; // ENT A
export const S3 = '0000003A'; // ENT A
export const S2 = '0000002B'; // ENT B
export const R_MATHS = 'ark:/11111/maths';
export const R_DICO = 'ark:/22222/dico';
export const R_OLD = 'ark:/11111/old';
export const ORIGIN_A = 'https://ent-a.test';
export const ORIGIN_B = 'https://ent-b.test';
export const START = new Date('2026-01-10T08:00:00Z');

/** A clock tests can move. */
export class TestClock {
  current = new Date(START);
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface EntKeys {
  privateKey: CryptoKey;
  publicJwk: JWK;
  alg: string;
}

export async function entKeys(alg: 'ES256' | 'RS256' | 'EdDSA' | 'PS256', kid: string): Promise<EntKeys> {
  const { privateKey, publicKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg }, alg };
}

export interface AssertionOptions {
  iss?: string;
  sub?: string;
  aud?: string;
  uai?: string;
  iat?: number;
  lifetime?: number;
  typ?: string;
  jti?: string;
}

export async function signAssertion(keys: EntKeys, o: AssertionOptions, now: Date): Promise<string> {
  const iat = o.iat ?? Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = {};
  if (o.uai !== undefined) claims.uai = o.uai;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: keys.alg, typ: o.typ ?? 'gar-ent+jwt', kid: keys.publicJwk.kid! })
    .setIssuer(o.iss ?? 'ENTA')
    .setSubject(o.sub ?? 'eleve-a')
    .setAudience(o.aud ?? ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (o.lifetime ?? 120))
    .setJti(o.jti ?? crypto.randomUUID())
    .sign(keys.privateKey);
}

export function resourceBody(id: string, publisherId: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    idType: 'ark',
    name: `Ressource ${id}`,
    publisherId,
    publisherName: `Éditions ${publisherId}`,
    distributorIds: [`${publisherId}_0000000000000001`],
    accessUrl: 'https://ressource.test/acces',
    presentationType: { code: 'MAN', nom: 'Manuels numériques' },
    ...extra,
  };
}

export function subscription(
  id: string,
  uai: string,
  resourceId: string,
  extra: Partial<StoredSubscription> = {},
): StoredSubscription {
  return {
    id,
    distributorId: 'X_0000000000000001',
    resourceId,
    resourceIdType: 'ark',
    resourceLabel: resourceId,
    validFrom: '2025-09-01T00:00:00Z',
    validUntil: '2026-08-15T21:59:59Z',
    uai,
    category: 'transferable',
    type: 'INDIV',
    licences: { kind: 'global', count: 30 },
    audiences: ['ELEVE', 'ENSEIGNANT'],
    automatic: false,
    createdAt: '2025-09-01T00:00:00Z',
    updatedAt: '2025-09-01T00:00:00Z',
    ...extra,
  };
}

export interface World {
  store: Store;
  clock: TestClock;
  service: GarService;
  keysA: EntKeys;
  keysB: EntKeys;
  operatorSecret: string;
  apiKeyX: string;
  apiKeyY: string;
  /** A fresh assertion signed by ENT A (or B with `keys`). */
  assertion(o?: AssertionOptions, keys?: EntKeys): Promise<string>;
}

const system = { kind: 'system' } as const;

export async function buildWorld(options: { jwks?: JwksFetchOptions; store?: Store } = {}): Promise<World> {
  const store = options.store ?? createMemoryStore();
  const clock = new TestClock();
  const service = createGarService({
    store,
    clock,
    issuer: ISSUER,
    logger: silentLogger,
    ...(options.jwks ? { jwks: options.jwks } : {}),
  });
  const keysA = await entKeys('ES256', 'a-1');
  const keysB = await entKeys('EdDSA', 'b-1');
  await service.admin.ents.create(system, {
    id: 'ENTA',
    name: 'ENT A',
    jwks: { keys: [keysA.publicJwk] },
    origins: [ORIGIN_A],
  });
  await service.admin.ents.create(system, {
    id: 'ENTB',
    name: 'ENT B',
    jwks: { keys: [keysB.publicJwk] },
    origins: [ORIGIN_B],
  });
  await service.admin.schools.create(system, { uai: S1, entId: 'ENTA', name: 'Collège Un' });
  await service.admin.schools.create(system, { uai: S3, entId: 'ENTA', name: 'Lycée Trois' });
  await service.admin.schools.create(system, { uai: S2, entId: 'ENTB', name: 'Collège Deux' });
  const { apiKey: apiKeyX } = await service.admin.publishers.create(system, {
    id: 'X',
    name: 'Éditions X',
    distributorIds: ['X_0000000000000001'],
  });
  const { apiKey: apiKeyY } = await service.admin.publishers.create(system, {
    id: 'Y',
    name: 'Éditions Y',
    distributorIds: ['Y_0000000000000001'],
  });
  await service.admin.resources.create(
    system,
    resourceBody(R_MATHS, 'X', { description: 'Maths <b>interactives</b>' }),
  );
  await service.admin.resources.create(
    system,
    resourceBody(R_DICO, 'Y', { freeOffer: { audiences: ['ELEVE', 'ENSEIGNANT'] } }),
  );
  await service.admin.resources.create(system, resourceBody(R_OLD, 'X'));
  await service.directory.putPerson(system, {
    entId: 'ENTA',
    id: 'eleve-a',
    lastName: 'Durand',
    firstName: 'Léa',
    profiles: [
      { uai: S1, profile: 'National_elv' },
      { uai: S3, profile: 'National_elv' },
    ],
  });
  await service.directory.putPerson(system, {
    entId: 'ENTA',
    id: 'prof-a',
    lastName: 'Martin',
    firstName: 'Paul',
    profiles: [{ uai: S1, profile: 'National_ens' }],
  });
  await service.directory.putPerson(system, {
    entId: 'ENTB',
    id: 'eleve-b',
    lastName: 'Petit',
    firstName: 'Zoé',
    profiles: [{ uai: S2, profile: 'National_elv' }],
  });
  await service.directory.putGroup(system, 'ENTA', { uai: S1, code: '3A', label: '3e A', status: 'DIVISION' });
  await service.directory.putMembership(system, 'ENTA', { uai: S1, groupCode: '3A', personId: 'eleve-a' });
  await store.insertSubscription(subscription('ABO-MATHS-S1', S1, R_MATHS));
  await store.insertSubscription(
    subscription('AUTO_0000001A_DICO', S1, R_DICO, {
      type: 'ETABL',
      automatic: true,
      licences: { kind: 'global', count: 'ILLIMITE' },
    }),
  );
  await store.insertSubscription(
    subscription('AUTO_0000002B_DICO', S2, R_DICO, {
      type: 'ETABL',
      automatic: true,
      licences: { kind: 'global', count: 'ILLIMITE' },
    }),
  );
  await store.insertSubscription(
    subscription('ABO-OLD-S1', S1, R_OLD, { validFrom: '2024-09-01T00:00:00Z', validUntil: '2025-08-15T21:59:59Z' }),
  );
  const copy = {
    uai: S1,
    personId: 'eleve-a',
    audience: 'ELEVE' as const,
    allocationId: 'alloc-1',
    assignedAt: '2025-09-02T00:00:00Z',
  };
  await store.insertCopies([
    { ...copy, subscriptionId: 'ABO-MATHS-S1' },
    { ...copy, subscriptionId: 'ABO-OLD-S1' },
  ]);
  const { secret: operatorSecret } = await service.admin.operators.create(system, { label: 'test operator' });
  return {
    store,
    clock,
    service,
    keysA,
    keysB,
    operatorSecret,
    apiKeyX,
    apiKeyY,
    assertion: (o = {}, keys = keysA) => signAssertion(keys, o, clock.now()),
  };
}

/** Everything the routes of this issue can change, as one comparable value. */
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
  for (const [ent, id] of [
    ['ENTA', 'eleve-a'],
    ['ENTA', 'prof-a'],
    ['ENTB', 'eleve-b'],
  ] as const) {
    favourites.push(await store.getFavourites(ent, id));
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
