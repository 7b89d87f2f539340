// A school's morning on PostgreSQL: 200 allocation requests at once on one subscription holding fewer copies than
// requests, each a real HTTP request (fetch over loopback to the Node listener started in this process), on one
// instance and on two instances (two pools, two apps) sharing one database. Printed: how many were answered, 201, 409,
// 503 and other, p50 and p99, each p99 beside a bare transaction's p99 (a trivial BEGIN; SELECT; COMMIT burst of the
// same size through the same pool) measured in the same run. PostgreSQL runs on OPENGAR_BENCH_DATABASE_URL, or a
// private cluster when the server binaries are installed; without either the benchmark says so and stops.
import {
  createGarService,
  createHttpApp,
  silentLogger,
  type Store,
  type StoredSubscription,
} from '../packages/server/src/index.js';
import { startServer, type RunningServer } from '../packages/server/src/node/serve.js';
import { createPostgresStore } from '../packages/server/src/node/stores.js';
import { findPgBin, startCluster } from '../scripts/pg-cluster.mjs';
import { serviceWithEnt } from './lib/bench-ent.js';
import { percentile, quick, writeReport, type BenchRow } from './lib/report.js';

const ISSUER = 'https://gar.bench';
const NOW = new Date('2026-10-05T07:55:00Z');
const UAI = '0561641E';
const SUB = 'ABO-MATIN';
const REQUESTS = 200;
const LICENCES = 150;
/** Rounds per scenario; the figures are over every request of every round. */
const ROUNDS = quick ? 1 : 5;
/** A request still unanswered after this long counts as hung (and is aborted). */
const REQUEST_TIMEOUT_MS = 60_000;

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

async function signEs256(key: CryptoKey, header: object, claims: object): Promise<string> {
  const input = `${b64url(Buffer.from(JSON.stringify(header)))}.${b64url(Buffer.from(JSON.stringify(claims)))}`;
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(input));
  return `${input}.${b64url(new Uint8Array(sig))}`;
}

function subscription(): StoredSubscription {
  return {
    id: SUB,
    distributorId: '532111678_0000000000000042',
    resourceId: 'ark:/86527/manuel',
    resourceIdType: 'ark',
    resourceLabel: 'Manuel',
    validFrom: '2026-09-01T00:00:00+02:00',
    validUntil: '2027-08-15T23:59:59+02:00',
    uai: UAI,
    category: 'transferable',
    type: 'INDIV',
    licences: { kind: 'global', count: LICENCES },
    audiences: ['ELEVE'],
    automatic: false,
    createdAt: '2026-08-20T09:15:00.000Z',
    updatedAt: '2026-08-20T09:15:00.000Z',
  };
}

/** The school, its head and 200 pupils; returns the key that signs the head's assertions. */
async function seed(store: Store): Promise<CryptoKey> {
  const { privateKey } = await serviceWithEnt(store, NOW, ISSUER);
  await store.putSchool({ uai: UAI, entId: 'ENT', name: 'Collège du matin', degree: '2D' });
  await store.putPerson({
    entId: 'ENT',
    id: 'head',
    lastName: 'Chef',
    firstName: 'A',
    profiles: [{ uai: UAI, profile: 'National_dir' }],
    mefs: [],
  });
  await store.transaction(async (tx) => {
    for (let i = 0; i < REQUESTS; i++) {
      await tx.putPerson({
        entId: 'ENT',
        id: `eleve-${i}`,
        lastName: `Nom${i}`,
        firstName: 'P',
        profiles: [{ uai: UAI, profile: 'National_elv' }],
        mefs: [],
      });
    }
  });
  return privateKey;
}

/** Empties the subscription: a fresh one for each round. */
async function resetSubscription(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    const copies = await tx.listCopies({ subscriptionId: SUB });
    if (copies.length > 0)
      await tx.deleteCopies(
        SUB,
        copies.map((c) => c.personId),
      );
    for (const a of await tx.listAllocations({ subscriptionId: SUB }))
      await tx.archiveAllocation(a.id, NOW.toISOString());
    if (!(await tx.getSubscription(SUB))) await tx.insertSubscription(subscription());
  });
}

async function serve(store: Store): Promise<RunningServer> {
  const service = createGarService({
    store,
    clock: { now: () => NOW },
    issuer: ISSUER,
    logger: silentLogger,
  });
  const app = createHttpApp(service, { logger: silentLogger });
  return startServer({
    fetch: (request, env) => app.fetch(request, env),
    port: 0,
    handleSignals: false,
    notice: () => undefined,
  });
}

interface Burst {
  latencies: number[];
  byStatus: Map<number | 'hung', number>;
}

/** 200 allocations at once, request i to server i mod n; every request is bounded. */
async function burst(servers: RunningServer[], key: CryptoKey, round: number): Promise<Burst> {
  const iat = Math.floor(NOW.getTime() / 1000);
  const tokens = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) =>
      signEs256(
        key,
        { alg: 'ES256', typ: 'gar-ent+jwt', kid: 'k1' },
        { iss: 'ENT', sub: 'head', aud: ISSUER, uai: UAI, iat, exp: iat + 300, jti: `burst-${round}-${i}` },
      ),
    ),
  );
  const byStatus = new Map<number | 'hung', number>();
  const latencies = await Promise.all(
    tokens.map(async (token, i) => {
      const started = performance.now();
      let status: number | 'hung';
      try {
        const res = await fetch(`${servers[i % servers.length]!.url}/api/v1/schools/${UAI}/allocations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ subscriptionId: SUB, targets: [{ kind: 'person', personId: `eleve-${i}` }] }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 'hung';
      }
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      return performance.now() - started;
    }),
  );
  return { latencies, byStatus };
}

/** 200 trivial transactions at once through the pools of the instances. */
async function bareBurst(stores: Store[]): Promise<number[]> {
  return Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const started = performance.now();
      await stores[i % stores.length]!.transaction((tx) => tx.getSetting('bench.bare')).catch(() => undefined);
      return performance.now() - started;
    }),
  );
}

async function scenario(
  url: string,
  instances: number,
  key: CryptoKey,
  rows: BenchRow[],
  meta: Record<string, unknown>,
): Promise<void> {
  const stores = await Promise.all(
    Array.from({ length: instances }, () => createPostgresStore({ url, migrate: false })),
  );
  const servers = await Promise.all(stores.map(serve));
  try {
    const latencies: number[] = [];
    const bare: number[] = [];
    const counts: Record<string, number> = {};
    // This process's CPU time over the burst's wall time: near 1, the service (one Node thread) is the bottleneck.
    const cpuShare: number[] = [];
    let copies = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await resetSubscription(stores[0]!);
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      const b = await burst(servers, key, round);
      const cpu = process.cpuUsage(cpuBefore);
      cpuShare.push((cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore));
      latencies.push(...b.latencies);
      for (const [status, n] of b.byStatus) counts[String(status)] = (counts[String(status)] ?? 0) + n;
      copies = (await stores[0]!.listCopies({ subscriptionId: SUB })).length;
      bare.push(...(await bareBurst(stores)));
    }
    latencies.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const total = REQUESTS * ROUNDS;
    const answered = total - (counts.hung ?? 0);
    const other = answered - (counts['201'] ?? 0) - (counts['409'] ?? 0) - (counts['503'] ?? 0);
    const label = `${instances} instance${instances > 1 ? 's' : ''}`;
    console.log(
      `${label}: ${total} requests, answered ${answered}, 201 ${counts['201'] ?? 0}, 409 ${counts['409'] ?? 0}, 503 ${counts['503'] ?? 0}, other ${other}; ` +
        `copies after the last round ${copies}/${LICENCES}; p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; ` +
        `bare transaction p99 ${percentile(bare, 99).toFixed(0)} ms; this process's CPU over the burst ${cpuShare.map((x) => x.toFixed(2)).join(', ')} of a core`,
    );
    meta[label] = { requests: total, answered, counts, copiesAfterLastRound: copies, licences: LICENCES, cpuShare };
    const bareP99 = percentile(bare, 99);
    const row = (name: string, value: number, target: string, ok: boolean): BenchRow => ({
      name,
      value,
      unit: 'ms',
      baseline: bareP99,
      baselineName: 'bare transaction p99',
      ratio: value / bareP99,
      target,
      ok,
    });
    const count = (name: string, value: number, target: string, ok: boolean): BenchRow => ({
      name,
      value,
      unit: 'requests',
      baseline: total,
      baselineName: 'requests sent',
      ratio: value / total,
      target,
      ok,
    });
    const c = (status: string) => counts[status] ?? 0;
    rows.push(
      count(`${label}: answered`, answered, `= ${total}`, answered === total),
      count(`${label}: 201`, c('201'), `= ${LICENCES * ROUNDS}`, c('201') === LICENCES * ROUNDS),
      count(
        `${label}: 409`,
        c('409'),
        `= ${(REQUESTS - LICENCES) * ROUNDS}`,
        c('409') === (REQUESTS - LICENCES) * ROUNDS,
      ),
      count(`${label}: 503`, c('503'), '0', c('503') === 0),
      row(`${label}: allocation p50`, percentile(latencies, 50), 'report', true),
      row(`${label}: allocation p99`, percentile(latencies, 99), '≤ 2,000 ms', percentile(latencies, 99) <= 2000),
    );
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(stores.map((s) => s.close()));
  }
}

let url = process.env.OPENGAR_BENCH_DATABASE_URL;
let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
if (!url && findPgBin()) {
  cluster = await startCluster();
  cluster.createDatabase('opengar_burst_bench');
  url = cluster.url('opengar_burst_bench');
}
if (!url) {
  console.log('PostgreSQL skipped: no server binaries and no OPENGAR_BENCH_DATABASE_URL');
  writeReport('burst', [], { postgres: 'skipped: no PostgreSQL server binaries and no OPENGAR_BENCH_DATABASE_URL' });
} else {
  try {
    const setup = await createPostgresStore({ url });
    let key: CryptoKey;
    try {
      key = await seed(setup);
    } finally {
      await setup.close();
    }
    const rows: BenchRow[] = [];
    const meta: Record<string, unknown> = { requests: REQUESTS, licences: LICENCES, rounds: ROUNDS };
    await scenario(url, 1, key, rows, meta);
    await scenario(url, 2, key, rows, meta);
    writeReport('burst', rows, meta);
  } finally {
    cluster?.stop();
  }
}
