import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  DEMO_SECRETS_FILE,
  SecretsError,
  deriveStatisticsSecret,
  loadSecrets,
  readKek,
} from '../../src/node/secrets.js';

const KEK = Buffer.alloc(32, 7).toString('base64url');
const SECRET = 'a-pseudonym-secret-of-at-least-32-bytes!';
const quiet = () => undefined;
const isSecretsError = (code: string, variable?: string) => (e: unknown) =>
  e instanceof SecretsError && e.code === code && (variable === undefined || e.variable === variable);

describe('loadSecrets', () => {
  it('reads both secrets from the environment', async () => {
    const s = await loadSecrets({ env: { OPENGAR_KEK: KEK, OPENGAR_PSEUDONYM_SECRET: SECRET } });
    assert.deepEqual(s, {
      kek: KEK,
      pseudonymSecret: SECRET,
      statisticsSecret: deriveStatisticsSecret(SECRET),
      source: 'environment',
    });
  });

  it('derives a separate statistics secret, or takes OPENGAR_STATISTICS_SECRET', async () => {
    const derived = deriveStatisticsSecret(SECRET);
    assert.equal(Buffer.from(derived, 'base64url').length, 32);
    assert.notEqual(derived, SECRET);
    assert.notEqual(deriveStatisticsSecret(`${SECRET}x`), derived);
    const own = 'a-statistics-secret-of-at-least-32-bytes';
    const s = await loadSecrets({
      env: { OPENGAR_KEK: KEK, OPENGAR_PSEUDONYM_SECRET: SECRET, OPENGAR_STATISTICS_SECRET: own },
    });
    assert.equal(s.statisticsSecret, own);
    await assert.rejects(
      loadSecrets({ env: { OPENGAR_KEK: KEK, OPENGAR_PSEUDONYM_SECRET: SECRET, OPENGAR_STATISTICS_SECRET: SECRET } }),
      isSecretsError('invalid', 'OPENGAR_STATISTICS_SECRET'),
    );
  });

  it('refuses to start without them, naming the missing variable, and never echoes a value', async () => {
    await assert.rejects(loadSecrets({ env: {} }), isSecretsError('missing', 'OPENGAR_KEK'));
    await assert.rejects(
      loadSecrets({ env: { OPENGAR_KEK: KEK } }),
      isSecretsError('missing', 'OPENGAR_PSEUDONYM_SECRET'),
    );
    await assert.rejects(loadSecrets({ env: { OPENGAR_PSEUDONYM_SECRET: SECRET } }), (e: unknown) => {
      assert.ok(isSecretsError('missing', 'OPENGAR_KEK')(e));
      assert.ok(!(e as Error).message.includes(SECRET));
      return true;
    });
  });

  it('refuses malformed secrets', async () => {
    await assert.rejects(
      loadSecrets({ env: { OPENGAR_KEK: 'short', OPENGAR_PSEUDONYM_SECRET: SECRET } }),
      isSecretsError('invalid', 'OPENGAR_KEK'),
    );
    await assert.rejects(
      loadSecrets({ env: { OPENGAR_KEK: KEK, OPENGAR_PSEUDONYM_SECRET: 'short' } }),
      isSecretsError('invalid', 'OPENGAR_PSEUDONYM_SECRET'),
    );
  });

  it('the demo generates both into its data directory (mode 0600), says so, and reads them back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opengar-secrets-'));
    try {
      const notices: string[] = [];
      const first = await loadSecrets({ env: {}, demo: { dataDir: dir }, notice: (m) => notices.push(m) });
      assert.equal(first.source, 'demo-file');
      assert.equal(notices.length, 1);
      const file = join(dir, DEMO_SECRETS_FILE);
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      assert.equal(Buffer.from(first.kek, 'base64url').length, 32);
      assert.ok(first.pseudonymSecret.length >= 32);
      const again = await loadSecrets({ env: {}, demo: { dataDir: dir }, notice: (m) => notices.push(m) });
      assert.deepEqual([again.kek, again.pseudonymSecret], [first.kek, first.pseudonymSecret]);
      assert.equal(notices.length, 1, 'nothing new generated');
      assert.equal(await readKek({ env: {}, dataDir: dir }), first.kek);
      assert.ok((await readFile(file, 'utf8')).includes(first.kek));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the demo on a memory store generates secrets for this run only', async () => {
    const a = await loadSecrets({ env: {}, demo: {}, notice: quiet });
    const b = await loadSecrets({ env: {}, demo: {}, notice: quiet });
    assert.equal(a.source, 'demo-ephemeral');
    assert.notEqual(a.kek, b.kek);
  });

  it('readKek needs OPENGAR_KEK or a demo file', async () => {
    assert.equal(await readKek({ env: { OPENGAR_KEK: KEK } }), KEK);
    await assert.rejects(readKek({ env: {} }), isSecretsError('missing', 'OPENGAR_KEK'));
  });
});
