// The whole test suite: Node tests, then browser tests and end-to-end tests in Chromium; prints one closing line "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFiles, root, run } from './lib.mjs';

function tapCount(file) {
  if (!existsSync(file)) return { pass: 0, fail: 1 };
  const text = readFileSync(file, 'utf8');
  const num = (name) =>
    Number(
      /^# (\w+) (\d+)$/m.exec(
        text
          .split('\n')
          .filter((l) => l.startsWith(`# ${name} `))
          .pop() ?? '',
      )?.[2] ?? 0,
    );
  return { pass: num('pass'), fail: num('fail') + num('cancelled') };
}

const totals = { pass: 0, fail: 0 };
const nodeStatus = run(process.execPath, [join(root, 'scripts', 'run-node-tests.mjs')], { allowFailure: true });
const node = tapCount(join(root, '.tmp', 'node-tests.tap'));
totals.pass += node.pass;
totals.fail += node.fail + (nodeStatus !== 0 && node.fail === 0 ? 1 : 0);

const browserFiles = findFiles(join(root, 'packages'), (name) => name.endsWith('.browser.test.ts'));
if (browserFiles.length) {
  const status = run(process.execPath, [join(root, 'scripts', 'run-browser-tests.mjs')], { allowFailure: true });
  const summary = join(root, '.tmp', 'browser-tests.json');
  if (existsSync(summary)) {
    const b = JSON.parse(readFileSync(summary, 'utf8'));
    totals.pass += b.passed;
    totals.fail += b.failed + (status !== 0 && b.failed === 0 ? 1 : 0);
  } else totals.fail += 1;
}
// End-to-end tests: the demo started on its own ports, driven in Chromium (skipped without Chromium, like the browser tests).
const e2eFiles = findFiles(join(root, 'e2e'), (name) => name.endsWith('.e2e.test.ts'));
if (e2eFiles.length) {
  const status = run(process.execPath, [join(root, 'scripts', 'run-e2e-tests.mjs')], { allowFailure: true });
  const summary = join(root, '.tmp', 'e2e-tests.json');
  if (existsSync(summary)) {
    const e = JSON.parse(readFileSync(summary, 'utf8'));
    totals.pass += e.passed;
    totals.fail += e.failed + (status !== 0 && e.failed === 0 ? 1 : 0);
  } else totals.fail += 1;
}
// The published packages as npm users get them: packed, publint and are-the-types-wrong, installed with
// `npm --engine-strict` outside the repository on the lowest Node.js declared, every entry imported: one check.
console.log('\n=== Packages (pack, publint, attw, install outside the repository)');
const packages = run(process.execPath, [join(root, 'scripts', 'check-packages.mjs')], { allowFailure: true });
if (packages === 0) totals.pass += 1;
else totals.fail += 1;
// Every TSDoc `@example` must compile against the real signatures: one check of all examples.
console.log('\n=== TSDoc examples (type-checked)');
const examples = run(process.execPath, [join(root, 'scripts', 'check-examples.mjs')], { allowFailure: true });
if (examples === 0) totals.pass += 1;
else totals.fail += 1;
// The API reference must build without warnings (typedoc treats warnings as errors): one check of the whole docs.
console.log('\n=== API reference (typedoc, warnings are errors)');
const docs = run(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--logLevel', 'Warn'], {
  allowFailure: true,
});
if (docs === 0) totals.pass += 1;
else totals.fail += 1;

// Hygiene rails: Biome (lint, and formatting once the tree is formatted) and the size check, one check each.
// FORMATTED switches both to their strict form: `biome ci` (lint + formatting) and the long-line budget.
const FORMATTED = true;
console.log(`\n=== Lint${FORMATTED ? ' and formatting' : ''} (Biome)`);
const biomeArgs = FORMATTED ? ['ci', '.'] : ['lint', '.'];
const biome = run(process.execPath, [join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), ...biomeArgs], {
  allowFailure: true,
});
if (biome === 0) totals.pass += 1;
else totals.fail += 1;
console.log('\n=== File and line sizes');
const size = run(process.execPath, [join(root, 'scripts', 'check-size.mjs'), ...(FORMATTED ? ['--formatted'] : [])], {
  allowFailure: true,
});
if (size === 0) totals.pass += 1;
else totals.fail += 1;

console.log(`\n${totals.pass} passed, ${totals.fail} failed`);
process.exit(totals.fail ? 1 : 0);
