// `opengar serve --database-replica-url` (OPENGAR_DATABASE_REPLICA_URL): listed in --help, and refused as a usage
// error beside a store that is not PostgreSQL, from the flag or the environment, before anything listens. Its reads
// against a real standby are tested in test/store/replica.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../../src/cli/cli-error.js';
import { runInProcess } from './run-cli.js';

describe('opengar serve: --database-replica-url', () => {
  it('is listed in --help with its environment variable', async () => {
    const r = await runInProcess(['serve', '--help']);
    assert.ok(r.out.includes('--database-replica-url'));
    assert.ok(r.out.includes('OPENGAR_DATABASE_REPLICA_URL'));
  });

  it('is a usage error beside the memory store', async () => {
    const r = await runInProcess([
      'serve',
      '--store',
      'memory',
      '--port',
      '0',
      '--database-replica-url',
      'postgres://opengar@127.0.0.1:1/opengar',
    ]);
    assert.ok(r.error instanceof CliError && r.error.code === 'usage', String(r.error));
    assert.match(r.error.message, /PostgreSQL store/);
  });

  it('is a usage error from the environment too, and for a URL that is not postgres://', async () => {
    const before = process.env.OPENGAR_DATABASE_REPLICA_URL;
    process.env.OPENGAR_DATABASE_REPLICA_URL = 'postgres://opengar@127.0.0.1:1/opengar';
    try {
      const r = await runInProcess(['serve', '--store', 'memory', '--port', '0']);
      assert.ok(r.error instanceof CliError && r.error.code === 'usage', String(r.error));
      process.env.OPENGAR_DATABASE_REPLICA_URL = 'http://replica.internal/opengar';
      const bad = await runInProcess(['serve', '--store', 'postgres://opengar@127.0.0.1:1/opengar', '--port', '0']);
      // Refused before the primary is even tried (nothing answers at 127.0.0.1:1).
      assert.ok(bad.error instanceof CliError && bad.error.code === 'usage', String(bad.error));
      assert.match(bad.error.message, /postgres:\/\//);
    } finally {
      if (before === undefined) delete process.env.OPENGAR_DATABASE_REPLICA_URL;
      else process.env.OPENGAR_DATABASE_REPLICA_URL = before;
    }
  });
});
