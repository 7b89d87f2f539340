// The médiacentre listing through the whole HTTP app (assertion check, store reads, entitlement, JSON), in-process via
// app.request, on the memory store: requests/s, p50 and p99, as ratios to GET /healthz of the same app in the same
// run; on a small data set and on a generated one of 300,000 people across 300 schools. The listing reads only the
// person's slice, so its cost must not grow with the data set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LicenceCopy, Person } from '../packages/core/src/index.js';
import {
  createHttpApp,
  createMemoryStore,
  silentLogger,
  type Store,
  type StoredSubscription,
} from '../packages/server/src/index.js';
import { createPgliteStore, createPostgresStore } from '../packages/server/src/node/stores.js';
import { findPgBin, startCluster } from '../scripts/pg-cluster.mjs';
import { serviceWithEnt } from './lib/bench-ent.js';
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

async function world(store: Store, schools: number, perSchool: number, seed: number) {
  const rnd = prng(seed);
  const { service, privateKey } = await serviceWithEnt(store, NOW, ISSUER);
  await service.admin.publishers.create(system, {
    id: 'ed',
    name: 'Éditeur',
    distributorIds: ['123456789_0000000000000001'],
  });
  for (let i = 0; i < RESOURCES; i++) {
    await store.putResource({
      id: `ark:/99999/res-${i}`,
      idType: 'ark',
      name: `Ressource ${i}`,
      publisherId: 'ed',
      publisherName: 'Éditeur',
      distributorIds: ['123456789_0000000000000001'],
      techDistributor: '',
      techValidator: '',
      accessUrl: `https://res${i}.example/acces`,
      presentationType: { code: 'MAN', nom: 'Manuels numériques' },
      pedagogicalTypes: [],
      documentTypologies: [],
      levels: [],
      teachingDomains: [],
      declaredAttributes: ['UAI', 'PRO'],
      protocol: 'jwt',
      registeredUrls: [],
      displayable: true,
      signingAlg: 'ES256',
    });
  }
  const people: { id: string; uai: string }[] = [];
  for (let s = 0; s < schools; s++) {
    const uai = `${String(1000000 + s).padStart(7, '0')}A`;
    await store.putSchool({ uai, entId: 'ENT', name: `Collège ${s}`, degree: '2D' });
    const subs: StoredSubscription[] = [];
    // Subscription 0 is a free offer; the last one is kept free of copies for the allocation writes.
    for (let k = 0; k <= SUBS_PER_SCHOOL; k++) {
      subs.push({
        id: k === SUBS_PER_SCHOOL ? `alloc-${s}` : `abo-${s}-${k}`,
        distributorId: '123456789_0000000000000001',
        resourceId: `ark:/99999/res-${Math.floor(rnd() * RESOURCES)}`,
        resourceIdType: 'ark',
        resourceLabel: 'r',
        validFrom: '2026-09-01T00:00:00Z',
        validUntil: '2027-08-15T21:59:59Z',
        uai,
        category: 'transferable',
        type: k % 2 ? 'ETABL' : 'INDIV',
        licences: { kind: 'global', count: 'ILLIMITE' },
        audiences: ['ELEVE', 'ENSEIGNANT'],
        automatic: k === 0,
        createdAt: '2026-09-01T00:00:00Z',
        updatedAt: '2026-09-01T00:00:00Z',
      });
    }
    const batch: Person[] = [
      {
        entId: 'ENT',
        id: `head-${s}`,
        lastName: 'Principal',
        firstName: 'Chef',
        profiles: [{ uai, profile: 'National_dir' }],
        mefs: [],
      },
    ];
    const copies: LicenceCopy[] = [];
    for (let p = 0; p < perSchool; p++) {
      const id = `p-${s}-${p}`;
      const pupil = p % 12 !== 0;
      batch.push({
        entId: 'ENT',
        id,
        lastName: 'Nom',
        firstName: 'Prénom',
        profiles: [{ uai, profile: pupil ? 'National_elv' : 'National_ens' }],
        mefs: [],
      });
      const held = new Set<string>();
      for (let c = 0; c < 3; c++) {
        const sub = subs[1 + Math.floor(rnd() * (SUBS_PER_SCHOOL - 1))]!;
        if (held.has(sub.id)) continue;
        held.add(sub.id);
        copies.push({
          subscriptionId: sub.id,
          uai,
          personId: id,
          audience: pupil ? 'ELEVE' : 'ENSEIGNANT',
          allocationId: 'a',
          assignedAt: '2026-09-02T00:00:00Z',
        });
      }
      people.push({ id, uai });
    }
    await store.transaction(async (tx) => {
      for (const sub of subs) await tx.insertSubscription(sub);
      await tx.putPeople(batch);
      await tx.insertCopies(copies);
    });
  }
  const iat = Math.floor(NOW.getTime() / 1000);
  const sign = (sub: string, uai: string, i: number) =>
    signEs256(
      privateKey,
      { alg: 'ES256', typ: 'gar-ent+jwt', kid: 'k1' },
      { iss: 'ENT', sub, aud: ISSUER, uai, iat, exp: iat + 300, jti: `j${sub}${i}` },
    );
  const assertions: { token: string; uai: string }[] = [];
  for (let i = 0; i < 200; i++) {
    const p = people[Math.floor(rnd() * people.length)]!;
    assertions.push({ token: await sign(p.id, p.uai, i), uai: p.uai });
  }
  const heads: { token: string; uai: string; school: number }[] = [];
  for (let s = 0; s < Math.min(schools, 20); s++) {
    const uai = `${String(1000000 + s).padStart(7, '0')}A`;
    heads.push({ token: await sign(`head-${s}`, uai, 0), uai, school: s });
  }
  return { app: createHttpApp(service, { logger: silentLogger }), assertions, heads, perSchool, people: people.length };
}

type World = Awaited<ReturnType<typeof world>>;

async function run(n: number, call: (i: number) => Promise<Response>): Promise<{ sorted: number[]; rps: number }> {
  const out: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await call(i);
    await res.arrayBuffer();
    if (res.status !== 200 && res.status !== 201) throw new Error(`status ${res.status}`);
    out.push(performance.now() - t);
  }
  const total = performance.now() - start;
  return { sorted: out.sort((a, b) => a - b), rps: (n / total) * 1000 };
}

const healthz = (w: World) => () => w.app.request('/healthz');
const listing = (w: World) => (i: number) => {
  const a = w.assertions[i % w.assertions.length]!;
  return w.app.request(`/api/v1/me/resources?uai=${a.uai}`, { headers: { authorization: `Bearer ${a.token}` } });
};
/** One allocation write per call: the head of a school gives a copy of its spare subscription to the next person. */
function allocation(w: World) {
  let next = 0;
  return () => {
    const i = next++;
    const h = w.heads[i % w.heads.length]!;
    const person = `p-${h.school}-${Math.floor(i / w.heads.length) % w.perSchool}`;
    return w.app.request(`/api/v1/schools/${h.uai}/allocations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subscriptionId: `alloc-${h.school}`, targets: [{ kind: 'person', personId: person }] }),
    });
  };
}

const perSchool = 1000;
const largeSchools = quick ? 30 : 300;
const rows: BenchRow[] = [];
const meta: Record<string, unknown> = { perSchool, largeSchools };
const row = (
  name: string,
  value: number,
  unit: string,
  baseline: number,
  baselineName: string,
  target: string,
  ok: boolean,
): BenchRow => ({
  name,
  value,
  unit,
  baseline,
  baselineName,
  ratio: value / baseline,
  target,
  ok,
});

async function measureStore(kind: string, make: () => Promise<Store>): Promise<void> {
  console.log(`${kind}: generating 3 schools and ${largeSchools} schools × ${perSchool} people…`);
  const smallStore = await make();
  const largeStore = await make();
  try {
    const small = await world(smallStore, 3, perSchool, 1);
    const large = await world(largeStore, largeSchools, perSchool, 2);
    const n = kind === 'memory' ? (quick ? 1500 : 9000) : quick ? 300 : 1500;
    const writes = Math.min(n, quick ? 300 : 900);
    const acc = {
      healthz: [] as number[],
      small: [] as number[],
      large: [] as number[],
      write: [] as number[],
      rps: { healthz: 0, small: 0, large: 0, write: 0 },
    };
    await run(100, healthz(small));
    await run(100, listing(small));
    await run(100, listing(large));
    const write = allocation(large);
    for (let round = 0; round < 3; round++) {
      // Alternate so that each figure sees the same machine conditions.
      const h = await run(Math.floor(n / 3), healthz(small));
      const s = await run(Math.floor(n / 3), listing(small));
      const l = await run(Math.floor(n / 3), listing(large));
      const w = await run(Math.floor(writes / 3), write);
      acc.healthz.push(...h.sorted);
      acc.small.push(...s.sorted);
      acc.large.push(...l.sorted);
      acc.write.push(...w.sorted);
      acc.rps.healthz += h.rps / 3;
      acc.rps.small += s.rps / 3;
      acc.rps.large += l.rps / 3;
      acc.rps.write += w.rps / 3;
    }
    for (const k of ['healthz', 'small', 'large', 'write'] as const) acc[k].sort((a, b) => a - b);
    const p = (k: 'healthz' | 'small' | 'large' | 'write', q: number) => percentile(acc[k], q) * 1000;
    const largeLabel = `${large.people} people`;
    rows.push(
      row(
        `${kind}: listing req/s, small data set`,
        acc.rps.small,
        'req/s',
        acc.rps.healthz,
        '/healthz',
        'measured',
        true,
      ),
      row(
        `${kind}: listing p50 / p99, small data set`,
        p('small', 50),
        'µs',
        p('healthz', 50),
        '/healthz p50',
        `p99 ${p('small', 99).toFixed(0)} µs`,
        true,
      ),
      row(
        `${kind}: listing req/s, ${largeLabel}`,
        acc.rps.large,
        'req/s',
        acc.rps.healthz,
        '/healthz',
        'measured',
        true,
      ),
      row(
        `${kind}: listing p50 / p99, ${largeLabel}`,
        p('large', 50),
        'µs',
        p('healthz', 50),
        '/healthz p50',
        `p99 ${p('large', 99).toFixed(0)} µs`,
        true,
      ),
      row(
        `${kind}: listing p50, ${largeLabel} vs small`,
        p('large', 50),
        'µs',
        p('small', 50),
        'small data set',
        'ratio ≤ 1.5',
        p('large', 50) / p('small', 50) <= 1.5,
      ),
      row(
        `${kind}: allocation write req/s, ${largeLabel}`,
        acc.rps.write,
        'req/s',
        acc.rps.healthz,
        '/healthz',
        'measured',
        true,
      ),
      row(
        `${kind}: allocation write p50 / p99, ${largeLabel}`,
        p('write', 50),
        'µs',
        p('healthz', 50),
        '/healthz p50',
        `p99 ${p('write', 99).toFixed(0)} µs`,
        true,
      ),
    );
  } finally {
    await smallStore.close();
    await largeStore.close();
  }
}

await measureStore('memory', async () => createMemoryStore());
const dirs: string[] = [];
try {
  await measureStore('pglite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opengar-bench-server-'));
    dirs.push(dir);
    return createPgliteStore({ dataDir: dir });
  });
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
let url = process.env.OPENGAR_BENCH_DATABASE_URL;
let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
if (!url && findPgBin()) {
  cluster = await startCluster();
  url = 'cluster';
}
if (url) {
  try {
    let db = 0;
    await measureStore('postgres', async () => {
      if (!cluster) return createPostgresStore({ url: url! });
      const name = `opengar_bench_server_${db++}`;
      cluster.createDatabase(name);
      return createPostgresStore({ url: cluster.url(name) });
    });
  } finally {
    cluster?.stop();
  }
} else {
  meta.postgres = 'skipped: no PostgreSQL server binaries and no OPENGAR_BENCH_DATABASE_URL';
  console.log('PostgreSQL skipped: no server binaries and no OPENGAR_BENCH_DATABASE_URL');
}
writeReport('server', rows, meta);
