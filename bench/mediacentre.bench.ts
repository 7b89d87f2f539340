// <gar-mediacentre> in headless Chromium at 500 and 2,000 resources, today's element against the baseline (the same
// element at a pinned commit, before chunked rendering and the lean tiles: see lib/mediacentre-bundles.ts), each in a
// fresh page, interleaved, median of 7 runs (3 with --quick). Figures (lib/mediacentre-page.ts says how each is
// taken): all tiles in the DOM + next frame, the first screen of tiles + next frame, the longest main-thread task
// while loading and while filtering or typing, DOM nodes and nodes per tile, JS heap after GC, facet filter + frame,
// search keystroke + frame, and, with 100 favourites at 2,000 resources, where the first tile starts (the first screen is 900 px).
// Targets (issue 22): all tiles ≥ 5× faster than the baseline at 500 and 2,000; no task over 50 ms at 2,000; DOM nodes
// at most RECIA's <mediacentre-ui> (9,944 at 500, 38,444 at 2,000); the first tile on the first screen.
//   node --import tsx --conditions=opengar-source bench/mediacentre.bench.ts [--quick]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { mediacentreBundles, BASELINE_COMMIT } from './lib/mediacentre-bundles.js';
import { mediacentrePageCode } from './lib/mediacentre-page.js';
import { quick, writeReport, type BenchRow } from './lib/report.js';
import { longestTasks, TASK_CATEGORIES } from './lib/trace-tasks.js';

const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';
const root = join(import.meta.dirname, '..');
const sizes = [500, 2000];
const runs = quick ? 3 : 7;
const VIEWPORT = { width: 1100, height: 900 };
/** RECIA's <mediacentre-ui> DOM nodes, measured in the same harness (issue 22). */
const RECIA_NODES: Record<number, number> = { 500: 9944, 2000: 38444 };

if (!existsSync(CHROMIUM)) {
  console.error(`mediacentre bench: no Chromium at ${CHROMIUM}`);
  process.exit(1);
}

const bundles = await mediacentreBundles(root);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

interface Run {
  first: number;
  all: number;
  firstTop: number;
  nodes: number;
  facet: number[];
  keys: number[];
  longLoad: number;
  longInteract: number;
  heap: number;
  /** Traced runs only: the longest task's thread time (CPU) while loading, and while filtering and typing. */
  cpuLoad?: number;
  cpuInteract?: number;
}
type Kind = 'current' | 'baseline';

async function measure(kind: Kind, n: number, favourites = 0, trace = false): Promise<Run> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    await page.setContent('<!doctype html><html lang="fr"><body style="margin:0"></body></html>');
    await page.addScriptTag({ type: 'module', content: bundles[kind] });
    await page.addScriptTag({ content: mediacentrePageCode });
    await page.waitForFunction(() => customElements.get('gar-mediacentre') !== undefined);
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };
    const before = await heap();
    if (trace) await browser.startTracing(page, { categories: TASK_CATEGORIES });
    const r = (await page.evaluate(`window.benchRun(${n}, ${favourites})`)) as Omit<Run, 'heap'>;
    if (!trace) return { ...r, heap: (await heap()) - before };
    const cpu = longestTasks((await browser.stopTracing()).toString(), 'bench:start', 'bench:loaded');
    return { ...r, heap: Number.NaN, cpuLoad: cpu.before, cpuInteract: cpu.after };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const rows: BenchRow[] = [];
const row = (name: string, value: number, baseline: number, unit: string, target: string, ok: boolean): BenchRow => ({
  name,
  value,
  unit,
  baseline,
  baselineName: `baseline ${BASELINE_COMMIT}`,
  ratio: value / baseline,
  target,
  ok,
});

try {
  const acc = new Map<string, Run[]>();
  const push = (key: string, r: Run) => acc.set(key, [...(acc.get(key) ?? []), r]);
  for (let i = 0; i < runs; i++) {
    // Interleaved, the order alternating, so that a busy spell of the machine falls on both.
    const order: Kind[] = i % 2 ? ['baseline', 'current'] : ['current', 'baseline'];
    for (const n of sizes) for (const kind of order) push(`${kind}:${n}`, await measure(kind, n));
    for (const kind of order) push(`${kind}:fav`, await measure(kind, 2000, 100));
  }
  // Traced runs apart (tracing slows the page): the longest tasks in thread time, which the machine's load does not
  // stretch.
  for (let i = 0; i < (quick ? 1 : 3); i++)
    for (const n of sizes)
      for (const kind of (i % 2 ? ['baseline', 'current'] : ['current', 'baseline']) as Kind[])
        push(`trace:${kind}:${n}`, await measure(kind, n, 0, true));
  const med = (key: string, pick: (r: Run) => number | number[]) =>
    median((acc.get(key) ?? []).flatMap((r) => pick(r)));
  for (const n of sizes) {
    const c = (pick: (r: Run) => number | number[]) => med(`current:${n}`, pick);
    const b = (pick: (r: Run) => number | number[]) => med(`baseline:${n}`, pick);
    const all = c((r) => r.all);
    const allBase = b((r) => r.all);
    rows.push(
      row(
        `all tiles in the DOM + next frame (${n})`,
        all,
        allBase,
        'ms',
        '≥ 5× faster (ratio ≤ 0.20)',
        allBase / all >= 5,
      ),
      row(
        `first screen of tiles + next frame (${n})`,
        c((r) => r.first),
        b((r) => r.first),
        'ms',
        '—',
        true,
      ),
    );
    const long = c((r) => r.longLoad);
    rows.push(
      row(
        `longest task while loading (${n}; 0 = none ≥ 50 ms)`,
        long,
        b((r) => r.longLoad),
        'ms',
        n === 2000 ? 'none > 50 ms' : '—',
        n !== 2000 || long <= 50,
      ),
    );
    const longI = c((r) => r.longInteract);
    rows.push(
      row(
        `longest task while filtering and typing (${n}; 0 = none ≥ 50 ms)`,
        longI,
        b((r) => r.longInteract),
        'ms',
        n === 2000 ? 'none > 50 ms' : '—',
        n !== 2000 || longI <= 50,
      ),
    );
    const cpu = (kind: Kind, pick: (r: Run) => number | undefined) =>
      med(`trace:${kind}:${n}`, (r) => pick(r) ?? Number.NaN);
    for (const [phase, pick] of [
      ['loading', (r: Run) => r.cpuLoad],
      ['filtering and typing', (r: Run) => r.cpuInteract],
    ] as const) {
      const value = cpu('current', pick);
      rows.push(
        row(
          `longest task while ${phase}, thread time (${n})`,
          value,
          cpu('baseline', pick),
          'ms',
          n === 2000 ? 'none > 50 ms' : '—',
          n !== 2000 || value <= 50,
        ),
      );
    }
    const nodes = c((r) => r.nodes);
    rows.push(
      row(
        `DOM nodes (${n})`,
        nodes,
        b((r) => r.nodes),
        'nodes',
        `≤ RECIA's ${RECIA_NODES[n]}`,
        nodes <= (RECIA_NODES[n] ?? 0),
      ),
      row(`DOM nodes per tile (${n})`, nodes / n, b((r) => r.nodes) / n, 'nodes', '—', true),
      row(`JS heap after GC (${n})`, c((r) => r.heap) / 2 ** 20, b((r) => r.heap) / 2 ** 20, 'MiB', '—', true),
      row(
        `facet filter + frame (${n})`,
        c((r) => r.facet),
        b((r) => r.facet),
        'ms',
        '—',
        true,
      ),
      row(
        `search keystroke + frame (${n})`,
        c((r) => r.keys),
        b((r) => r.keys),
        'ms',
        '—',
        true,
      ),
    );
  }
  const top = med('current:fav', (r) => r.firstTop);
  rows.push(
    row(
      'first tile top with 100 favourites (2000)',
      top,
      med('baseline:fav', (r) => r.firstTop),
      'px',
      `< ${VIEWPORT.height} px (first screen)`,
      top < VIEWPORT.height,
    ),
    row(
      'all tiles in the DOM + next frame with 100 favourites (2000)',
      med('current:fav', (r) => r.all),
      med('baseline:fav', (r) => r.all),
      'ms',
      '—',
      true,
    ),
  );
} finally {
  await browser.close();
}
writeReport('mediacentre', rows, { sizes, runs, chromium: CHROMIUM, baseline: BASELINE_COMMIT });
