// Runs the browser tests with web-test-runner in Chromium and writes { passed, failed } to .tmp/browser-tests.json
// for scripts/test.mjs. Without Chromium it says so and counts nothing, unless OPENGAR_REQUIRE_CHROMIUM=1.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const chromium = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';
const summaryFile = join(root, '.tmp', 'browser-tests.json');
mkdirSync(join(root, '.tmp'), { recursive: true });
const write = (passed, failed) => writeFileSync(summaryFile, JSON.stringify({ passed, failed }) + '\n');

if (!existsSync(chromium)) {
  const required = process.env.OPENGAR_REQUIRE_CHROMIUM === '1';
  console.error(
    `opengar: Chromium not found at ${chromium}; browser tests ${required ? 'are required (OPENGAR_REQUIRE_CHROMIUM=1)' : 'skipped'}.\n` +
      '  Install it with `apt-get install chromium`, or point OPENGAR_CHROMIUM at a Chromium binary.',
  );
  write(0, required ? 1 : 0);
  process.exit(required ? 1 : 0);
}

const wtr = join(root, 'node_modules', '@web', 'test-runner', 'dist', 'bin.js');
const args = [wtr, '--config', join(root, 'web-test-runner.config.mjs'), ...process.argv.slice(2)];
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NODE_ENV: 'test' },
});

let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk.toString();
});
child.on('exit', (code) => {
  // wtr's summary line: "✓ N passed, M failed" (ANSI colours removed); failures alone also count when it crashed.
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const passed = Number(
    /(\d+) passed/.exec(
      plain
        .split('\n')
        .filter((l) => /\d+ passed/.test(l))
        .pop() ?? '',
    )?.[1] ?? 0,
  );
  const failedMatch = /(\d+) failed/.exec(
    plain
      .split('\n')
      .filter((l) => /\d+ failed/.test(l))
      .pop() ?? '',
  );
  let failed = Number(failedMatch?.[1] ?? 0);
  if (code !== 0 && failed === 0) failed = 1;
  write(passed, failed);
  console.log(`browser tests: ${passed} passed, ${failed} failed`);
  process.exit(code ?? 1);
});
