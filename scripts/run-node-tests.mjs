// Runs the Node test files (`*.test.ts`, not `*.browser.test.ts`) of the given folders or files (default: packages
// and examples, and the scripts' own tests) with node's test runner and tsx, reading packages from source through the
// `opengar-source` condition. Writes a TAP copy to .tmp/node-tests.tap so that scripts/test.mjs can add up the results.
// One private PostgreSQL cluster serves the whole run (OPENGAR_TEST_DATABASE_URL), started only when a chosen file
// speaks of PostgreSQL and no server is given: each file still gets databases of its own, but initdb and the server's
// start and stop happen once instead of once per file (about 2 s each on a loaded 2-core machine, for 15 files).
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findFiles, rel, root, run } from './lib.mjs';
import { findPgBin, startCluster } from './pg-cluster.mjs';

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const dirs = only.length
  ? only.map((d) => join(root, d))
  : [join(root, 'packages'), join(root, 'examples'), join(root, 'scripts')];
const isNodeTest = (name, path) =>
  name.endsWith('.test.ts') && !name.endsWith('.browser.test.ts') && path.includes('/test/');
const files = dirs.flatMap((d) => (statSync(d, { throwIfNoEntry: false })?.isFile() ? [d] : findFiles(d, isNodeTest)));
if (files.length === 0) {
  console.error('no Node test files found');
  process.exit(1);
}
mkdirSync(join(root, '.tmp'), { recursive: true });
const env = { ...process.env, NODE_ENV: 'test' };
let cluster;
if (!env.OPENGAR_TEST_DATABASE_URL && findPgBin(env) && files.some((f) => /postgres/i.test(readFileSync(f, 'utf8')))) {
  cluster = await startCluster();
  env.OPENGAR_TEST_DATABASE_URL = cluster.url('postgres');
  // The cluster goes with this process, however the run ends (Ctrl-C reaches the test runner too, then this).
  process.on('exit', () => cluster.stop());
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => undefined);
}
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
  { allowFailure: true, env },
);
process.exit(status);
