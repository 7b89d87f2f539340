// The abuse-resistance flags of `opengar serve`: listed in the help, checked, and applied by a real process (a limit of
// two failures per address, counted against the address a trusted proxy appended to X-Forwarded-For).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanEnv, collect, runCli, spawnCli, listeningUrl } from './run-cli.js';

const SECRETS = {
  OPENGAR_KEK: Buffer.alloc(32, 7).toString('base64url'),
  OPENGAR_PSEUDONYM_SECRET: 'cli-abuse-pseudonym-secret-of-32-bytes-or-more',
};
const FLAGS = [
  '--trust-forwarded-for',
  '--rate-window',
  '--rate-failures-per-address',
  '--rate-failures-per-credential',
  '--rate-launches-per-address',
  '--jwks-stale-hours',
];

describe('opengar serve: rate-limit, proxy and key-set flags', () => {
  it('lists them, and refuses a zero window or a non-number', async () => {
    const help = await runCli(['serve', '--help']);
    for (const flag of FLAGS) assert.ok(help.stdout.includes(flag), flag);
    const [zero, word] = await Promise.all([
      runCli(['serve', '--store', 'memory', '--port', '0', '--rate-window', '0'], cleanEnv(SECRETS)),
      runCli(['serve', '--store', 'memory', '--port', '0', '--rate-failures-per-address', 'many'], cleanEnv(SECRETS)),
    ]);
    for (const r of [zero, word]) {
      assert.notEqual(r.code, 0);
      assert.doesNotMatch(r.stdout, /listening/);
    }
    assert.match(zero.stderr, /--rate-window/);
  });

  it('applies them: the third failure from one forwarded address gets 429, another forwarded address does not', async () => {
    const child = spawnCli(
      [
        'serve',
        '--store',
        'memory',
        '--port',
        '0',
        '--shutdown-timeout',
        '2000',
        '--rate-failures-per-address',
        '2',
        '--rate-failures-per-credential',
        '0',
        '--trust-forwarded-for',
        '1',
      ],
      cleanEnv(SECRETS),
    );
    const done = collect(child);
    try {
      const url = await listeningUrl(child);
      const attempt = async (i: number, forwardedFor: string) => {
        const res = await fetch(`${url}/api/v1/admin/ents`, {
          headers: { authorization: `Bearer wrong-${i}`, 'x-forwarded-for': forwardedFor },
        });
        await res.body?.cancel();
        return { status: res.status, retryAfter: res.headers.get('retry-after') };
      };
      assert.equal((await attempt(1, '192.0.2.10')).status, 401);
      assert.equal((await attempt(2, 'anything, 192.0.2.10')).status, 401);
      const third = await attempt(3, '192.0.2.10');
      assert.equal(third.status, 429);
      assert.ok(Number(third.retryAfter) >= 1);
      assert.equal((await attempt(4, '192.0.2.11')).status, 401, 'another client behind the proxy');
    } finally {
      child.kill('SIGTERM');
      const r = await done;
      assert.equal(r.code, 0, r.stderr);
    }
  });
});
