import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** The bin script, as installed. */
export const BIN = fileURLToPath(new URL('../../bin/opengar.mjs', import.meta.url));

/** The child's environment: no ambient secrets or database, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['OPENGAR_KEK', 'OPENGAR_PSEUDONYM_SECRET', 'DATABASE_URL']) delete env[k];
  return { ...env, ...extra };
}

/** Spawns the CLI from source (tsx, `opengar-source` condition). */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = cleanEnv(), entry = MAIN): ChildProcess {
  const nodeArgs = entry === MAIN ? ['--import', 'tsx', '--conditions=opengar-source', MAIN] : [entry];
  return spawn(process.execPath, [...nodeArgs, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The outcome of a finished CLI run. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output until it exits. */
export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], env?: NodeJS.ProcessEnv, entry?: string): Promise<CliRun> {
  return collect(spawnCli(args, env, entry));
}

/** Resolves with the URL a spawned `opengar serve` prints once it listens; rejects if it exits first. */
export function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (c: Buffer) => {
      seen += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error('the server exited before listening')));
  });
}

/** What an in-process run of the program printed, and what it threw. */
export interface InProcessRun {
  out: string;
  err: string;
  error?: unknown;
}

/** Runs the program in this process (no exit), collecting its output. */
export async function runInProcess(
  args: readonly string[],
  options: { isTTY?: boolean; progressIntervalMs?: number } = {},
): Promise<InProcessRun> {
  const { createProgram } = await import('../../src/cli/create-program.js');
  let out = '';
  let err = '';
  const program = createProgram({
    out: (l) => (out += `${l}\n`),
    err: (t) => (err += t),
    exitOverride: true,
    isTTY: options.isTTY ?? true,
    ...options,
  });
  try {
    await program.parseAsync(['node', 'opengar', ...args]);
    return { out, err };
  } catch (error) {
    return { out, err, error };
  }
}
