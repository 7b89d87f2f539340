// Directory feeds: import of a generated feed of 300,000 people (--quick: 30,000) into each store, in people per
// second and peak memory, printed beside the raw SAX parse of the same files in the same run (the baseline: what the
// import costs on top of reading the XML). Each import runs in a child process of its own (bench/lib/
// feed-import-child.mjs, the service as built by `npx tsc -b`, as `opengar` runs), so that its peak RSS is its own:
// beside it, the peak RSS of the same child that loads the service and imports nothing.
// PostgreSQL runs on OPENGAR_BENCH_DATABASE_URL, or a private cluster when the server binaries are installed.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedProblems } from '../packages/server/src/feeds/feed-problems.js';
import { parseFeedFile } from '../packages/server/src/feeds/parse-feed-file.js';
import type { FeedSource } from '../packages/server/src/feeds/read-feed.js';

// Child mode: parse the XML files of a directory with the heap capped, and say how much memory it took at most.
if (process.argv[2] === '--parse-child') {
  const folder = process.argv[3]!;
  const problems = new FeedProblems();
  let records = 0;
  const t = performance.now();
  for (const name of readdirSync(folder)
    .filter((n) => n.endsWith('.xml'))
    .sort())
    await parseFeedFile(
      name,
      createReadStream(join(folder, name), { highWaterMark: 64 * 1024 }),
      problems,
      () => void records++,
    );
  process.stdout.write(
    JSON.stringify({
      records,
      ms: performance.now() - t,
      ok: problems.ok,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}

// The rest of the service is loaded only in the main process (the capped child imports just the parser).
const { readFeed } = await import('../packages/server/src/feeds/index.js');
const { feedFiles, generateFeedModel } = await import('@opengar/test-support');
const { findPgBin, startCluster } = await import('../scripts/pg-cluster.mjs');
const { quick, writeReport } = await import('./lib/report.js');
type BenchRow = import('./lib/report.js').BenchRow;

const PEOPLE = quick ? 30_000 : 300_000;
const PER_SCHOOL = 1000;
const ENT = 'ENTBENCH';
const MB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'opengar-feeds-bench-'));
const model = generateFeedModel({
  entId: ENT,
  schools: Math.ceil(PEOPLE / (PER_SCHOOL + 40)),
  pupilsPerSchool: PER_SCHOOL,
});
const people = model.pupils.length + model.staff.length;
const paths: string[] = [];
let bytes = 0;
for (const f of feedFiles(model, { perFile: 2000 })) {
  const p = join(dir, f.name);
  writeFileSync(p, f.text);
  bytes += statSync(p).size;
  paths.push(p);
}
model.pupils.length = 0;
model.staff.length = 0;
const sources = (): FeedSource[] =>
  paths.map((p) => ({ name: p, open: () => createReadStream(p, { highWaterMark: 64 * 1024 }) }));

/** Runs `fn` and returns its duration and the peak heap and RSS sampled meanwhile, in MiB. */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; heap: number; rss: number; value: T }> {
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  const timer = setInterval(sample, 20);
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  clearInterval(timer);
  sample();
  return { ms, heap: heap / MB, rss: rss / MB, value };
}

const rows: BenchRow[] = [];
const meta: Record<string, unknown> = { people, files: paths.length, megabytes: Math.round(bytes / MB) };
console.log(`${people} people in ${paths.length} files, ${(bytes / MB).toFixed(0)} MiB of XML`);

// Warm-up (JIT), so that the baseline is not charged with it.
for (const s of sources().slice(0, 8)) await parseFeedFile(s.name, s.open(), new FeedProblems(), () => undefined);

// Baseline: the raw streaming parse of the same files (schema structure checks included, nothing kept). Its peak heap
// here includes whatever garbage V8 has not collected yet; the capped child below is the memory proof.
const rawParse = () =>
  measured(async () => {
    const problems = new FeedProblems();
    let records = 0;
    for (const s of sources()) await parseFeedFile(s.name, s.open(), problems, () => void records++);
    if (!problems.ok) throw new Error(`the generated feed has problems: ${problems.list[0]?.code}`);
    return records;
  });
const raw = await rawParse();
const rawRate = people / (raw.ms / 1000);
meta.rawParse = {
  ms: Math.round(raw.ms),
  records: raw.value,
  peakHeapMiB: Math.round(raw.heap),
  peakRssMiB: Math.round(raw.rss),
};
console.log(
  `raw parse: ${raw.value} records, ${(raw.ms / 1000).toFixed(1)} s, peak heap ${raw.heap.toFixed(0)} MiB, peak RSS ${raw.rss.toFixed(0)} MiB`,
);

// Bounded memory: the same parse in a child whose heap is capped at 32 MiB must succeed whatever the feed's size.
const HEAP_CAP = 32;
const child = spawnSync(
  process.execPath,
  [
    `--max-old-space-size=${HEAP_CAP}`,
    '--import',
    'tsx',
    '--conditions=opengar-source',
    fileURLToPath(import.meta.url),
    '--parse-child',
    dir,
  ],
  { encoding: 'utf8', maxBuffer: 1024 * 1024 },
);
const capped =
  child.status === 0
    ? (JSON.parse(child.stdout) as { records: number; ms: number; ok: boolean; maxRssMiB: number })
    : undefined;
console.log(
  capped
    ? `raw parse with the heap capped at ${HEAP_CAP} MiB: ${capped.records} records, max RSS ${capped.maxRssMiB.toFixed(0)} MiB`
    : `capped parse failed: ${child.stderr.slice(-500)}`,
);
meta.cappedParse = { heapCapMiB: HEAP_CAP, ...capped };
rows.push({
  name: `raw parse, heap capped at ${HEAP_CAP} MiB: max RSS`,
  value: capped?.maxRssMiB ?? Number.NaN,
  unit: 'MiB',
  baseline: bytes / MB,
  baselineName: 'XML size',
  ratio: (capped?.maxRssMiB ?? Number.NaN) / (bytes / MB),
  target: 'succeeds; RSS independent of the feed size',
  ok: capped?.ok === true && capped.records === raw.value,
});

const checked = await measured(() => readFeed(ENT, sources()));
rows.push({
  name: 'read + check + snapshot',
  value: people / (checked.ms / 1000),
  unit: 'people/s',
  baseline: rawRate,
  baselineName: 'raw parse',
  ratio: rawRate / (people / (checked.ms / 1000)),
  target: '< 3× the raw parse',
  ok: checked.ms < raw.ms * 3,
});
meta.readCheck = { ms: Math.round(checked.ms), peakHeapMiB: Math.round(checked.heap) };

/**
 * Imports the feed into a fresh store in a child process of its own; `idle` loads the service and imports nothing.
 * Its baseline is the raw parse measured again just before (this machine's load moves from one minute to the next).
 */
async function importInto(name: string, where = '', nodeFlags: string[] = []): Promise<void> {
  const before = name === 'idle' ? undefined : await rawParse();
  const baseRate = before ? people / (before.ms / 1000) : rawRate;
  // `name` may say the node flags after the store: the child is told the store alone.
  const store = name.split(' ')[0]!;
  const out = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(childScript), store, dir, where], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`${name}: ${out.stderr.slice(-800)}`);
  const r = JSON.parse(out.stdout) as { status: string; ms: number; peakHeapMiB: number; maxRssMiB: number };
  meta[name] = {
    ms: Math.round(r.ms),
    peakHeapMiB: Math.round(r.peakHeapMiB),
    maxRssMiB: Math.round(r.maxRssMiB),
    ...(name === 'idle'
      ? {}
      : { peoplePerSecond: Math.round(people / (r.ms / 1000)), rawParsePeoplePerSecond: Math.round(baseRate) }),
  };
  if (name === 'idle') {
    idleRss = r.maxRssMiB;
    console.log(
      `the service loaded, no import: peak heap ${r.peakHeapMiB.toFixed(0)} MiB, max RSS ${r.maxRssMiB.toFixed(0)} MiB`,
    );
    return;
  }
  if (r.status !== 'applied') throw new Error(`${name}: ${r.status}`);
  const rate = people / (r.ms / 1000);
  console.log(
    `${name}: ${(r.ms / 1000).toFixed(1)} s, ${rate.toFixed(0)} people/s (raw parse just before: ${baseRate.toFixed(0)}), ` +
      `peak heap ${r.peakHeapMiB.toFixed(0)} MiB, max RSS ${r.maxRssMiB.toFixed(0)} MiB`,
  );
  rows.push({
    name: `import into ${name}: people/s`,
    value: rate,
    unit: 'people/s',
    baseline: baseRate,
    baselineName: 'raw parse just before',
    ratio: rate / baseRate,
    target: store === 'postgres' ? '≥ 0.3× the raw parse' : 'import of an académie within an hour',
    ok: store === 'postgres' ? rate >= 0.3 * baseRate : people / rate < 3600,
  });
  rows.push({
    name: `import into ${name}: max RSS`,
    value: r.maxRssMiB,
    unit: 'MiB',
    baseline: idleRss,
    baselineName: 'the service loaded, no import',
    ratio: r.maxRssMiB / idleRss,
    target: quick ? '< 300 MiB at 300,000 people (not this size)' : '< 300 MiB at 300,000 people',
    ok: quick || r.maxRssMiB < 300,
  });
}

const childScript = new URL('./lib/feed-import-child.mjs', import.meta.url);
// The children run the built service: say so when it is older than the sources.
const built = (f: string) => statSync(new URL(`../packages/server/dist/feeds/${f}.js`, import.meta.url)).mtimeMs;
const source = (f: string) => statSync(new URL(`../packages/server/src/feeds/${f}.ts`, import.meta.url)).mtimeMs;
if (['apply-feed', 'feed-collector', 'parse-feed-file'].some((f) => built(f) < source(f)))
  console.log('warning: packages/server/dist is older than its sources: run `npx tsc -b` first');
let idleRss = Number.NaN;
try {
  await importInto('idle');
  await importInto('memory');
  await importInto('pglite', join(dir, 'pglite'));
  const pgUrl = process.env.OPENGAR_BENCH_DATABASE_URL;
  // V8's heap policy for memory-bound hosts (see the operator guide): the same import with `node --optimize-for-size`.
  const tight = ['--optimize-for-size'];
  if (pgUrl) await importInto('postgres', pgUrl);
  else if (findPgBin(process.env)) {
    const cluster = await startCluster();
    try {
      await importInto('postgres', cluster.url('postgres'));
      cluster.createDatabase('tight');
      await importInto('postgres --optimize-for-size', cluster.url('tight'), tight);
    } finally {
      cluster.stop();
    }
  } else console.log('postgres: skipped (no server binaries, no OPENGAR_BENCH_DATABASE_URL)');
  writeReport('feeds', rows, meta);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
