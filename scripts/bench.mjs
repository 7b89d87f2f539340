// Runs every benchmark under bench/ (files *.bench.ts) one after another and writes one report
// (bench/results/report.md and report.json) with each figure next to its same-run baseline and its target.
// Options: --scale quick|full (default quick: the data sets that finish within 15 minutes on a 2-core machine; full:
// the académie-size sets each benchmark names, 300,000 people and more), --quick (same as --scale quick),
// --only NAME (substring of a file name); --scale national runs only national.bench.ts (1,000,000 people in 8,000
// schools on PostgreSQL; --people N for another size; bench/README.md for its other options), which the other scales
// leave out.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, runAsync } from './lib.mjs';

const args = process.argv.slice(2);
const scaleAt = args.indexOf('--scale');
const scale = scaleAt >= 0 ? args[scaleAt + 1] : 'quick';
if (scale !== 'quick' && scale !== 'full' && scale !== 'national') {
  console.error('--scale takes quick, full or national');
  process.exit(2);
}
const quick = scale === 'quick' || args.includes('--quick');
// The national bench's own options, passed on: --people N, --rounds N, --per-round N, --keep-import, --explain.
const nationalOptions = args.flatMap((a, i) =>
  ['--people', '--rounds', '--per-round'].includes(a)
    ? [a, args[i + 1]]
    : ['--keep-import', '--explain'].includes(a)
      ? [a]
      : [],
);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const benchDir = join(root, 'bench');
const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .filter((f) => (scale === 'national') === (f === 'national.bench.ts'))
  .sort();
const failed = [];
const started = Date.now();
for (const file of files) {
  console.log(`\n=== ${file}`);
  const code = await runAsync(process.execPath, [
    '--import',
    'tsx',
    '--conditions=opengar-source',
    '--expose-gc',
    join('bench', file),
    ...(quick ? ['--quick'] : []),
    ...(scale === 'national' ? ['--national', ...nationalOptions] : []),
  ]);
  if (code !== 0) failed.push(file);
}
const results = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json') && f !== 'report.json')
  .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')));
const lines = [
  '# opengar benchmark report',
  '',
  `Run at ${new Date().toISOString()}, scale ${scale === 'national' ? 'national' : quick ? 'quick' : 'full'}.`,
  '',
];
for (const r of results) {
  lines.push(`## ${r.name}`, '', '| figure | value | baseline | ratio | target | ok |', '|---|---|---|---|---|---|');
  for (const row of r.rows) {
    lines.push(
      `| ${row.name} | ${row.value.toPrecision(4)} ${row.unit} | ${row.baselineName}: ${row.baseline.toPrecision(4)} ${row.unit} | ${row.ratio.toFixed(2)} | ${row.target} | ${row.ok ? 'yes' : 'NO'} |`,
    );
  }
  lines.push('');
}
lines.push(`All benchmarks took ${Math.round((Date.now() - started) / 1000)} s.`, '');
const missed = results.flatMap((r) => r.rows.filter((row) => !row.ok).map((row) => `${r.name}: ${row.name}`));
if (missed.length)
  lines.push(
    `Figures that missed their target in this run (timing depends on the machine's load): ${missed.join('; ')}`,
    '',
  );
if (failed.length) lines.push(`Benchmarks that failed to run: ${failed.join(', ')}`, '');
writeFileSync(join(resultsDir, 'report.md'), lines.join('\n'));
writeFileSync(
  join(resultsDir, 'report.json'),
  JSON.stringify({ at: new Date().toISOString(), quick, results, failed }, null, 2),
);
console.log(`\nreport: ${join('bench', 'results', 'report.md')}`);
if (failed.length || !existsSync(join(resultsDir, 'report.md'))) process.exit(1);
