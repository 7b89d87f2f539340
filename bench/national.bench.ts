// National scale on PostgreSQL (only with `npm run bench -- --scale national`; not in the default run): 1,000,000
// people in 8,000 schools (`--people N` for another size, 125 people a school), imported through the normal feed
// import as eight ENTs of an eighth each (an académie-sized feed apiece: the import diffs a whole ENT at a time, so
// its memory follows the largest ENT, not the nation). Two databases in the same cluster: the national one (every
// eighth) and an académie-sized one (the first eighth alone), each with the same measured school (the tests' S1:
// 125 pupils in a division, 27 resources; bench/lib/national-school.ts). Printed: the import time and rate, the
// database size per person (`pg_database_size` ÷ people), and the médiacentre listing, a hand-off, an allocation
// preview and an allocation (the division): p50, p95 and p99 of 2,000 calls each (`--rounds` × `--per-round`) on
// both databases, the calls alternating between the two so that both see the same machine, and the spread of the
// rounds' p50 and p95 (goal: national ÷ académie ≤ 1.2).
// PostgreSQL runs on OPENGAR_BENCH_DATABASE_URL, or a private cluster when the server binaries are installed. With
// `--keep-import` (and OPENGAR_BENCH_DATABASE_URL) the imported databases are kept under fixed names and a later run
// of the same size measures copies of them instead of importing again.
import { createRequire } from 'node:module';
import { openStore } from '../packages/server/src/node/stores.js';
import { createSqlStore } from '../packages/server/src/store/sql/create-sql-store.js';
import { createPostgresDriver } from '../packages/server/src/store/sql/postgres-driver.js';
import { type TestPostgres, startTestPostgres } from '../packages/server/test/helpers/postgres.js';
import { importFeeds, type ImportFigures } from './lib/national-import.js';
import { recordingDriver } from '../packages/server/test/helpers/recording-driver.js';
import { type AdminClient, comparePlans } from './lib/national-plans.js';
import { OPS, measuredSchool, type Op } from './lib/national-school.js';
import { percentile, writeReport, type BenchRow } from './lib/report.js';

const args = process.argv.slice(2);
if (!args.includes('--national')) {
  console.log(
    'national scale: only with `npm run bench -- --scale national` (1,000,000 people; --people N for another size)',
  );
  process.exit(0);
}
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const PEOPLE = option('--people', 1_000_000);
const ROUNDS = option('--rounds', 40); // rounds of each operation
const PER_ROUND = option('--per-round', 50); // calls of each operation per round and database, alternating
const KEEP = args.includes('--keep-import');
const EXPLAIN = args.includes('--explain'); // the plans of each operation's statements on both databases
const PER_SCHOOL = 125; // 120 pupils, a head, three teachers and a librarian (the generator's staff for 5 divisions)
const FEEDS = 8;
const SCHOOLS = Math.round(PEOPLE / PER_SCHOOL / FEEDS) * FEEDS;
if (!Number.isInteger(PEOPLE) || SCHOOLS < FEEDS || SCHOOLS > 8992)
  throw new Error('--people takes 1,000 to 1,124,000 (the generator names at most 8,999 schools)');
if (!(ROUNDS >= 2 && PER_ROUND >= 1)) throw new Error('--rounds takes 2 or more, --per-round 1 or more');
const MB = 1024 * 1024;
const given = process.env.OPENGAR_BENCH_DATABASE_URL;
if (KEEP && !given) throw new Error('--keep-import keeps databases on OPENGAR_BENCH_DATABASE_URL: set it');
// The PostgreSQL client the server uses (a dependency of the server package, not of the repository's root).
type Client = AdminClient & { connect(): Promise<void>; end(): Promise<void> };
const pg = createRequire(new URL('../packages/server/package.json', import.meta.url))('pg') as {
  Client: new (options: { connectionString?: string }) => Client;
};

const started = await startTestPostgres({
  ...process.env,
  OPENGAR_TEST_DATABASE_URL: given,
  OPENGAR_REQUIRE_POSTGRES: undefined,
});
if ('skip' in started) {
  console.log(started.skip);
  writeReport('national', [], { postgres: started.skip });
  process.exit(0);
}
const server: TestPostgres = started;

const rows: BenchRow[] = [];
const meta: Record<string, unknown> = {
  people: PEOPLE,
  schools: SCHOOLS,
  feeds: FEEDS,
  rounds: ROUNDS,
  perRound: PER_ROUND,
};
const opened: { close(): Promise<void> }[] = [];
const onServer = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: given });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

/** An imported database: a new one, or with `--keep-import` the one a run of the same size left (its figures kept). */
async function imported(
  kind: 'national' | 'academie',
  feeds: number,
): Promise<{ url: string; figures: ImportFigures; at: string }> {
  const shape = { feeds, schoolsPerFeed: SCHOOLS / FEEDS, perSchool: PER_SCHOOL };
  if (!KEEP) {
    const { url } = await server.createDatabase();
    const store = await openStore(url);
    try {
      return { url, figures: await importFeeds(store, kind, shape), at: new Date().toISOString() };
    } finally {
      await store.close();
    }
  }
  const name = `opengar_bench_${kind}_${PEOPLE}`;
  const url = Object.assign(new URL(given!), { pathname: `/${name}` }).toString();
  const kept = await onServer((c) =>
    c.query(`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`, [name]),
  );
  const note = kept.rows[0]?.note as string | undefined;
  if (note?.startsWith('{')) {
    console.log(`${kind}: the import kept in ${name} (${note})`);
    return { url, ...(JSON.parse(note) as { figures: ImportFigures; at: string }) };
  }
  await onServer(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const store = await openStore(url);
  let figures: ImportFigures;
  try {
    figures = await importFeeds(store, kind, shape);
  } finally {
    await store.close();
  }
  const at = new Date().toISOString();
  await onServer((c) => c.query(`COMMENT ON DATABASE ${name} IS '${JSON.stringify({ figures, at })}'`));
  return { url, figures, at };
}

/** The database the operations are timed on (a copy when the import is kept), with its measured school. */
async function measured(base: string) {
  const url = KEEP ? (await server.createDatabase(new URL(base).pathname.slice(1))).url : base;
  const driver = recordingDriver(createPostgresDriver({ url }));
  const store = createSqlStore(driver);
  opened.push(store);
  await store.migrate();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  opened.push({ close: () => admin.end() });
  const school = await measuredSchool(store, admin);
  return {
    school,
    driver,
    admin,
    samples: Object.fromEntries(OPS.map((op) => [op, [] as number[][]])) as Record<Op, number[][]>,
    // As a database some time after its import: statistics gathered, visibility maps set (index-only scans skip the
    // heap), nothing left for autovacuum to do while the operations are timed.
    analyze: () => admin.query('VACUUM (ANALYZE)'),
    size: async () => Number((await admin.query('SELECT pg_database_size(current_database()) AS s')).rows[0].s),
  };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));

try {
  const academieBase = await imported('academie', 1);
  const nationalBase = await imported('national', FEEDS);
  const academie = await measured(academieBase.url);
  const national = await measured(nationalBase.url);
  const [aPeople, nPeople] = [academieBase.figures.people, nationalBase.figures.people];
  const label = `${nPeople.toLocaleString('en')} people, ${SCHOOLS.toLocaleString('en')} schools`;
  const academieLabel = `académie size (${aPeople.toLocaleString('en')} people, ${SCHOOLS / FEEDS} schools)`;
  for (const db of [academie, national]) {
    await db.analyze();
    for (const op of OPS) await db.school.block(op, 30); // warm-up: plans, caches, the signing keys
  }
  // Calls alternate between the two databases one by one (and which goes first), in rounds of `PER_ROUND` pairs per
  // operation: both see the same machine, whose load changes from one moment to the next. A collection before each
  // round's operation: neither pays the other's garbage. After the allocations, their rows go (untimed).
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  for (let r = 0; r < ROUNDS; r++)
    for (const op of OPS) {
      gc();
      const block = { a: [] as number[], n: [] as number[] };
      for (let i = 0; i < PER_ROUND; i++)
        if ((r + i) % 2) {
          block.n.push(await national.school.once(op));
          block.a.push(await academie.school.once(op));
        } else {
          block.a.push(await academie.school.once(op));
          block.n.push(await national.school.once(op));
        }
      academie.samples[op].push(block.a);
      national.samples[op].push(block.n);
      if (op === 'allocation') for (const db of [academie, national]) await db.school.tidy();
    }
  if (EXPLAIN) {
    const plans: Record<string, unknown> = {};
    for (const op of OPS) {
      const sent = [];
      for (const db of [academie, national]) {
        const call = await db.school.prepare(op, 'ALLOC-EXPLAIN');
        db.driver.sent = [];
        db.driver.recording = true;
        await call().finally(() => {
          db.driver.recording = false;
        });
        sent.push(db.driver.sent);
        await db.school.tidy(false); // the recorded allocation's copies go: its statements run again below
      }
      plans[op] = await comparePlans(sent[1]!, academie.admin, national.admin);
      for (const db of [academie, national]) await db.school.tidy();
      console.log(`\n${op}: ${sent[1]!.length} statements (académie → national: ms, buffers)`);
      for (const p of plans[op] as Awaited<ReturnType<typeof comparePlans>>) {
        const at = (x: { ms: number; buffers: number; error?: string }) =>
          x.error ? `not run again (${x.error.slice(0, 60)})` : `${x.ms.toFixed(3)} ms ${x.buffers} buf`;
        console.log(
          `${p.worse ? '!' : p.changed ? '~' : ' '} ${at(p.academie)} → ${at(p.national)}: ${p.sql.slice(0, 110)}`,
        );
        if (p.changed)
          console.log(`    académie ${p.academie.shape.join(' > ')}\n    national ${p.national.shape.join(' > ')}`);
      }
    }
    meta.plans = plans;
  }
  const [aSize, nSize] = [await academie.size(), await national.size()];
  const importRate = (f: ImportFigures) => f.people / (f.importMs / 1000);
  rows.push({
    name: `import of ${label} (${FEEDS} feeds of ${(nPeople / FEEDS).toLocaleString('en')}, PostgreSQL)`,
    value: importRate(nationalBase.figures),
    unit: 'people/s',
    baseline: importRate(academieBase.figures),
    baselineName: `the first feed alone into an empty database (${(nationalBase.figures.importMs / 1000).toFixed(0)} s for all eight)`,
    ratio: importRate(nationalBase.figures) / importRate(academieBase.figures),
    target: 'report (a national import is eight académie imports)',
    ok: true,
  });
  rows.push({
    name: `database size per person (${label})`,
    value: nSize / nPeople / 1024,
    unit: 'KiB',
    baseline: aSize / aPeople / 1024,
    baselineName: academieLabel,
    ratio: nSize / nPeople / (aSize / aPeople),
    target: 'report',
    ok: true,
  });
  const spread: Record<string, unknown> = {};
  for (const op of OPS) {
    const all = { n: sorted(national.samples[op].flat()), a: sorted(academie.samples[op].flat()) };
    for (const p of [50, 95, 99]) {
      const value = percentile(all.n, p);
      const baseline = percentile(all.a, p);
      rows.push({
        name: `${op} p${p} at ${label} (${all.n.length} calls)`,
        value,
        unit: 'ms',
        baseline,
        baselineName: academieLabel,
        ratio: value / baseline,
        target: p === 95 ? 'report' : 'ratio ≤ 1.2',
        ok: p === 95 || value / baseline <= 1.2,
      });
    }
    // The spread across rounds: each round's p50 and p95 on each database, and their ratio round by round.
    const perRound = (db: typeof national, p: number) => db.samples[op].map((b) => percentile(sorted(b), p));
    const range = (xs: number[]) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
    const ratios = (p: number) => perRound(national, p).map((x, i) => x / perRound(academie, p)[i]!);
    spread[op] = {
      nationalRoundP50: range(perRound(national, 50)),
      academieRoundP50: range(perRound(academie, 50)),
      nationalRoundP95: range(perRound(national, 95)),
      academieRoundP95: range(perRound(academie, 95)),
      roundRatioP50: range(ratios(50)),
      roundRatioP95: range(ratios(95)),
      roundRatioP50Median: percentile(sorted(ratios(50)), 50),
      roundRatioP95Median: percentile(sorted(ratios(95)), 50),
      max: { national: all.n.at(-1), academie: all.a.at(-1) },
    };
    console.log(`${op}: rounds of ${PER_ROUND} calls`, spread[op]);
  }
  Object.assign(meta, {
    importedAt: { national: nationalBase.at, academie: academieBase.at },
    importSeconds: Math.round(nationalBase.figures.importMs / 1000),
    academieImportSeconds: Math.round(academieBase.figures.importMs / 1000),
    peakRssMiB: nationalBase.figures.peakRssMiB,
    databaseMiB: Math.round(nSize / MB),
    academieDatabaseMiB: Math.round(aSize / MB),
    academiePeople: aPeople,
    spread,
  });
  writeReport('national', rows, meta);
} finally {
  for (const x of opened.reverse()) await x.close().catch(() => undefined);
  await server.stop();
}
