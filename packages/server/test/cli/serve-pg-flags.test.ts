// `opengar serve`'s PostgreSQL pool flags: listed in --help, refused when not whole numbers in range, and a malformed
// OPENGAR_PG_* setting is a usage error named after the variable (before any connection is tried).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommanderError } from 'commander';
import { CliError } from '../../src/cli/cli-error.js';
import { runInProcess } from './run-cli.js';

const run = runInProcess;

describe('opengar serve: PostgreSQL pool flags', () => {
  it('lists the pool flags and their environment variables in --help', async () => {
    const r = await run(['serve', '--help']);
    for (const text of [
      '--pg-pool-size',
      '--pg-queue-limit',
      '--pg-queue-timeout',
      'OPENGAR_PG_POOL_SIZE',
      'OPENGAR_PG_QUEUE_LIMIT',
      'OPENGAR_PG_QUEUE_TIMEOUT_MS',
      'Retry-After',
    ]) {
      assert.ok(r.out.includes(text), text);
    }
  });

  it('refuses values that are not whole numbers in range', async () => {
    for (const args of [
      ['--pg-pool-size', '0'],
      ['--pg-pool-size', 'many'],
      ['--pg-queue-limit', '-1'],
      ['--pg-queue-timeout', '0'],
      ['--pg-queue-timeout', '1.5'],
    ]) {
      const r = await run(['serve', '--store', 'memory', '--port', '0', ...args]);
      assert.ok(r.error instanceof CommanderError && r.error.exitCode > 0, args.join(' '));
      assert.ok(r.err.length > 0, args.join(' '));
    }
  });

  it('a malformed OPENGAR_PG_* setting is a usage error naming it', async () => {
    const before = process.env.OPENGAR_PG_QUEUE_LIMIT;
    process.env.OPENGAR_PG_QUEUE_LIMIT = 'lots';
    try {
      const r = await run(['serve', '--store', 'postgres://opengar@127.0.0.1:1/opengar', '--port', '0']);
      assert.ok(r.error instanceof CliError && r.error.code === 'usage', String(r.error));
      assert.match(r.error.message, /OPENGAR_PG_QUEUE_LIMIT/);
    } finally {
      if (before === undefined) delete process.env.OPENGAR_PG_QUEUE_LIMIT;
      else process.env.OPENGAR_PG_QUEUE_LIMIT = before;
    }
  });
});
