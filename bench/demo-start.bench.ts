// Demo start: how long `scripts/demo.mjs` takes until it prints that it is running — on fresh data with no template
// (the first start after a change of the server), on fresh data copied from the template (`--reset`, a new folder),
// and with the data kept — and how long the portal's first médiacentre page and its elements' script take right after.
// Baseline in the same run: the bare service (`opengar serve --store memory`, no seed) until /readyz answers.
// Targets (issue 22): fresh ≤ 20 s, kept ≤ 10 s, first médiacentre ≤ 1 s; on a loaded machine read the ratios.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { demoTemplateDir } from '../scripts/demo-template.mjs';
import { root } from '../scripts/lib.mjs';
import { type BenchRow, writeReport } from './lib/report.js';

const BASE = 25_060;
const BARE_PORT = 25_070;
const dataDir = join(root, '.tmp', 'bench-demo-data');
const ports = { service: BASE, portal: BASE + 1, provider: BASE + 2, mail: BASE + 3, smtp: BASE + 4 };

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Seconds until the demo says it is running; the demo is stopped afterwards unless `then` is given. */
async function demo(extra: string[], then?: () => Promise<void>): Promise<number> {
  const t = performance.now();
  const child = spawn(
    process.execPath,
    [join(root, 'scripts', 'demo.mjs'), '--port-base', String(BASE), '--data-dir', dataDir, '--quiet', ...extra],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const on = (d: Buffer) => {
        out += d.toString();
        if (out.includes('opengar demo is running')) resolve();
      };
      child.stdout?.on('data', on);
      child.stderr?.on('data', on);
      child.once('exit', (code) => reject(new Error(`the demo stopped (exit ${code}):\n${out}`)));
    });
    const seconds = (performance.now() - t) / 1000;
    await then?.();
    return seconds;
  } finally {
    await stopped(child);
  }
}

async function bareService(): Promise<number> {
  const t = performance.now();
  const child = spawn(
    process.execPath,
    [join(root, 'packages', 'server', 'bin', 'opengar.mjs'), 'serve', '--store', 'memory', '--port', String(BARE_PORT)],
    {
      cwd: root,
      stdio: 'ignore',
      env: {
        ...process.env,
        OPENGAR_KEK: randomBytes(32).toString('base64url'),
        OPENGAR_PSEUDONYM_SECRET: randomBytes(48).toString('base64url'),
      },
    },
  );
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bare service stopped (exit ${child.exitCode})`);
      try {
        if ((await fetch(`http://127.0.0.1:${BARE_PORT}/readyz`)).ok) return (performance.now() - t) / 1000;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await stopped(child);
  }
}

let firstPage = Number.NaN;
const firstMediacentre = async () => {
  const t = performance.now();
  const page = await fetch(`http://127.0.0.1:${ports.portal}/`);
  await page.text();
  const script = await fetch(`http://127.0.0.1:${ports.portal}/assets/opengar-elements.min.js`);
  if (!script.ok || (await script.text()).length < 10_000) throw new Error('the elements script is missing');
  firstPage = (performance.now() - t) / 1000;
};

const bare = await bareService();
rmSync(demoTemplateDir(ports), { recursive: true, force: true });
const first = await demo(['--reset']);
const fresh = await demo(['--reset'], firstMediacentre);
const kept = await demo([]);
const bareAgain = await bareService();
rmSync(dataDir, { recursive: true, force: true });
const baseline = Math.min(bare, bareAgain);
const row = (name: string, value: number, target: number): BenchRow => ({
  name,
  value,
  unit: 's',
  baseline,
  baselineName: 'bare service (memory store, no seed) until /readyz',
  ratio: value / baseline,
  target: `≤ ${target} s`,
  ok: value <= target,
});
writeReport('demo-start', [
  row('demo running, fresh data, first start for this server version (template made)', first, 60),
  row('demo running, fresh data (--reset: copied from the template)', fresh, 20),
  row('demo running, data kept', kept, 10),
  row('first médiacentre page and its elements’ script, right after start', firstPage, 1),
]);
