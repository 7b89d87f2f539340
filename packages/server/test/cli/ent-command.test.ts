import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CliError } from '../../src/cli/cli-error.js';
import { EXIT_CODES } from '../../src/cli/exit-codes.js';
import { createPgliteStore } from '../../src/node/stores.js';
import { createTestPgliteStore } from '../helpers/pglite-template.js';
import { runInProcess as run } from './run-cli.js';

const PUBLIC_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  kid: 'k1',
};

describe('opengar ent add|update|list', () => {
  let dir: string;
  let data: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'opengar-ent-'));
    data = join(dir, 'store');
    await (await createTestPgliteStore(data)).close();
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds an ENT with its origins, key-set URL, console URL and assertion endpoint, and lists it', async () => {
    const r = await run([
      'ent',
      'add',
      '--store',
      data,
      '--id',
      'ENTBRE',
      '--name',
      'ENT Bretagne',
      '--origin',
      'https://ent.example',
      '--origin',
      'http://127.0.0.1:5201',
      '--jwks-url',
      'https://ent.example/jwks.json',
      '--console-url',
      'https://ent.example/console',
      '--assertion-endpoint',
      'https://ent.example/gar/assertion',
    ]);
    assert.equal(r.error, undefined);
    assert.match(r.out, /ENT ENTBRE registered/);
    const list = await run(['ent', 'list', '--store', data]);
    assert.match(list.out, /ENTBRE {2}ENT Bretagne/);
    assert.match(list.out, /origins +https:\/\/ent\.example, http:\/\/127\.0\.0\.1:5201/);
    assert.match(list.out, /console URL +https:\/\/ent\.example\/console/);
    const json = JSON.parse((await run(['ent', 'list', '--store', data, '--json'])).out) as Record<string, unknown>[];
    assert.deepEqual(json, [
      {
        id: 'ENTBRE',
        name: 'ENT Bretagne',
        jwksUri: 'https://ent.example/jwks.json',
        origins: ['https://ent.example', 'http://127.0.0.1:5201'],
        assertionEndpoint: 'https://ent.example/gar/assertion',
        consoleUrl: 'https://ent.example/console',
        clientCertFingerprints: [],
      },
    ]);
  });

  it('refuses a second add with the same id (4), an unknown ENT to update (4), bad values (2), a missing key file (3)', async () => {
    const again = await run(['ent', 'add', '--store', data, '--id', 'ENTBRE']);
    assert.ok(again.error instanceof CliError && again.error.code === 'conflict');
    assert.equal(again.error.exitCode, EXIT_CODES.refused);
    const unknown = await run(['ent', 'update', '--store', data, '--id', 'NOPE', '--name', 'x']);
    assert.ok(unknown.error instanceof CliError && unknown.error.code === 'not_found');
    assert.equal(unknown.error.exitCode, EXIT_CODES.refused);
    assert.match(unknown.error.message, /ent list/);
    for (const args of [
      ['--origin', 'https://ent.example/path'],
      ['--console-url', 'http://ent.example/console'],
      ['--jwks-url', 'ftp://ent.example/jwks'],
      ['--assertion-endpoint', 'javascript:alert(1)'],
    ]) {
      const bad = await run(['ent', 'add', '--store', data, '--id', 'ENTBAD', ...args]);
      assert.ok(bad.error instanceof CliError && bad.error.code === 'usage', args.join(' '));
      assert.equal(bad.error.exitCode, EXIT_CODES.usage);
      assert.ok(bad.error.message.includes(args[0]!), bad.error.message);
    }
    // The HTTP API's text rule: a control character (here a terminal escape) is refused in add and update alike.
    for (const command of ['add', 'update']) {
      const id = command === 'add' ? 'ENTESC' : 'ENTBRE';
      const esc = await run(['ent', command, '--store', data, '--id', id, '--name', 'Evil\u001b[31m red']);
      assert.ok(esc.error instanceof CliError && esc.error.code === 'usage', command);
      assert.equal(esc.error.exitCode, EXIT_CODES.usage);
      assert.match(esc.error.message, /--name: control characters are not accepted/);
    }
    assert.doesNotMatch((await run(['ent', 'list', '--store', data])).out, /ENTESC|\u001b/);
    const missing = await run([
      'ent',
      'add',
      '--store',
      data,
      '--id',
      'ENTKEYS',
      '--jwks-file',
      join(dir, 'none.json'),
    ]);
    assert.ok(missing.error instanceof CliError && missing.error.code === 'input');
    assert.equal(missing.error.exitCode, EXIT_CODES.input);
    const privateKey = join(dir, 'private.json');
    await writeFile(privateKey, JSON.stringify({ keys: [{ ...PUBLIC_JWK, d: 'secret' }] }));
    const priv = await run(['ent', 'add', '--store', data, '--id', 'ENTKEYS', '--jwks-file', privateKey]);
    assert.ok(priv.error instanceof CliError && priv.error.code === 'usage');
    assert.match(priv.error.message, /--jwks-file: private key material is refused/);
    assert.ok(!priv.error.message.includes('secret'));
  });

  it('updates only what is given: origins added and removed, a console URL removed with an empty value, inline keys', async () => {
    const keys = join(dir, 'keys.json');
    await writeFile(keys, JSON.stringify({ keys: [PUBLIC_JWK] }));
    const r = await run([
      'ent',
      'update',
      '--store',
      data,
      '--id',
      'ENTBRE',
      '--add-origin',
      'https://portail.ent.example',
      '--remove-origin',
      'http://127.0.0.1:5201',
      '--console-url',
      '',
      '--jwks-file',
      keys,
    ]);
    assert.equal(r.error, undefined);
    const store = await createPgliteStore({ dataDir: data });
    try {
      const ent = await store.getEnt('ENTBRE');
      assert.equal(ent?.name, 'ENT Bretagne');
      assert.deepEqual(ent?.origins, ['https://ent.example', 'https://portail.ent.example']);
      assert.equal(ent?.consoleUrl, undefined);
      assert.equal(ent?.jwksUri, undefined);
      assert.deepEqual(ent?.jwks, { keys: [PUBLIC_JWK] });
      assert.equal(ent?.assertionEndpoint, 'https://ent.example/gar/assertion');
    } finally {
      await store.close();
    }
  });
});
