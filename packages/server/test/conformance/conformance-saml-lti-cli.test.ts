// `opengar conformance --saml-acs … --lti-login …` as a publisher runs it: the temporary issuer on --listen, the JSON
// report, the exit codes, the usage errors of incomplete flag sets.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.js';
import { rsaIdentity } from '../handoff/saml/saml-fixtures.js';
import { freePort } from './fixtures/careless-provider.js';
import { startLtiTool } from './fixtures/lti-tool.js';
import { startSamlSp } from './fixtures/saml-sp.js';

describe('opengar conformance, the SAML and LTI flags of the CLI', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });

  it('replays the SAML (encrypted) and LTI cases at strict implementations: exit 0, JSON report', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const key = rsaIdentity('sp.cli.test');
    const dir = mkdtempSync(join(tmpdir(), 'opengar-conformance-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const certFile = join(dir, 'sp-encryption.pem');
    writeFileSync(certFile, key.certPem);
    const sp = await startSamlSp({ idpEntityId: `${issuer}/saml/metadata`, mode: 'strict', decryptionPvk: key.keyPem });
    closers.push(() => sp.close());
    const tool = await startLtiTool({ platform: issuer });
    closers.push(() => tool.close());
    const run = await runCli([
      'conformance',
      '--saml-acs',
      sp.acs,
      '--saml-sp',
      sp.entityId,
      '--saml-encrypt-to',
      certFile,
      '--lti-login',
      tool.loginUrl,
      '--lti-client-id',
      tool.clientId,
      '--lti-redirect',
      tool.redirectUri,
      '--lti-deployment-id',
      tool.deploymentId,
      '--listen',
      `127.0.0.1:${port}`,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout) as {
      cases: { id: string; verdict: string }[];
      accepted: string[];
      samlMetadata: string;
      conclusive: boolean;
    };
    assert.equal(report.cases.length, 24);
    assert.ok(report.cases.every((c) => c.verdict === 'pass'));
    assert.equal(report.samlMetadata, `${issuer}/saml/metadata`);
    assert.equal(report.conclusive, true);
    assert.match(run.stderr, new RegExp(`SAML IdP metadata ${issuer}/saml/metadata`));
  });

  it('the naive implementations exit 1 and are named; incomplete flag sets are usage errors (2)', async () => {
    const port = await freePort();
    const tool = await startLtiTool({ platform: `http://127.0.0.1:${port}`, naive: true });
    closers.push(() => tool.close());
    const lti = ['--lti-login', tool.loginUrl, '--lti-client-id', tool.clientId, '--lti-redirect', tool.redirectUri];
    const run = await runCli([
      'conformance',
      ...lti,
      '--lti-deployment-id',
      tool.deploymentId,
      '--listen',
      `127.0.0.1:${port}`,
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^FAIL {2}lti-state-mismatch /m);
    assert.match(run.stderr, /opengar: the publisher accepted hostile hand-offs: lti-nonce-reused, lti-state-mismatch/);
    for (const [args, message] of [
      [['--saml-acs', 'http://127.0.0.1:9/acs'], /--saml-acs and --saml-sp go together/],
      [['--saml-sp', 'urn:sp'], /--saml-acs and --saml-sp go together/],
      [['--saml-acs', 'ftp://x', '--saml-sp', 'urn:sp'], /--saml-acs must be an http\(s\) URL/],
      [['--lti-login', 'http://127.0.0.1:9/login'], /--lti-login, --lti-client-id and --lti-redirect go together/],
      [['--lti-target', 'http://127.0.0.1:9/'], /--lti-target needs --lti-login/],
      [['--saml-login', 'http://127.0.0.1:9/login'], /--saml-login needs --saml-acs/],
      [['--saml-encrypt-to', 'sp.pem'], /--saml-encrypt-to needs --saml-acs/],
      [
        ['--saml-acs', 'http://127.0.0.1:9/acs', '--saml-sp', 'urn:sp', '--saml-encrypt-to', '/nonexistent/sp.pem'],
        /--saml-encrypt-to must name a file holding a PEM certificate/,
      ],
      [[...lti, '--skip', 'lti-control'], /--skip: no hostile case named lti-control/],
    ] as const) {
      const bad = await runCli(['conformance', ...args]);
      assert.equal(bad.code, 2, args.join(' '));
      assert.match(bad.stderr, message);
    }
  });
});
