// National scale on PostgreSQL (only with `npm run bench -- --scale national`; not in the default run): 1,000,000
// people in 8,000 schools (`--people N` for another size, 125 people a school), imported through the normal feed
// import as eight ENTs of an eighth each (an académie-sized feed apiece: the import diffs a whole ENT at a time, so
// its memory follows the largest ENT, not the nation). Two databases in the same cluster: the national one (every
// eighth) and an académie-sized one (the first eighth alone), each with the same measured school (the tests' S1:
// 125 pupils in a division, 27 resources). Printed: the import time and rate, the database size per person
// (`pg_database_size` ÷ people), and the médiacentre listing, a hand-off, an allocation preview and an allocation
// (the division), p50 and p99, on both databases in alternating rounds, so that both see the same machine
// (goal: national ÷ académie ≤ 1.2).
// PostgreSQL runs on OPENGAR_BENCH_DATABASE_URL, or a private cluster when the server binaries are installed.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { AllocationTarget } from '@opengar/core';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { createGarService, silentLogger } from '../packages/server/src/index.js';
import type { FeedSource } from '../packages/server/src/feeds/read-feed.js';
import { openStore } from '../packages/server/src/node/stores.js';
import { HEAD_A, R_MATHS, S1, copy, resource, subscription } from '../packages/server/test/helpers/fixtures.js';
import { startTestPostgres } from '../packages/server/test/helpers/postgres.js';
import { buildWorld } from '../packages/server/test/helpers/world.js';
import { percentile, writeReport, type BenchRow } from './lib/report.js';

const args = process.argv.slice(2);
if (!args.includes('--national')) {
  console.log(
    'national scale: only with `npm run bench -- --scale national` (1,000,000 people; --people N for another size)',
  );
  process.exit(0);
}
const peopleAt = args.indexOf('--people');
const PEOPLE = peopleAt >= 0 ? Number(args[peopleAt + 1]) : 1_000_000;
const PER_SCHOOL = 125; // 120 pupils, a head, three teachers and a librarian (the generator's staff for 5 divisions)
const FEEDS = 8;
const SCHOOLS = Math.round(PEOPLE / PER_SCHOOL / FEEDS) * FEEDS;
if (!Number.isInteger(PEOPLE) || SCHOOLS < FEEDS || SCHOOLS > 8992)
  throw new Error('--people takes 1,000 to 1,124,000 (the generator names at most 8,999 schools)');
const SIZE = 125; // pupils of the measured school's division
const RUNS = 200;
const MB = 1024 * 1024;
// The PostgreSQL client the server uses (a dependency of the server package, not of the repository's root).
const pg = createRequire(new URL('../packages/server/package.json', import.meta.url))('pg') as typeof import('pg');

const server = await startTestPostgres({
  ...process.env,
  OPENGAR_TEST_DATABASE_URL: process.env.OPENGAR_BENCH_DATABASE_URL,
  OPENGAR_REQUIRE_POSTGRES: undefined,
});
if ('skip' in server) {
  console.log(server.skip);
  writeReport('national', [], { postgres: server.skip });
  process.exit(0);
}

const rows: BenchRow[] = [];
const meta: Record<string, unknown> = { people: PEOPLE, schools: SCHOOLS, feeds: FEEDS, runs: RUNS };
const opened: { close(): Promise<void> }[] = [];
type Op = 'listing' | 'handoff' | 'preview' | 'allocation';
const OPS: Op[] = ['listing', 'handoff', 'preview', 'allocation'];

/** A database with the measured school, its service, and how to time the four operations on it. */
async function database(name: string) {
  const { url } = await server.createDatabase();
  const store = await openStore(url);
  opened.push(store);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  opened.push({ close: () => admin.end() });
  // The measured school (the tests' S1 of ENT A): the allocation world, 125 pupils in division 6A, and 25 more
  // resources held by the pupil `eleve-a` (the statement budgets' world, docs/architecture.md).
  const w = await buildWorld({ data: 'allocation', pupils: SIZE, store, handoff: true });
  for (let i = 0; i < SIZE / 5; i++) {
    const id = `ark:/99999/r${i}`;
    await store.putResource(resource({ id }));
    await store.insertSubscription(subscription({ id: `ABO-R${i}`, resourceId: id }));
    await store.insertCopies([copy({ subscriptionId: `ABO-R${i}`, personId: 'eleve-a' })]);
  }
  const unlimited = (id: string) => subscription({ id, licences: { kind: 'global', count: 'ILLIMITE' } });
  await store.insertSubscription(unlimited('ILLIMITE-P'));
  const user = { kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' } as const;
  const targets: AllocationTarget[] = [{ kind: 'division', code: '6A' }];
  const samples: Record<Op, number[]> = { listing: [], handoff: [], preview: [], allocation: [] };
  let allocations = 0;
  const timed = async (op: Op | undefined, n: number, fn: () => Promise<unknown>) => {
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn();
      if (op) samples[op].push(performance.now() - t);
    }
  };
  /** One round: `runs` of each operation (a fifth as many allocations, each on a new subscription). */
  const round = async (runs: number, record: boolean) => {
    const ids = Array.from({ length: Math.max(1, runs / 5) }, () => `ALLOC-${++allocations}`);
    for (const id of ids) await store.insertSubscription(unlimited(id));
    await timed(record ? 'listing' : undefined, runs, async () => {
      const m = await w.service.mediacentre.resources(user, { uai: S1 });
      if (m.resources.length < SIZE / 5) throw new Error('the listing lost resources');
    });
    await timed(record ? 'handoff' : undefined, runs, async () => {
      const r = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_MATHS });
      if (!r.ok) throw new Error(`hand-off refused: ${r.reason}`);
    });
    await timed(record ? 'preview' : undefined, runs, () =>
      w.service.allocation.preview(HEAD_A, S1, { subscriptionId: 'ILLIMITE-P', targets }),
    );
    let next = 0;
    await timed(record ? 'allocation' : undefined, ids.length, async () => {
      const r = await w.service.allocation.allocate(HEAD_A, S1, { subscriptionId: ids[next++]!, targets });
      if (r.granted.length !== SIZE) throw new Error(`allocation granted ${r.granted.length}`);
    });
  };
  const service = createGarService({ store, issuer: 'https://gar.bench', logger: silentLogger });
  let people = 0;
  let importMs = 0;
  let peakRss = 0;
  const importFeed = async (f: number) => {
    const entId = `ENT-NAT-${f + 1}`;
    const model = generateFeedModel({
      entId,
      seed: `national-${f}`,
      schools: SCHOOLS / FEEDS,
      firstSchool: (f * SCHOOLS) / FEEDS,
      pupilsPerSchool: PER_SCHOOL - 5,
    });
    const count = model.pupils.length + model.staff.length;
    const dir = mkdtempSync(join(tmpdir(), 'opengar-national-bench-'));
    try {
      const paths: string[] = [];
      for (const file of feedFiles(model, { perFile: 2000 })) {
        const p = join(dir, file.name);
        writeFileSync(p, file.text);
        paths.push(p);
      }
      model.pupils.length = 0;
      model.staff.length = 0;
      const sources: FeedSource[] = paths.map((p) => ({
        name: p,
        open: () => createReadStream(p, { highWaterMark: 64 * 1024 }),
      }));
      await store.putEnt({ id: entId, name: `ENT ${f + 1}`, origins: [], clientCertFingerprints: [] });
      const timer = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 50);
      const t = performance.now();
      const r = await service.feeds.import({ kind: 'system' }, entId, sources).finally(() => clearInterval(timer));
      const ms = performance.now() - t;
      if (r.run.status !== 'applied') throw new Error(`${entId}: the import was refused`);
      importMs += ms;
      people += count;
      console.log(
        `${name}, ${entId}: ${count} people in ${(ms / 1000).toFixed(1)} s (${Math.round(count / (ms / 1000))}/s); ` +
          `${people} in all, peak RSS ${Math.round(peakRss / MB)} MiB`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    samples,
    round,
    importFeed,
    get people() {
      return people;
    },
    get importMs() {
      return importMs;
    },
    get peakRss() {
      return peakRss;
    },
    analyze: () => admin.query('ANALYZE'),
    bytesPerPerson: async () => {
      const r = await admin.query('SELECT pg_database_size(current_database()) AS size');
      return Number(r.rows[0].size) / people;
    },
  };
}

try {
  const academie = await database('académie');
  const national = await database('national');
  await academie.importFeed(0);
  for (let f = 0; f < FEEDS; f++) await national.importFeed(f);
  const label = `${national.people.toLocaleString('en')} people, ${SCHOOLS.toLocaleString('en')} schools`;
  const academieLabel = `académie size (${academie.people.toLocaleString('en')} people, ${SCHOOLS / FEEDS} schools)`;
  for (const db of [academie, national]) {
    await db.analyze();
    await db.round(30, false); // warm-up: plans, JIT, the signing keys
  }
  // Alternating rounds: both databases see the same machine (a shared one is busy and its load changes).
  for (let r = 0; r < 4; r++)
    for (const db of r % 2 ? [national, academie] : [academie, national]) await db.round(RUNS / 4, true);
  const [academieBytes, nationalBytes] = [await academie.bytesPerPerson(), await national.bytesPerPerson()];
  rows.push({
    name: `import of ${label} (${FEEDS} feeds of ${(national.people / FEEDS).toLocaleString('en')}, PostgreSQL)`,
    value: national.people / (national.importMs / 1000),
    unit: 'people/s',
    baseline: academie.people / (academie.importMs / 1000),
    baselineName: `the first feed alone into an empty database (${(national.importMs / 1000).toFixed(0)} s for all eight)`,
    ratio: national.people / national.importMs / (academie.people / academie.importMs),
    target: 'report (a national import is eight académie imports)',
    ok: true,
  });
  rows.push({
    name: `database size per person (${label})`,
    value: nationalBytes / 1024,
    unit: 'KiB',
    baseline: academieBytes / 1024,
    baselineName: academieLabel,
    ratio: nationalBytes / academieBytes,
    target: 'report',
    ok: true,
  });
  for (const op of OPS)
    for (const p of [50, 99]) {
      const value = percentile(
        national.samples[op].sort((a, b) => a - b),
        p,
      );
      const baseline = percentile(
        academie.samples[op].sort((a, b) => a - b),
        p,
      );
      rows.push({
        name: `${op} p${p} at ${label}`,
        value,
        unit: 'ms',
        baseline,
        baselineName: academieLabel,
        ratio: value / baseline,
        target: 'ratio ≤ 1.2',
        ok: value / baseline <= 1.2,
      });
    }
  meta.importSeconds = Math.round(national.importMs / 1000);
  meta.peakRssMiB = Math.round(national.peakRss / MB);
  meta.databaseMiB = Math.round((nationalBytes * national.people) / MB);
  meta.academiePeople = academie.people;
  writeReport('national', rows, meta);
} finally {
  for (const x of opened.reverse()) await x.close().catch(() => undefined);
  await server.stop();
}
