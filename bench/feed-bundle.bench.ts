// Feed bundles (.tar.gz): opening a bundle (MD5, every entry checked and spilled, one pass over the archive) and
// streaming each of its files once, as an import does, for 25 and 100 files of the same size (--quick: smaller
// files). Baseline, in the same run: a bare gunzip of the same archive. The cost per file must not grow with the file
// count (it did: each file re-gunzipped the archive up to it, 1.2 s → 18.3 s from 25 to 100 files).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import { openFeedBundle } from '../packages/server/src/feeds/read-feed-bundle.js';
import { quick, writeReport, type BenchRow } from './lib/report.js';

// tar-stream is the server package's dependency, not the root's.
const { pack } = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'tar-stream',
) as typeof import('tar-stream');

const FILE_BYTES = quick ? 64 * 1024 : 512 * 1024;
const COUNTS = [25, 100] as const;
const RUNS = 3;

const line = '<men:GAREleve><men:GARPersonIdentifiant>e-000000</men:GARPersonIdentifiant></men:GAREleve>\n';
const fileText = (i: number) => `<root n="${i}">\n${line.repeat(Math.ceil(FILE_BYTES / line.length))}</root>\n`;

async function bundleOf(files: number): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((r) => p.on('end', () => r()));
  for (let i = 0; i < files; i++) p.entry({ name: `f${String(i).padStart(4, '0')}.xml` }, fileText(i));
  p.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

async function median(fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1]!;
}

/** Opens the bundle and streams every file once, as an import's parser does. */
async function openAndRead(bytes: Buffer): Promise<void> {
  const md5 = createHash('md5').update(bytes).digest('hex');
  const opened = await openFeedBundle({ bytes }, md5);
  if (!opened.sources) throw new Error(`refused: ${opened.problems.list[0]?.message}`);
  try {
    for (const s of opened.sources) for await (const _ of s.open());
  } finally {
    await opened.dispose();
  }
}

const rows: BenchRow[] = [];
const perFile: Record<number, number> = {};
const meta: Record<string, unknown> = { fileBytes: FILE_BYTES };
await openAndRead(await bundleOf(5)); // warm-up
for (const files of COUNTS) {
  const bytes = await bundleOf(files);
  const gunzip = await median(() => pipeline(Readable.from([bytes]), createGunzip(), sink()));
  const ms = await median(() => openAndRead(bytes));
  perFile[files] = ms / files;
  console.log(
    `${files} files (${(bytes.length / 1024).toFixed(0)} KiB gzipped): open + read ${ms.toFixed(0)} ms, bare gunzip ${gunzip.toFixed(0)} ms`,
  );
  rows.push({
    name: `open + read, ${files} files`,
    value: ms,
    unit: 'ms',
    baseline: gunzip,
    baselineName: 'bare gunzip',
    ratio: ms / gunzip,
    target: 'a constant multiple of one gunzip',
    ok: true,
  });
  meta[`files${files}`] = { ms: Math.round(ms), gunzipMs: Math.round(gunzip), gzippedBytes: bytes.length };
}
const growth = perFile[100]! / perFile[25]!;
rows.push({
  name: 'cost per file, 100 vs 25 files',
  value: perFile[100]!,
  unit: 'ms/file',
  baseline: perFile[25]!,
  baselineName: '25 files',
  ratio: growth,
  target: 'ratio ≤ 1.5 (linear; re-walking the archive per file made it ≈ 4)',
  ok: growth <= 1.5,
});
writeReport('feed-bundle', rows, meta);
