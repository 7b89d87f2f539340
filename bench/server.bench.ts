// The médiacentre listing through the whole HTTP app (assertion check, store reads, entitlement, JSON), in-process via
// app.request, on the memory store: requests/s, p50 and p99, as ratios to GET /healthz of the same app in the same
// run; on a small data set and on a generated one of 300,000 people across 300 schools. The listing reads only the
// person's slice, so its cost must not grow with the data set.
import { createGarService, createHttpApp, createMemoryStore, silentLogger, type StoredSubscription } from '../packages/server/src/index.js';
import { percentile, quick, writeReport, type BenchRow } from './lib/report.js';

const ISSUER = 'https://gar.bench';
const NOW = new Date('2026-10-05T10:00:00Z');
const RESOURCES = 40;
const SUBS_PER_SCHOOL = 20;
const system = { kind: 'system' } as const;

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** Signs a compact ES256 JWT with WebCrypto (its P1363 signature is JOSE's form). */
async function signEs256(key: CryptoKey, header: object, claims: object): Promise<string> {
  const input = `${b64url(Buffer.from(JSON.stringify(header)))}.${b64url(Buffer.from(JSON.stringify(claims)))}`;
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(input));
  return `${input}.${b64url(new Uint8Array(sig))}`;
}

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function world(schools: number, perSchool: number, seed: number) {
  const rnd = prng(seed);
  const store = createMemoryStore();
  const service = createGarService({ store, clock: { now: () => NOW }, issuer: ISSUER, pseudonymSecret: 'bench-pseudonym-secret', logger: silentLogger });
  const { privateKey, publicKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  await service.registerEnt(system, { id: 'ENT', name: 'ENT', jwks: { keys: [{ kty: kty!, crv, x, y, kid: 'k1' }] } });
  await service.registerPublisher(system, { id: 'ed', name: 'Éditeur', distributorIds: ['123456789_0000000000000001'] });
  for (let i = 0; i < RESOURCES; i++) {
    await store.putResource({
      id: `ark:/99999/res-${i}`, idType: 'ark', name: `Ressource ${i}`, publisherId: 'ed', publisherName: 'Éditeur',
      distributorIds: ['123456789_0000000000000001'], techDistributor: '', techValidator: '', accessUrl: `https://res${i}.example/acces`,
      presentationType: { code: 'MAN', nom: 'Manuels numériques' }, pedagogicalTypes: [], documentTypologies: [], levels: [], teachingDomains: [],
      declaredAttributes: ['UAI', 'PRO'], protocol: 'jwt', registeredUrls: [], displayable: true, signingAlg: 'ES256',
    });
  }
  const people: { id: string; uai: string }[] = [];
  for (let s = 0; s < schools; s++) {
    const uai = `${String(1000000 + s).padStart(7, '0')}A`;
    await store.putSchool({ uai, entId: 'ENT', name: `Collège ${s}`, degree: '2D' });
    const subs: StoredSubscription[] = [];
    for (let k = 0; k < SUBS_PER_SCHOOL; k++) {
      const sub: StoredSubscription = {
        id: `abo-${s}-${k}`, distributorId: '123456789_0000000000000001', resourceId: `ark:/99999/res-${Math.floor(rnd() * RESOURCES)}`,
        resourceIdType: 'ark', resourceLabel: 'r', validFrom: '2026-09-01T00:00:00Z', validUntil: '2027-08-15T21:59:59Z', uai,
        category: 'transferable', type: k % 2 ? 'ETABL' : 'INDIV', licences: { kind: 'global', count: 'ILLIMITE' },
        audiences: ['ELEVE', 'ENSEIGNANT'], automatic: k === 0, createdAt: '2026-09-01T00:00:00Z', updatedAt: '2026-09-01T00:00:00Z',
      };
      subs.push(sub);
      await store.insertSubscription(sub);
    }
    const copies = [];
    for (let p = 0; p < perSchool; p++) {
      const id = `p-${s}-${p}`;
      const pupil = p % 12 !== 0;
      await store.putPerson({ entId: 'ENT', id, lastName: 'Nom', firstName: 'Prénom', profiles: [{ uai, profile: pupil ? 'National_elv' : 'National_ens' }], mefs: [] });
      for (let c = 0; c < 3; c++) {
        const sub = subs[1 + Math.floor(rnd() * (SUBS_PER_SCHOOL - 1))]!;
        if (!copies.some((x) => x.personId === id && x.subscriptionId === sub.id)) {
          copies.push({ subscriptionId: sub.id, uai, personId: id, audience: pupil ? ('ELEVE' as const) : ('ENSEIGNANT' as const), allocationId: 'a', assignedAt: '2026-09-02T00:00:00Z' });
        }
      }
      people.push({ id, uai });
    }
    await store.insertCopies(copies);
  }
  const iat = Math.floor(NOW.getTime() / 1000);
  const assertions: { token: string; uai: string }[] = [];
  for (let i = 0; i < 200; i++) {
    const p = people[Math.floor(rnd() * people.length)]!;
    const token = await signEs256(
      privateKey,
      { alg: 'ES256', typ: 'gar-ent+jwt', kid: 'k1' },
      { iss: 'ENT', sub: p.id, aud: ISSUER, uai: p.uai, iat, exp: iat + 300, jti: `j${i}` },
    );
    assertions.push({ token, uai: p.uai });
  }
  return { app: createHttpApp(service, { logger: silentLogger }), assertions, people: people.length };
}

type App = Awaited<ReturnType<typeof world>>['app'];

async function run(n: number, call: (i: number) => Promise<Response>): Promise<{ sorted: number[]; rps: number }> {
  const out: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await call(i);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    out.push(performance.now() - t);
  }
  const total = performance.now() - start;
  return { sorted: out.sort((a, b) => a - b), rps: (n / total) * 1000 };
}

const healthz = (app: App) => () => app.request('/healthz');
const listing = (w: Awaited<ReturnType<typeof world>>) => (i: number) => {
  const a = w.assertions[i % w.assertions.length]!;
  return w.app.request(`/api/v1/me/resources?uai=${a.uai}`, { headers: { authorization: `Bearer ${a.token}` } });
};

const perSchool = 1000;
const largeSchools = quick ? 30 : 300;
console.log(`generating 3 schools and ${largeSchools} schools × ${perSchool} people…`);
const small = await world(3, perSchool, 1);
const large = await world(largeSchools, perSchool, 2);
const n = quick ? 1500 : 9000;

const acc = { healthz: [] as number[], small: [] as number[], large: [] as number[], rps: { healthz: 0, small: 0, large: 0 } };
await run(300, healthz(small.app));
await run(300, listing(small));
await run(300, listing(large));
for (let round = 0; round < 3; round++) {
  // Alternate so that each figure sees the same machine conditions.
  const h = await run(n / 3, healthz(small.app));
  const s = await run(n / 3, listing(small));
  const l = await run(n / 3, listing(large));
  acc.healthz.push(...h.sorted);
  acc.small.push(...s.sorted);
  acc.large.push(...l.sorted);
  acc.rps.healthz += h.rps / 3;
  acc.rps.small += s.rps / 3;
  acc.rps.large += l.rps / 3;
}
for (const k of ['healthz', 'small', 'large'] as const) acc[k].sort((a, b) => a - b);
const p = (k: 'healthz' | 'small' | 'large', q: number) => percentile(acc[k], q) * 1000;

const row = (name: string, value: number, unit: string, baseline: number, baselineName: string, target: string, ok: boolean): BenchRow => ({
  name, value, unit, baseline, baselineName, ratio: value / baseline, target, ok,
});
const largeLabel = `${large.people} people, ${largeSchools} schools`;
writeReport(
  'server',
  [
    row('listing req/s, small data set', acc.rps.small, 'req/s', acc.rps.healthz, '/healthz', 'measured', true),
    row('listing p50, small data set', p('small', 50), 'µs', p('healthz', 50), '/healthz', 'measured', true),
    row('listing p99, small data set', p('small', 99), 'µs', p('healthz', 99), '/healthz', 'measured', true),
    row(`listing req/s, ${largeLabel}`, acc.rps.large, 'req/s', acc.rps.healthz, '/healthz', 'measured', true),
    row(`listing p50, ${largeLabel}`, p('large', 50), 'µs', p('healthz', 50), '/healthz', 'measured', true),
    row(`listing p99, ${largeLabel}`, p('large', 99), 'µs', p('healthz', 99), '/healthz', 'measured', true),
    row(`listing p50, ${largeLabel} vs small`, p('large', 50), 'µs', p('small', 50), 'small data set', 'ratio ≤ 1.5', p('large', 50) / p('small', 50) <= 1.5),
    row(`listing p99, ${largeLabel} vs small`, p('large', 99), 'µs', p('small', 99), 'small data set', 'ratio ≤ 2', p('large', 99) / p('small', 99) <= 2),
  ],
  { smallPeople: small.people, largePeople: large.people, largeSchools, samples: n, store: 'memory' },
);
