import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BIN, cleanEnv, collect, runCli, spawnCli, listeningUrl } from './run-cli.js';

const SECRETS = {
  OPENGAR_KEK: Buffer.alloc(32, 9).toString('base64url'),
  OPENGAR_PSEUDONYM_SECRET: 'cli-test-pseudonym-secret-of-32-bytes-or-more',
};

describe('opengar (child process)', () => {
  it('the bin script runs the CLI', async () => {
    const r = await runCli(['operator', '--help'], cleanEnv(), BIN);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /create/);
  });

  it('exits non-zero on a bad flag, on the refused demo seed, and without secrets', async () => {
    const [bad, refused, noSecrets] = await Promise.all([
      runCli(['serve', '--bogus']),
      runCli(['serve', '--seed', 'demo', '--host', '0.0.0.0', '--store', 'memory', '--port', '0']),
      runCli(['serve', '--store', 'memory', '--port', '0']),
    ]);
    for (const r of [bad, refused, noSecrets]) {
      assert.notEqual(r.code, 0);
      assert.ok(r.stderr.trim().length > 0);
      assert.doesNotMatch(r.stdout, /listening/);
    }
    assert.match(noSecrets.stderr, /OPENGAR_KEK/);
  });

  it('serves /healthz on an ephemeral port, then stops cleanly on SIGTERM', async () => {
    const child = spawnCli(
      ['serve', '--store', 'memory', '--port', '0', '--shutdown-timeout', '2000'],
      cleanEnv(SECRETS),
    );
    const done = collect(child);
    const url = await listeningUrl(child);
    const res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 200);
    const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as {
      keys: { alg: string; d?: string }[];
    };
    assert.deepEqual(jwks.keys.map((k) => k.alg).sort(), ['ES256', 'EdDSA', 'RS256']);
    assert.ok(jwks.keys.every((k) => k.d === undefined));
    const config = (await (await fetch(`${url}/.well-known/gar-configuration`)).json()) as { issuer: string };
    assert.equal(config.issuer, url, 'the issuer is the URL actually listened on');
    child.kill('SIGTERM');
    const r = await done;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /stopped/);
    await assert.rejects(fetch(`${url}/healthz`));
  });
});
