// Statistics at scale, per store: a year of hand-off events for a 2,000-person school (about 1 million; --quick:
// 100,000) and for the other 19 schools of its académie (20,000 each; --quick: 5,000), folded incrementally into the
// counters. Then the manager's dashboard query (the protected school-year table by resource, by division, and a
// month) and the operator's académie aggregates, p50 and p99, each as a ratio to a bare count query of the same store
// (the school's people, counted through an index) measured in the same run: the dashboard reads counters, never the
// events, so its cost does not grow with them. PostgreSQL runs on OPENGAR_BENCH_DATABASE_URL, or a private cluster
// when the server binaries are installed.
import { createGarService, silentLogger, type HandoffEvent, type Store } from '../packages/server/src/index.js';
import { forEachStore } from './lib/stores.js';
import { percentile, quick, writeReport, type BenchRow } from './lib/report.js';

const UAI = '0561641E';
const OTHERS = 19;
const PEOPLE = 2000;
const EVENTS = quick ? 100_000 : 1_000_000;
const OTHER_EVENTS = quick ? 5_000 : 20_000;
const RESOURCES = 12;
const DIVISIONS = 70;
const RUNS = quick ? 10 : 40;
const HEAD = { kind: 'ent-user', entId: 'ENTBENCH', personId: 'head' } as const;
const OPERATOR = { kind: 'operator', operatorId: 'bench' } as const;
const MONTHS = [
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
];

/** A deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function* events(uai: string, n: number, seed: number): Generator<HandoffEvent> {
  const r = rng(seed);
  for (let i = 0; i < n; i++) {
    const person = Math.floor(r() * PEOPLE);
    const month = MONTHS[Math.floor(r() * 12)]!;
    const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    const refused = r() < 0.02;
    yield {
      id: `${uai}-${i}`,
      at: `${month}-${day}T${String(7 + Math.floor(r() * 10)).padStart(2, '0')}:00:00.000Z`,
      uai,
      resourceId: `ark:/86527/r${Math.floor(r() * RESOURCES)}`,
      statsPseudonym: `${uai}-p${person}`,
      profile: person < 1850 ? 'National_elv' : 'National_ens',
      divisionCodes: person < 1850 ? [`D${person % DIVISIONS}`] : [],
      outcome: refused ? 'refused' : 'success',
      ...(refused ? { reason: 'no_copy' } : {}),
      protocol: 'jwt',
    };
  }
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

async function seed(store: Store): Promise<{ loadMs: number; aggregateMs: number; events: number }> {
  await store.putEnt({ id: 'ENTBENCH', name: 'ENT bench', origins: [], clientCertFingerprints: [] });
  const schools = [UAI, ...Array.from({ length: OTHERS }, (_, i) => `05600${String(i).padStart(2, '0')}X`)];
  for (const uai of schools)
    await store.putSchool({
      uai,
      entId: 'ENTBENCH',
      name: `École ${uai}`,
      degree: '2D',
      academie: '14',
      academieLabel: 'RENNES',
    });
  await store.putPerson({
    entId: 'ENTBENCH',
    id: 'head',
    lastName: 'Chef',
    firstName: 'A',
    profiles: [{ uai: UAI, profile: 'National_dir' }],
    mefs: [],
  });
  await store.transaction(async (tx) => {
    for (let i = 0; i < PEOPLE; i++)
      await tx.putPerson({
        entId: 'ENTBENCH',
        id: `p${i}`,
        lastName: `Nom${i}`,
        firstName: 'P',
        profiles: [{ uai: UAI, profile: i < 1850 ? 'National_elv' : 'National_ens' }],
        mefs: [],
      });
  });
  let total = 0;
  const t0 = performance.now();
  const load = async (it: Generator<HandoffEvent>) => {
    let batch: HandoffEvent[] = [];
    const flush = async () => {
      const b = batch;
      batch = [];
      await store.transaction(async (tx) => {
        for (const e of b) await tx.appendHandoffEvent(e);
      });
    };
    for (const e of it) {
      batch.push(e);
      total++;
      if (batch.length === 5000) await flush();
    }
    await flush();
  };
  await load(events(UAI, EVENTS, 1));
  for (const [i, uai] of schools.slice(1).entries()) await load(events(uai, OTHER_EVENTS, i + 2));
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  while ((await store.aggregateHandoffEvents(store.kind === 'memory' ? 200_000 : 10_000)) > 0);
  return { loadMs, aggregateMs: performance.now() - t1, events: total };
}

async function measure(name: string, store: Store, meta: Record<string, unknown>): Promise<BenchRow[]> {
  const s = await seed(store);
  meta[`${name}.events`] = s.events;
  meta[`${name}.loadSeconds`] = Math.round(s.loadMs / 1000);
  meta[`${name}.aggregatedEventsPerSecond`] = Math.round(s.events / (s.aggregateMs / 1000));
  const service = createGarService({
    store,
    issuer: 'https://gar.bench',
    logger: silentLogger,
    clock: { now: () => new Date('2026-08-10T08:00:00Z') },
  });
  for (let i = 0; i < 3; i++) await service.stats.school(HEAD, UAI, { period: '2025-2026' });
  const bare = await timed(RUNS, () => store.countPeople({ uai: UAI }));
  const year = await timed(RUNS, () => service.stats.school(HEAD, UAI, { period: '2025-2026', by: 'resource' }));
  const division = await timed(RUNS, () => service.stats.school(HEAD, UAI, { period: '2025-2026', by: 'division' }));
  const month = await timed(RUNS, () => service.stats.school(HEAD, UAI, { period: '2026-03', by: 'resource' }));
  const academie = await timed(RUNS, () => service.stats.national(OPERATOR, { year: '2025-2026', by: 'academie' }));
  const b50 = percentile(bare, 50);
  const row = (figure: string, sorted: number[], p: number): BenchRow => {
    const value = percentile(sorted, p);
    return {
      name: `${name}: ${figure} p${p}`,
      value,
      unit: 'ms',
      baseline: b50,
      baselineName: 'bare count p50',
      ratio: value / b50,
      target: 'report',
      ok: true,
    };
  };
  return [
    row('bare count (people of the school)', bare, 50),
    row('dashboard: year by resource', year, 50),
    row('dashboard: year by resource', year, 99),
    row('dashboard: year by division (70)', division, 50),
    row('dashboard: a month by resource', month, 50),
    row('académie aggregates (operator)', academie, 50),
    row('académie aggregates (operator)', academie, 99),
  ];
}

const rows: BenchRow[] = [];
const meta: Record<string, unknown> = {
  people: PEOPLE,
  schoolEvents: EVENTS,
  otherSchools: OTHERS,
  otherSchoolEvents: OTHER_EVENTS,
  resources: RESOURCES,
  divisions: DIVISIONS,
  runs: RUNS,
};

await forEachStore('stats', meta, async (kind, store) => {
  rows.push(...(await measure(kind, store, meta)));
});

writeReport('stats', rows, meta);
