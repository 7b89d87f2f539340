import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CommanderError } from 'commander';
import { CliError } from '../../src/cli/cli-error.js';
import { runInProcess } from './run-cli.js';
import { createPgliteStore } from '../../src/node/stores.js';
import { createTestPgliteStore } from '../helpers/pglite-template.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const run = runInProcess;

const commanderExit = (r: { error?: unknown }) => (r.error instanceof CommanderError ? r.error.exitCode : undefined);

describe('opengar commands (in process)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'opengar-cli-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints help for the program and every command', async () => {
    const top = await run(['--help']);
    assert.equal(commanderExit(top), 0);
    for (const cmd of ['serve', 'migrate', 'seed', 'keys', 'operator', 'ent', 'import-feed', 'rollover'])
      assert.match(top.out, new RegExp(`\\b${cmd}\\b`));
    assert.doesNotMatch(top.out, /\bbench\b/);
    assert.match(top.out, /Exit codes: 0 ok, 1 failure, 2 usage/);
    for (const args of [
      ['serve'],
      ['migrate'],
      ['seed', 'demo'],
      ['keys', 'rotate'],
      ['operator', 'create'],
      ['ent', 'add'],
      ['ent', 'update'],
      ['ent', 'list'],
      ['import-feed'],
      ['rollover'],
    ]) {
      const r = await run([...args, '--help']);
      assert.equal(commanderExit(r), 0, args.join(' '));
      assert.match(r.out, /--store/);
    }
    const serve = await run(['serve', '--help']);
    for (const flag of [
      '--host',
      '--port',
      '--seed',
      '--issuer',
      '--tls-cert',
      '--tls-key',
      '--client-ca',
      '--client-cert-header',
    ]) {
      assert.ok(serve.out.includes(flag), flag);
    }
  });

  it('rejects bad flags with a non-zero exit and a message', async () => {
    for (const args of [
      ['serve', '--bogus'],
      ['serve', '--port', 'abc'],
      ['serve', '--port', '70000'],
      ['serve', '--seed', 'everything'],
      ['serve', '--reference-date', 'soon'],
      ['seed', 'demo', '--provider-url', 'http://evil.example'],
      ['nope'],
    ]) {
      const r = await run(args);
      assert.ok((commanderExit(r) ?? 0) > 0, args.join(' '));
      assert.ok(r.err.length > 0, args.join(' '));
    }
  });

  it('rejects inconsistent serve flags as usage errors', async () => {
    for (const args of [
      ['--tls-cert', 'c.pem'],
      ['--client-ca', 'ca.pem'],
      ['--client-cert-header', 'bad header'],
      ['--issuer', 'ftp://x'],
      ['--issuer', 'http://gar.example'],
    ]) {
      const r = await run(['serve', '--store', 'memory', ...args]);
      assert.ok(r.error instanceof CliError && r.error.code === 'usage' && r.error.exitCode === 2, args.join(' '));
    }
  });

  it('refuses the demo seed on a non-loopback host', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'gar.example']) {
      const r = await run(['serve', '--seed', 'demo', '--host', host, '--store', 'memory', '--port', '0']);
      assert.ok(r.error instanceof CliError && r.error.code === 'refused', host);
      assert.equal(r.error.exitCode, 4);
    }
  });

  it('refuses --store memory for every one-shot command (only serve may use it)', async () => {
    for (const args of [
      ['operator', 'create', '--label', 'alice'],
      ['migrate'],
      ['seed', 'demo'],
      ['keys', 'rotate'],
      ['ent', 'list'],
      ['ent', 'add', '--id', 'ENTX'],
      ['rollover', '--year', '2026-2027'],
      ['import-feed', '--ent', 'ENTX', 'feed.xml'],
    ]) {
      const r = await run([...args, '--store', 'memory']);
      assert.ok(r.error instanceof CliError && r.error.code === 'usage', args.join(' '));
      assert.equal(r.error.exitCode, 2);
      assert.match(r.error.message, /only `opengar serve`/);
      assert.equal(r.out, '', args.join(' '));
    }
  });

  it('creates an operator on a PGlite store, storing only the hash of its secret', async () => {
    const data = join(dir, 'operator');
    await (await createTestPgliteStore(data)).close();
    const r = await run(['operator', 'create', '--store', data, '--label', 'ops']);
    assert.equal(r.error, undefined);
    assert.equal(r.out.match(/ogo_[A-Za-z0-9_-]{43}/g)?.length, 1);
    const empty = await run(['operator', 'create', '--store', data, '--label', '  ']);
    assert.ok(empty.error instanceof CliError && empty.error.code === 'usage');
    const secret = r.out.match(/ogo_[A-Za-z0-9_-]{43}/)![0];
    const store = await createPgliteStore({ dataDir: data });
    try {
      const found = await store.findOperatorBySecretHash(sha256(secret));
      assert.equal(found?.label, 'ops');
      assert.equal(found?.secretHash, sha256(secret));
    } finally {
      await store.close();
    }
  });

  it('migrates and seeds the demo, telling its progress in lines on stderr', async () => {
    const data = join(dir, 'seeded');
    assert.equal((await run(['migrate', '--store', data])).error, undefined);
    const r = await runInProcess(['seed', 'demo', '--store', data], { isTTY: false, progressIntervalMs: 0 });
    assert.equal(r.error, undefined);
    assert.match(r.out, /seeded/);
    assert.doesNotMatch(r.out, /^seed:/m);
    assert.match(r.err, /^seed: registry$/m);
    assert.match(r.err, /^seed: school (\d+) of \1$/m);
    assert.match(r.err, /^seed: subscription \d+ of \d+$/m);
    const again = await run(['seed', 'demo', '--store', data]);
    assert.match(again.out, /already present/);
  });

  it('reports an unreachable database without its credentials', async () => {
    const r = await run(['migrate', '--store', 'postgres://gar:hunter2-secret@127.0.0.1:1/gar']);
    assert.ok(r.error instanceof CliError && r.error.code === 'store_unavailable');
    assert.equal(r.error.exitCode, 5);
    assert.ok(!r.error.message.includes('hunter2-secret'));
    assert.match(r.error.message, /127\.0\.0\.1:1/);
  });

  it('says clearly when the port is in use', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as AddressInfo).port;
    const saved = { kek: process.env.OPENGAR_KEK, ido: process.env.OPENGAR_PSEUDONYM_SECRET };
    try {
      process.env.OPENGAR_KEK = Buffer.alloc(32, 3).toString('base64url');
      process.env.OPENGAR_PSEUDONYM_SECRET = 'port-test-pseudonym-secret-of-32-bytes-or-more';
      const r = await run(['serve', '--store', 'memory', '--port', String(port)]);
      assert.ok(r.error instanceof CliError && r.error.code === 'listen');
      assert.equal(r.error.exitCode, 5);
    } finally {
      for (const [k, v] of [
        ['OPENGAR_KEK', saved.kek],
        ['OPENGAR_PSEUDONYM_SECRET', saved.ido],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await new Promise((r) => taken.close(r));
    }
  });

  it('rotates keys with OPENGAR_KEK, and refuses without it', async () => {
    const saved = process.env.OPENGAR_KEK;
    try {
      delete process.env.OPENGAR_KEK;
      const data = join(dir, 'keys');
      await (await createTestPgliteStore(data)).close();
      const missing = await run(['keys', 'rotate', '--store', data]);
      assert.ok(missing.error instanceof CliError && missing.error.code === 'secrets');
      assert.equal(missing.error.exitCode, 3);
      process.env.OPENGAR_KEK = Buffer.alloc(32, 9).toString('base64url');
      const ok = await run(['keys', 'rotate', '--store', data, '--immediate']);
      assert.equal(ok.error, undefined);
      assert.equal(ok.out.match(/ key [A-Za-z0-9_-]{43} published/g)?.length, 3);
    } finally {
      if (saved === undefined) delete process.env.OPENGAR_KEK;
      else process.env.OPENGAR_KEK = saved;
    }
  });
});
