// The demo as the end-to-end tests start it: `scripts/demo.mjs` on a port base of the test's own, a fresh data
// folder, quiet; ready once it prints its "is running" line. One helper for every journey.
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** A running demo: what it printed so far, and how to stop it. */
export interface DemoProcess {
  /** Everything the demo printed (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/**
 * Starts the demo and resolves once it is running; rejects with its output when it stops or takes longer than
 * `ceilingMs` (the process is then stopped too).
 */
export function startDemo(o: {
  root: string;
  portBase: number;
  dataDir: string;
  ceilingMs: number;
}): Promise<DemoProcess> {
  rmSync(o.dataDir, { recursive: true, force: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [join(o.root, 'scripts', 'demo.mjs'), '--port-base', String(o.portBase), '--data-dir', o.dataDir, '--quiet'],
    { cwd: o.root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  let out = '';
  const demo: DemoProcess = {
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref())]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => void demo.stop().finally(() => reject(e));
    const timer = setTimeout(
      () => fail(new Error(`the demo did not start within ${o.ceilingMs / 1000} s:\n${out}`)),
      o.ceilingMs,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('opengar demo is running')) {
        clearTimeout(timer);
        resolve(demo);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo stopped during start-up (exit code ${code}):\n${out}`));
    });
  });
}
