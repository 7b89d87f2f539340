// `opengar serve`: the support contact (flags or environment), the log level, and the demo ENT's extra origins and
// console URL.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../../src/cli/cli-error.js';
import { resolveLogLevel, resolveSupportContact } from '../../src/cli/serve-settings.js';
import { DEMO_CREDENTIALS } from '../../src/seed/demo-credentials.js';
import { DEMO_USERS } from '../../src/seed/demo-users.js';
import { createConsoleLogger } from '../../src/kernel/logger.js';
import { importSigningKey, signAssertion } from '../../../elements/test/fixtures/sign-assertion.js';
import { cleanEnv, collect, listeningUrl, runInProcess, spawnCli } from './run-cli.js';

const SECRETS = {
  OPENGAR_KEK: Buffer.alloc(32, 7).toString('base64url'),
  OPENGAR_PSEUDONYM_SECRET: 'serve-flags-test-pseudonym-secret-of-32-bytes',
};

const usage = (f: () => unknown) =>
  assert.throws(f, (e: unknown) => e instanceof CliError && e.code === 'usage' && e.exitCode === 2);

describe('opengar serve: support contact, log level, demo ENT', () => {
  it('reads the support contact from flags, else from OPENGAR_SUPPORT_*; none when nothing is set', () => {
    assert.equal(resolveSupportContact({}, {}), undefined);
    assert.deepEqual(
      resolveSupportContact(
        { supportName: 'Assistance GAR', supportPhone: '02 99 00 00 00' },
        { OPENGAR_SUPPORT_NAME: 'ignored', OPENGAR_SUPPORT_EMAIL: 'assistance@example.fr' },
      ),
      { name: 'Assistance GAR', email: 'assistance@example.fr', phone: '02 99 00 00 00' },
    );
    assert.deepEqual(
      resolveSupportContact({}, { OPENGAR_SUPPORT_NAME: 'Support', OPENGAR_SUPPORT_URL: 'https://support.example.fr' }),
      { name: 'Support', url: 'https://support.example.fr' },
    );
    usage(() => resolveSupportContact({ supportEmail: 'a@example.fr' }, {}));
    usage(() => resolveSupportContact({ supportName: 'S', supportEmail: 'not an address' }, {}));
    usage(() => resolveSupportContact({ supportName: 'S', supportPhone: 'call me' }, {}));
    usage(() => resolveSupportContact({ supportName: 'S', supportUrl: 'javascript:alert(1)' }, {}));
    usage(() => resolveSupportContact({ supportName: 'S', supportUrl: 'http://support.example.fr' }, {}));
  });

  it('--log-level, else OPENGAR_LOG_LEVEL, else info; the logger writes from that level up', () => {
    assert.equal(resolveLogLevel(undefined, {}), 'info');
    assert.equal(resolveLogLevel(undefined, { OPENGAR_LOG_LEVEL: 'warn' }), 'warn');
    assert.equal(resolveLogLevel('error', { OPENGAR_LOG_LEVEL: 'warn' }), 'error');
    usage(() => resolveLogLevel(undefined, { OPENGAR_LOG_LEVEL: 'loud' }));
    const written: string[] = [];
    const saved = { log: console.log, warn: console.warn, error: console.error };
    console.log = (l: string) => written.push(`out ${JSON.parse(l).event}`);
    console.warn = (l: string) => written.push(`warn ${JSON.parse(l).event}`);
    console.error = (l: string) => written.push(`err ${JSON.parse(l).event}`);
    try {
      const warn = createConsoleLogger({ level: 'warn' });
      warn.info('a');
      warn.warn('b');
      warn.error('c');
      createConsoleLogger({ level: 'silent' }).error('d');
      createConsoleLogger({ stderr: true }).info('e');
    } finally {
      Object.assign(console, saved);
    }
    assert.deepEqual(written, ['warn b', 'err c', 'err e']);
  });

  it('refuses the demo flags without --seed demo, and a bad support contact, before opening anything', async () => {
    for (const args of [
      ['--demo-origin', 'http://127.0.0.1:5201'],
      ['--demo-console-url', 'http://127.0.0.1:5201/console'],
      ['--support-email', 'a@example.fr'],
    ]) {
      const r = await runInProcess(['serve', '--store', 'memory', '--port', '0', ...args]);
      assert.ok(r.error instanceof CliError && r.error.code === 'usage', args.join(' '));
    }
    const level = await runInProcess(['serve', '--store', 'memory', '--log-level', 'loud']);
    assert.ok(level.error !== undefined && !(level.error instanceof CliError));
    assert.match(level.err, /--log-level/);
  });

  it('serves the demo with extra origins, its console URL and the support contact on the dashboard', async () => {
    const child = spawnCli(
      [
        'serve',
        '--seed',
        'demo',
        '--store',
        'memory',
        '--port',
        '0',
        '--log-level',
        'warn',
        '--demo-origin',
        'http://127.0.0.1:5201',
        '--demo-console-url',
        'http://127.0.0.1:5201/console',
        '--support-name',
        'Assistance GAR de démonstration',
        '--support-phone',
        '02 99 00 00 00',
      ],
      cleanEnv({ ...SECRETS, OPENGAR_SUPPORT_EMAIL: 'assistance@example.fr' }),
    );
    const done = collect(child);
    try {
      const url = await listeningUrl(child);
      const ent = (await (
        await fetch(`${url}/api/v1/admin/ents/ENT-DEMO`, {
          headers: { authorization: `Bearer ${DEMO_CREDENTIALS.operatorSecret}` },
        })
      ).json()) as { origins: string[]; consoleUrl?: string };
      assert.ok(ent.origins.includes('http://127.0.0.1:5201'));
      assert.ok(ent.origins.includes('http://127.0.0.1:4200'));
      assert.equal(ent.consoleUrl, 'http://127.0.0.1:5201/console');

      const head = DEMO_USERS.find((u) => u.key === 'head')!;
      const key = await importSigningKey(DEMO_CREDENTIALS.entSigningKey.privateJwk);
      const token = await signAssertion(key, DEMO_CREDENTIALS.entSigningKey.privateJwk.kid!, {
        iss: head.entId,
        aud: url,
        sub: head.personId,
        uai: head.schools[0]!.uai,
        iat: Math.floor(Date.now() / 1000),
      });
      const res = await fetch(`${url}/api/v1/schools/${head.schools[0]!.uai}/dashboard`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.status, 200, await res.clone().text());
      const dashboard = (await res.json()) as { supportContact?: unknown };
      assert.deepEqual(dashboard.supportContact, {
        name: 'Assistance GAR de démonstration',
        email: 'assistance@example.fr',
        phone: '02 99 00 00 00',
      });
    } finally {
      child.kill('SIGTERM');
    }
    const run = await done;
    assert.doesNotMatch(run.stdout, /"level":"info"/);
    assert.match(run.stdout, /Demo users/);
  });
});
