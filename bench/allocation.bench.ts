// Allocation through the service, per store: an ETABL subscription given to all 1,000 pupils of a school (one
// audience target) and an INDIV one given to a division of 35, p50 and p99, each as a ratio to the same store's bare
// write (one licence copy inserted on its own) measured in the same run. The service's transaction locks the
// subscription, checks the caller's role, expands the target, checks the pools and writes the copies and the audit
// entry. PostgreSQL runs on OPENGAR_BENCH_DATABASE_URL, or a private cluster when the server binaries are installed.
import { createGarService, silentLogger, type Store, type StoredSubscription } from '../packages/server/src/index.js';
import { forEachStore } from './lib/stores.js';
import { percentile, quick, writeReport, type BenchRow } from './lib/report.js';

const UAI = '0561641E';
const PUPILS = 1000;
const DIVISION = 35;
const ETABL_RUNS = quick ? 5 : 30;
const INDIV_RUNS = quick ? 20 : 200;
const BARE_RUNS = quick ? 40 : 400;
const HEAD = { kind: 'ent-user', entId: 'ENTBENCH', personId: 'head' } as const;

function subscription(id: string, type: 'ETABL' | 'INDIV'): StoredSubscription {
  return {
    id,
    distributorId: '532111678_0000000000000042',
    resourceId: 'ark:/86527/manuel',
    resourceIdType: 'ark',
    resourceLabel: 'Manuel',
    validFrom: '2025-09-01T00:00:00+02:00',
    validUntil: '2026-08-15T23:59:59+02:00',
    uai: UAI,
    category: 'transferable',
    type,
    licences: { kind: 'global', count: PUPILS },
    audiences: ['ELEVE'],
    automatic: false,
    createdAt: '2025-08-20T09:15:00.000Z',
    updatedAt: '2025-08-20T09:15:00.000Z',
  };
}

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

/** A school of 1,000 pupils (the first 35 in division 6A) and its head, written straight to the store. */
async function seed(store: Store): Promise<void> {
  await store.putEnt({ id: 'ENTBENCH', name: 'ENT bench', origins: [], clientCertFingerprints: [] });
  await store.putSchool({ uai: UAI, entId: 'ENTBENCH', name: 'Collège bench', degree: '2D' });
  await store.putPerson({
    entId: 'ENTBENCH',
    id: 'head',
    lastName: 'Chef',
    firstName: 'A',
    profiles: [{ uai: UAI, profile: 'National_dir' }],
    mefs: [],
  });
  await store.putGroup({ uai: UAI, code: '6A', label: '6e A', status: 'DIVISION' });
  await store.transaction(async (tx) => {
    for (let i = 0; i < PUPILS; i++) {
      const id = `eleve-${i}`;
      await tx.putPerson({
        entId: 'ENTBENCH',
        id,
        lastName: `Nom${i}`,
        firstName: 'P',
        profiles: [{ uai: UAI, profile: 'National_elv' }],
        mefs: [],
      });
      if (i < DIVISION) await tx.putMembership({ uai: UAI, groupCode: '6A', personId: id });
    }
  });
}

async function measure(name: string, store: Store): Promise<BenchRow[]> {
  const sql = store.kind !== 'memory';
  await seed(store);
  const service = createGarService({
    store,
    issuer: 'https://gar.bench',
    logger: silentLogger,
  });
  const copy = (i: number) => ({
    subscriptionId: 'ABO-BARE',
    uai: UAI,
    personId: `bare-${i}`,
    audience: 'ELEVE' as const,
    allocationId: 'AFF-BARE',
    assignedAt: '2025-09-02T08:00:00.000Z',
  });
  await store.insertSubscription(subscription('ABO-BARE', 'INDIV'));
  for (let i = 0; i < 20; i++) await store.insertCopies([{ ...copy(i), personId: `warm-${i}` }]);
  const bare = await timed(BARE_RUNS, (i) => store.insertCopies([copy(i)]));
  for (let i = 0; i < ETABL_RUNS; i++) await store.insertSubscription(subscription(`ETABL-${i}`, 'ETABL'));
  for (let i = 0; i < INDIV_RUNS; i++) await store.insertSubscription(subscription(`INDIV-${i}`, 'INDIV'));
  await service.allocation.allocate(HEAD, UAI, {
    subscriptionId: 'ABO-BARE',
    targets: [{ kind: 'person', personId: 'eleve-999' }],
  });
  const etabl = await timed(ETABL_RUNS, (i) =>
    service.allocation.allocate(HEAD, UAI, {
      subscriptionId: `ETABL-${i}`,
      targets: [{ kind: 'audience', audience: 'ELEVE' }],
    }),
  );
  const indiv = await timed(INDIV_RUNS, (i) =>
    service.allocation.allocate(HEAD, UAI, {
      subscriptionId: `INDIV-${i}`,
      targets: [{ kind: 'division', code: '6A' }],
    }),
  );
  const b50 = percentile(bare, 50);
  const b99 = percentile(bare, 99);
  const row = (
    figure: string,
    value: number,
    baseline: number,
    baselineName: string,
    target: string,
    ok: boolean,
  ): BenchRow => ({
    name: `${name}: ${figure}`,
    value,
    unit: 'ms',
    baseline,
    baselineName,
    ratio: value / baseline,
    target,
    ok,
  });
  const e50 = percentile(etabl, 50);
  const i50 = percentile(indiv, 50);
  return [
    row('bare write p50', b50, b50, 'bare write p50', 'baseline', true),
    row('bare write p99', b99, b50, 'bare write p50', 'report', true),
    // On a database, cheaper than writing the copies one by one: the engine batches them in one transaction. In
    // memory a bare write costs microseconds, so the service's fixed work (role, lock, audit) dominates: reported only.
    row(
      `ETABL to ${PUPILS} pupils p50`,
      e50,
      b50,
      'bare write p50',
      sql ? `< ${PUPILS}× (one write per copy)` : 'report',
      !sql || e50 < PUPILS * b50,
    ),
    row(`ETABL to ${PUPILS} pupils p99`, percentile(etabl, 99), b99, 'bare write p99', 'report', true),
    // A division costs the role check, the lock, reading its 35 people one by one and the pool, one insert and the
    // audit entry: some 45 statements, each near a bare write. Reported with its ratio, no target.
    row(`INDIV to a division of ${DIVISION} p50`, i50, b50, 'bare write p50', 'report', true),
    row(`INDIV to a division of ${DIVISION} p99`, percentile(indiv, 99), b99, 'bare write p99', 'report', true),
  ];
}

const rows: BenchRow[] = [];
const meta: Record<string, unknown> = {
  pupils: PUPILS,
  division: DIVISION,
  etablRuns: ETABL_RUNS,
  indivRuns: INDIV_RUNS,
  bareRuns: BARE_RUNS,
};

await forEachStore('alloc', meta, async (kind, store) => {
  rows.push(...(await measure(kind, store)));
});

writeReport('allocation', rows, meta);
