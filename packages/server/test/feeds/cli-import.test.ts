import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CliError } from '../../src/cli/cli-error.js';
import { createProgram } from '../../src/cli/create-program.js';
import { FEED_BREAKAGES, feedFiles, generateFeedModel } from '@opengar/test-support';
import { openStore } from '../../src/node/stores.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { FEED_ENT as ENT } from '../helpers/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'opengar-cli-feed-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await createProgram({ out: (l) => lines.push(l), err: () => undefined, exitOverride: true }).parseAsync([
    'node',
    'opengar',
    ...args,
  ]);
  return lines;
}

// PostgreSQL when the machine has it (a store opens in milliseconds), else a PGlite directory (seconds per open).
const server = await startTestPostgres();
after(() => ('skip' in server ? undefined : server.stop()));

test('opengar import-feed and rollover on a persistent store: summary, refusal with every problem, idempotent rollover', async () => {
  const dir = 'skip' in server ? join(root, 'data') : (await server.createDatabase()).url;
  const store = await openStore(dir);
  await store.migrate();
  await store.putEnt({ id: ENT, name: 'ENT', origins: [], clientCertFingerprints: [] });
  await store.close();
  const files = [...feedFiles(generateFeedModel({ schools: 1, pupilsPerSchool: 25 }))];
  const paths = files.map((f) => {
    const p = join(root, f.name);
    writeFileSync(p, f.text);
    return p;
  });
  const out = await run(['import-feed', '--store', dir, '--ent', ENT, '--no-progress', ...paths]);
  assert.match(out.join('\n'), /Feed applied \(run [^)]+\): schoolsAdded 1, .*arrived 28/);
  assert.match(out.join('\n'), /National_elv 25, .*; anomalies: 0 pupil\(s\) without a division/);

  const broken = FEED_BREAKAGES.find((b) => b.code === 'duplicate_key')!.apply(files);
  const brokenPaths = broken.map((f) => {
    const p = join(root, `broken-${f.name}`);
    writeFileSync(p, f.text);
    return p;
  });
  const lines: string[] = [];
  const problems: string[] = [];
  await assert.rejects(
    createProgram({
      out: (l) => lines.push(l),
      err: (t) => problems.push(...t.split('\n').filter(Boolean)),
      exitOverride: true,
    }).parseAsync(['node', 'opengar', 'import-feed', '--store', dir, '--ent', ENT, '--no-progress', ...brokenPaths]),
    (e: unknown) => e instanceof CliError && e.code === 'refused' && e.exitCode === 4,
  );
  // Problems go to stderr, the count to stdout.
  assert.ok(problems.some((l) => /_Eleve_0000\.xml:\d+: GAREleve: duplicate_key: /.test(l)));
  assert.ok(!lines.some((l) => /duplicate_key/.test(l)));

  const first = await run(['rollover', '--store', dir, '--year', '2026-2027']);
  assert.match(first.join('\n'), /1 school\(s\); 0 already rolled over to 2026-2027/);
  const second = await run(['rollover', '--store', dir, '--year', '2026-2027']);
  assert.match(second.join('\n'), /already rolled over/);
});
