// Small helpers shared by the benchmarks: timing, percentiles, and writing a JSON result next to a printed table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Whether the benchmark was asked to run small (`--quick`, used by CI smoke runs). */
export const quick = process.argv.includes('--quick');

/** Percentile of a sorted list of numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Times `fn` `n` times and returns per-call durations in milliseconds, sorted. */
export function sample(n: number, fn: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

/** One line of a benchmark report: a figure, its same-run baseline, their ratio, and the target. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baselineName: string;
  ratio: number;
  target: string;
  ok: boolean;
}

/** Prints rows as a table and writes `bench/results/<name>.json`. */
export function writeReport(name: string, rows: BenchRow[], meta: Record<string, unknown> = {}): void {
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
  console.log(`\n${name}`);
  console.log('| figure | value | baseline | ratio | target | ok |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baselineName}: ${fmt(r.baseline)} ${r.unit} | ${r.ratio.toFixed(2)} | ${r.target} | ${r.ok ? 'yes' : 'NO'} |`,
    );
  }
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, `${name}.json`),
    JSON.stringify({ name, at: new Date().toISOString(), quick, meta, rows }, null, 2),
  );
}
