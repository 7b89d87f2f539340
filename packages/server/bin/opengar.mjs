#!/usr/bin/env node
// The `opengar` command: runs the built CLI (dist/cli/main.js); in a checkout without a build, runs the TypeScript
// source through tsx with the workspace's `opengar-source` condition, in a child process that gets our signals.
// The child has its own process group, so a terminal's Ctrl+C reaches it once (through us), not twice.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(dist)) {
  const { main } = await import(dist.href);
  await main(process.argv);
} else {
  const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), '--conditions=opengar-source', source, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      cwd: process.cwd(),
      detached: process.platform !== 'win32',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
