// Runs the end-to-end tests (e2e/*.e2e.test.ts: the demo driven in Chromium by playwright-core) with node:test and
// writes { passed, failed } to .tmp/e2e-tests.json for scripts/test.mjs. Without Chromium the tests say so and are
// skipped (counted as nothing), unless OPENGAR_REQUIRE_CHROMIUM=1.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFiles, root } from './lib.mjs';

const summaryFile = join(root, '.tmp', 'e2e-tests.json');
mkdirSync(join(root, '.tmp'), { recursive: true });
const write = (passed, failed) => writeFileSync(summaryFile, JSON.stringify({ passed, failed }) + '\n');

const files = findFiles(join(root, 'e2e'), (name) => name.endsWith('.e2e.test.ts'));
if (!files.length) {
  write(0, 0);
  process.exit(0);
}
console.log('\n=== end-to-end tests (the demo in Chromium)');
const args = [
  '--import',
  'tsx',
  '--conditions=opengar-source',
  '--test',
  '--test-concurrency=1',
  '--test-reporter=tap',
  ...files,
];
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
  // The TAP summary's last "# pass N" / "# fail N" / "# cancelled N" lines; a crash without failures counts as one.
  const last = (name) =>
    Number(
      /^# \w+ (\d+)$/.exec(
        output
          .split('\n')
          .filter((l) => l.startsWith(`# ${name} `))
          .pop() ?? '',
      )?.[1] ?? 0,
    );
  const passed = last('pass');
  let failed = last('fail') + last('cancelled');
  if (code !== 0 && failed === 0) failed = 1;
  write(passed, failed);
  console.log(`end-to-end tests: ${passed} passed, ${failed} failed`);
  process.exit(code ?? 1);
});
