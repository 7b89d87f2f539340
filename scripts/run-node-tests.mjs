// Runs the Node test files (`*.test.ts`, not `*.browser.test.ts`) of the given folders (default: packages and
// examples, and the scripts' own tests) with node's test runner and tsx, reading packages from source through the `opengar-source` condition.
// Writes a TAP copy to .tmp/node-tests.tap so that scripts/test.mjs can add up the results.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findFiles, rel, root, run } from './lib.mjs';

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const dirs = only.length
  ? only.map((d) => join(root, d))
  : [join(root, 'packages'), join(root, 'examples'), join(root, 'scripts')];
const files = dirs.flatMap((d) =>
  findFiles(
    d,
    (name, path) => name.endsWith('.test.ts') && !name.endsWith('.browser.test.ts') && path.includes('/test/'),
  ),
);
if (files.length === 0) {
  console.error('no Node test files found');
  process.exit(1);
}
mkdirSync(join(root, '.tmp'), { recursive: true });
const status = run(
  process.execPath,
  [
    '--import',
    'tsx',
    '--conditions=opengar-source',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${join(root, '.tmp', 'node-tests.tap')}`,
    ...files.map(rel),
  ],
  { allowFailure: true, env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(status);
