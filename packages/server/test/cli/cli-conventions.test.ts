// The command-line conventions every command follows: --version, one set of exit codes, errors in words on stderr,
// progress lines when stderr is not a terminal, and `--store memory` refused for one-shot commands.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { CliError } from '../../src/cli/cli-error.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { progressLines } from '../../src/cli/progress-lines.js';
import { toCliError } from '../../src/cli/to-cli-error.js';
import { GarServiceError } from '../../src/kernel/errors.js';
import { StoreError } from '../../src/store/errors.js';
import { createTestPgliteStore } from '../helpers/pglite-template.js';
import { BIN, cleanEnv, runCli, runInProcess } from './run-cli.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('opengar conventions', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'opengar-conventions-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--version and -V print the version on stdout and exit 0', async () => {
    const [long, short] = await Promise.all([runCli(['--version'], cleanEnv(), BIN), runCli(['-V'])]);
    for (const r of [long, short]) {
      assert.equal(r.code, EXIT_CODES.ok);
      assert.equal(r.stdout.trim(), VERSION);
      assert.equal(r.stderr, '');
    }
  });

  it('exit codes: 2 for every usage error, 3 for a missing file, 4 for a refusal, 5 for an unreachable store', async () => {
    const data = join(dir, 'codes');
    const [unknownCommand, badFlag, badValue, missingRequired, memory, missingFile, refused, unavailable] =
      await Promise.all([
        runCli(['nope']),
        runCli(['serve', '--bogus']),
        runCli(['serve', '--port', 'abc']),
        runCli(['import-feed', '--store', data, 'feed.xml']),
        runCli(['migrate', '--store', 'memory']),
        runCli(['import-feed', '--store', data, '--ent', 'ENTX', join(dir, 'no-such-feed.xml')]),
        runCli(['serve', '--seed', 'demo', '--host', '0.0.0.0', '--store', 'memory', '--port', '0']),
        runCli(['migrate', '--store', 'postgres://gar:hunter2@127.0.0.1:1/gar']),
      ]);
    for (const r of [unknownCommand, badFlag, badValue, missingRequired, memory]) {
      assert.equal(r.code, EXIT_CODES.usage, r.stderr);
      assert.ok(r.stderr.trim().length > 0);
      assert.equal(r.stdout, '');
    }
    assert.equal(missingFile.code, EXIT_CODES.input, missingFile.stderr);
    assert.match(missingFile.stderr, /^opengar: cannot read the feed .*no-such-feed\.xml: no such file$/m);
    assert.equal(refused.code, EXIT_CODES.refused, refused.stderr);
    assert.equal(unavailable.code, EXIT_CODES.unavailable, unavailable.stderr);
    assert.doesNotMatch(unavailable.stderr, /hunter2/);
    for (const r of [missingFile, refused, unavailable]) {
      assert.doesNotMatch(r.stderr, /unexpected|GarServiceError|StoreError|\n\s+at /);
      assert.equal(r.stdout.includes('opengar:'), false);
    }
  });

  it('errors of the service and the store read as words, with the exit code of their kind', () => {
    const cases: [unknown, string, number][] = [
      [new GarServiceError('not-found', 'no such ENT'), 'no such ENT', EXIT_CODES.refused],
      [new GarServiceError('conflict', 'an ENT with this id exists'), 'an ENT with this id exists', EXIT_CODES.refused],
      [
        new GarServiceError('validation', 'Invalid ENT', {
          issues: [{ pointer: '/origins/0', code: 'invalid_format', message: 'must be an origin' }],
        }),
        'Invalid ENT (/origins/0: must be an origin)',
        EXIT_CODES.usage,
      ],
      [new StoreError('unavailable', 'store down'), 'store down', EXIT_CODES.unavailable],
      [new Error('boom'), 'internal error: boom', EXIT_CODES.failure],
      [new Error('cannot reach postgres://u:secret@db/x'), 'internal error', EXIT_CODES.failure],
    ];
    for (const [error, message, code] of cases) {
      const c = toCliError(error);
      assert.ok(c instanceof CliError);
      assert.equal(c.message, message);
      assert.equal(c.exitCode, code);
    }
    const same = new CliError('input', 'x');
    assert.equal(toCliError(same), same);
  });

  it('progress lines: the first at once, then at most one per interval, the last state repeated while silent', () => {
    let t = 0;
    const lines: string[] = [];
    const p = progressLines((l) => lines.push(l), 'seed', { intervalMs: 1000, now: () => t });
    p.update('school 1 of 2');
    t = 500;
    p.update('school 2 of 2');
    t = 1500;
    p.update('subscription 1 of 9');
    p.done();
    assert.deepEqual(lines, ['seed: school 1 of 2', 'seed: subscription 1 of 9']);
  });

  it('import-feed: progress lines and feed problems on stderr, the summary on stdout; an unknown ENT in words', async () => {
    const data = join(dir, 'feed');
    await (await createTestPgliteStore(data)).close();
    const files = [...feedFiles(generateFeedModel({ entId: 'ENTFEED', schools: 1, pupilsPerSchool: 5 }))];
    const paths = await Promise.all(
      files.map(async (f) => {
        const p = join(dir, f.name);
        await writeFile(p, f.text);
        return p;
      }),
    );
    const added = await runInProcess(['ent', 'add', '--store', data, '--id', 'ENTFEED']);
    assert.equal(added.error, undefined);
    const ok = await runInProcess(['import-feed', '--store', data, '--ent', 'ENTFEED', ...paths], {
      isTTY: false,
      progressIntervalMs: 0,
    });
    assert.equal(ok.error, undefined);
    assert.match(ok.err, /^import-feed: reading, \d+ records \(\d+ %\)/m);
    assert.match(ok.err, /^import-feed: applying \d+ records \(one transaction\)$/m);
    assert.doesNotMatch(ok.out, /^import-feed:/m);
    assert.match(ok.out, /Feed applied/);
    const quiet = await runInProcess(['import-feed', '--store', data, '--ent', 'ENTFEED', '--no-progress', ...paths], {
      isTTY: false,
      progressIntervalMs: 0,
    });
    assert.equal(quiet.err, '');

    await writeFile(paths[0]!, '<not-a-feed');
    const bad = await runInProcess(['import-feed', '--store', data, '--ent', 'ENTFEED', '--no-progress', ...paths]);
    assert.ok(bad.error instanceof CliError);
    assert.equal(bad.error.exitCode, EXIT_CODES.refused);
    assert.match(bad.err, /\.xml:\d+: /);
    assert.doesNotMatch(bad.out, /\.xml:\d+: /);

    const unknown = await runInProcess(['import-feed', '--store', data, '--ent', 'NOPE', '--no-progress', ...paths]);
    const c = toCliError(unknown.error);
    assert.equal(c.exitCode, EXIT_CODES.refused);
    assert.match(c.message, /ENT/);
  });

  it('rollover: a progress line per school when not on a terminal', async () => {
    const data = join(dir, 'feed');
    const r = await runInProcess(['rollover', '--store', data, '--year', '2027-2028', '--preview'], {
      isTTY: false,
      progressIntervalMs: 0,
    });
    assert.equal(r.error, undefined);
    assert.match(r.err, /^rollover: previewing to 2027-2028, 0 school\(s\) done$/m);
    assert.match(r.err, /^rollover: 1 school\(s\) done, the last \w+$/m);
    assert.match(r.out, /1 school\(s\)/);
  });
});
