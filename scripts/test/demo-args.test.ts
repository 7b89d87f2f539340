// `scripts/demo.mjs --help` prints the usage and starts nothing; an unknown option is refused (exit 2) instead of
// starting the demo on the default ports (found as an outsider: `--help` started the whole demo on 4000–4300).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const demo = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo.mjs');
// On this suite's own ports (base 25750), should a regression start the demo after all.
const run = (...args: string[]) =>
  spawnSync(process.execPath, [demo, '--port-base', '25750', ...args], { encoding: 'utf8', timeout: 30_000 });

test('--help and -h print the usage with the port options, and start nothing', () => {
  for (const flag of ['--help', '-h']) {
    const r = run(flag);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Usage: npm run demo -- /);
    assert.match(r.stdout, /--port-base N/);
    assert.doesNotMatch(r.stdout + r.stderr, /listening|starting the service/);
  }
});

test('an unknown option is refused with the usage (exit 2)', () => {
  const r = run('--lang', 'en');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option "--lang"/);
  assert.match(r.stderr, /Usage:/);
  assert.doesNotMatch(r.stdout + r.stderr, /listening|starting the service/);
});
