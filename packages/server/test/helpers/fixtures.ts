// The server tests' shared names and record factories: the world's ENTs, schools and resources, ENT keys and
// assertions, and one factory per record (`subscription()`, `resource()`, `person()`, `school()`, `ent()`, `copy()`…),
// each taking partial overrides so that a test states only what it is about.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Ent, LicenceCopy, Person, Resource, School } from '@opengar/core';
import type { Actor, Logger, StoredSubscription } from '../../src/index.js';

export const ISSUER = 'https://gar.test';
export const SECRET = 'opengar-test-secret-0123456789-of-32-bytes';
export const STATS_SECRET = 'opengar-stats-secret-9876543210';
export const S1 = '0000001A'; // ENT A
export const S3 = '0000003A'; // ENT A
export const S2 = '0000002B'; // ENT B
export const R_MATHS = 'ark:/11111/maths'; // publisher X, ES256, UAI PRO DIV GRO NOM PRE
export const R_DICO = 'ark:/22222/dico'; // publisher Y, RS256, free offer, UAI
export const R_OLD = 'ark:/11111/old'; // expired subscription
export const R_FAM6 = 'ark:/33333/fam-6e'; // publisher Z, EdDSA, family (hand-off catalogue)
export const R_FAM5 = 'ark:/33333/fam-5e';
export const FAMILY = 'ark:/33333/famille';
export const R_CAS = 'ark:/44444/cas'; // CAS
export const R_LYCEE = 'ark:/55555/lycee'; // subscribed at S3 only
export const R_NT = 'ark:/11111/non-transferable';
export const ORIGIN_A = 'https://ent-a.test';
export const ORIGIN_B = 'https://ent-b.test';
export const CAS_SERVICE = 'https://cas.resource.test/login/cas';
export const ASSERTION_ENDPOINT = 'https://ent-a.test/gar/assertion?lang=fr';
export const ENT_A_CERT = 'a'.repeat(64);
/** The ENT of the `feed` world (generated feeds name it). */
export const FEED_ENT = 'ENTGEN';
export const SYSTEM = { kind: 'system' } as const satisfies Actor;

/** A logger keeping every line as JSON text (to check that no token or secret reaches a log). */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (level: string) => (event: string, fields?: Record<string, unknown>) =>
    void lines.push(JSON.stringify({ level, event, ...fields }));
  return { lines, info: put('info'), warn: put('warn'), error: put('error') };
}

/** An ENT's signing key pair, generated per run, with its public JWK. */
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

/** An ENT user assertion (`gar-ent+jwt`), by default ENT A's pupil `eleve-a` for {@link ISSUER}, valid 120 s. */
export async function signAssertion(keys: EntKeys, o: AssertionOptions, now: Date): Promise<string> {
  const iat = o.iat ?? Math.floor(now.getTime() / 1000);
  return new SignJWT(o.uai === undefined ? {} : { uai: o.uai })
    .setProtectedHeader({ alg: keys.alg, typ: o.typ ?? 'gar-ent+jwt', kid: keys.publicJwk.kid! })
    .setIssuer(o.iss ?? 'ENTA')
    .setSubject(o.sub ?? 'eleve-a')
    .setAudience(o.aud ?? ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (o.lifetime ?? 120))
    .setJti(o.jti ?? crypto.randomUUID())
    .sign(keys.privateKey);
}

/** An ENT client assertion for a URL (the ENT authenticating itself), valid 30 s. */
export async function signClientAssertion(keys: EntKeys, url: string, iss: string, now: Date): Promise<string> {
  const t = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: keys.alg, kid: keys.publicJwk.kid! })
    .setIssuer(iss)
    .setSubject(iss)
    .setAudience(url)
    .setIssuedAt(t)
    .setExpirationTime(t + 30)
    .setJti(crypto.randomUUID())
    .sign(keys.privateKey);
}

/** A subscription at S1 to the maths resource of publisher X: 30 global licences, INDIV, transferable, 2025-2026. */
export function subscription(overrides: Partial<StoredSubscription> = {}): StoredSubscription {
  const resourceId = overrides.resourceId ?? R_MATHS;
  return {
    id: 'ABO-MATHS-S1',
    distributorId: 'X_0000000000000001',
    resourceId,
    resourceIdType: 'ark',
    resourceLabel: resourceId,
    validFrom: '2025-09-01T00:00:00Z',
    validUntil: '2026-08-15T21:59:59Z',
    uai: S1,
    category: 'transferable',
    type: 'INDIV',
    licences: { kind: 'global', count: 30 },
    audiences: ['ELEVE', 'ENSEIGNANT'],
    automatic: false,
    createdAt: '2025-09-01T00:00:00Z',
    updatedAt: '2025-09-01T00:00:00Z',
    ...overrides,
  };
}

/** A catalogue record of a publisher's resource (JWT, ES256); names and URLs follow `publisherId` (default X). */
export function resource(overrides: Partial<Resource> = {}): Resource {
  const id = overrides.id ?? R_MATHS;
  const publisherId = overrides.publisherId ?? 'X';
  return {
    id,
    idType: 'ark',
    name: `Ressource ${id}`,
    publisherId,
    publisherName: `Éditions ${publisherId}`,
    distributorIds: [`${publisherId}_0000000000000001`],
    techDistributor: `tech-${publisherId}`,
    techValidator: 'validateur',
    accessUrl: `https://${publisherId.toLowerCase()}.resource.test/gar`,
    presentationType: { code: 'MAN', nom: 'Manuels numériques' },
    pedagogicalTypes: [{ uri: 'uri/typePedagogique/cours', nom: 'cours / présentation' }],
    documentTypologies: [{ uri: 'uri-typologie-1', nom: 'manuel' }],
    levels: [{ uri: 'uri-niveau-1', nom: 'enseignement secondaire' }],
    teachingDomains: [{ uri: 'uri-maths', nom: 'MATHÉMATIQUES' }],
    declaredAttributes: [],
    protocol: 'jwt',
    registeredUrls: [],
    displayable: true,
    signingAlg: 'ES256',
    ...overrides,
  };
}

/** The body of a resource registration (`registerResource`, `POST /api/v1/admin/resources`): the fields required. */
export function resourceBody(overrides: Record<string, unknown> & { id?: string; publisherId?: string } = {}) {
  const { id, idType, name, publisherId, publisherName, distributorIds, presentationType } = resource({
    ...(overrides.id === undefined ? {} : { id: overrides.id }),
    ...(overrides.publisherId === undefined ? {} : { publisherId: overrides.publisherId }),
  });
  const accessUrl = 'https://ressource.test/acces';
  return { id, idType, name, publisherId, publisherName, distributorIds, accessUrl, presentationType, ...overrides };
}

/** Overrides for `subscription()`: a school-wide (ETABL) order for pupils, by distributor D, as feed tests place. */
export const PUPILS_ETABL = {
  distributorId: 'D_0000000000000001',
  type: 'ETABL',
  audiences: ['ELEVE'],
} satisfies Partial<StoredSubscription>;

/** A licence copy held by a person (default: at S1, as a pupil, given by the allocation `alloc-<subscription>`). */
export function copy(overrides: Pick<LicenceCopy, 'subscriptionId' | 'personId'> & Partial<LicenceCopy>): LicenceCopy {
  return {
    uai: S1,
    audience: 'ELEVE',
    allocationId: `alloc-${overrides.subscriptionId}`,
    assignedAt: '2025-09-02T00:00:00Z',
    ...overrides,
  };
}

/** A person of ENT A (default: the pupil `eleve-a` at S1), with no MEF. */
export function person(overrides: Partial<Person> = {}): Person {
  return {
    entId: 'ENTA',
    id: 'eleve-a',
    lastName: 'Durand',
    firstName: 'Léa',
    profiles: [{ uai: S1, profile: 'National_elv' }],
    mefs: [],
    ...overrides,
  };
}

/** A school of ENT A (default: S1, « Collège Un », second degree). */
export function school(overrides: Partial<School> = {}): School {
  return { uai: S1, entId: 'ENTA', name: 'Collège Un', degree: '2D', ...overrides };
}

/** An ENT (default: ENT A with its origin, no key and no client certificate). */
export function ent(overrides: Partial<Ent> = {}): Ent {
  return { id: 'ENTA', name: 'ENT A', origins: [ORIGIN_A], clientCertFingerprints: [], ...overrides };
}

export const HEAD_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'head-a' };
export const HEAD_B: Actor = { kind: 'ent-user', entId: 'ENTB', personId: 'head-b' };
export const RESP_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'respaff-a' };
export const DOC_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'doc-a' };
export const PROF_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'prof-a' };
export const PUPIL_A: Actor = { kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' };
export const X: Actor = { kind: 'publisher', publisherId: 'X', distributorIds: ['X_0000000000000001'] };
export const Y: Actor = { kind: 'publisher', publisherId: 'Y', distributorIds: ['Y_0000000000000001'] };

/** Pupils of division 6A at S1 in the allocation data (`p01`…), with the 6e MEF. */
export const pupil = (i: number) => `p${String(i).padStart(2, '0')}`;
