// `opengar conformance` against LTI 1.3 tools verifying with jose: a strict tool refuses every hostile launch and
// accepts the valid one; a naive one (signature, issuer, audience and expiry only) is reported for exactly the rest.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startConformanceIssuer } from '../../src/conformance/conformance-issuer.js';
import { formatConformanceReport, runConformance } from '../../src/conformance/run-conformance.js';
import { startLtiTool, type LtiTool } from './fixtures/lti-tool.js';

const target = (t: LtiTool) => ({
  loginUrl: t.loginUrl,
  clientId: t.clientId,
  redirectUri: t.redirectUri,
  deploymentId: t.deploymentId,
});

describe('opengar conformance against LTI 1.3 tools', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });

  it('a strict tool refuses every hostile launch and accepts the valid one', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const tool = await startLtiTool({ platform: issuer.url });
    closers.push(() => tool.close());
    const report = await runConformance({ lti: target(tool), issuer });
    const text = formatConformanceReport(report);
    assert.deepEqual(
      report.cases.map((c) => [c.id, c.verdict]),
      [
        ['lti-control', 'pass'],
        ['lti-nonce-reused', 'pass'],
        ['lti-state-mismatch', 'pass'],
        ['lti-wrong-audience', 'pass'],
        ['lti-wrong-azp', 'pass'],
        ['lti-wrong-issuer', 'pass'],
        ['lti-expired', 'pass'],
        ['lti-unknown-key', 'pass'],
        ['lti-alg-none', 'pass'],
        ['lti-no-message-type', 'pass'],
        ['lti-no-version', 'pass'],
        ['lti-no-deployment-id', 'pass'],
        ['lti-tampered', 'pass'],
      ],
      text,
    );
    assert.equal(report.conclusive, true);
    assert.equal(tool.launched.length, 1, 'only the control launched');
    assert.match(text, /^OK: the publisher refused all 12 hostile hand-offs/m);
    assert.match(
      text,
      /^LTI platform http:\/\/127\.0\.0\.1:\d+ \(authorization endpoint .*\/lti\/authorize\), client id conformance-tool, deployment deployment-1$/m,
    );
    assert.doesNotMatch(text, /eyJ/, 'no token in the report');
  });

  it('a naive tool is reported for the state, nonce, azp and LTI claims it does not check', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const tool = await startLtiTool({ platform: issuer.url, naive: true });
    closers.push(() => tool.close());
    const report = await runConformance({ lti: target(tool), issuer });
    assert.deepEqual(
      report.accepted,
      [
        'lti-nonce-reused',
        'lti-state-mismatch',
        'lti-wrong-azp',
        'lti-no-message-type',
        'lti-no-version',
        'lti-no-deployment-id',
      ],
      formatConformanceReport(report),
    );
    assert.equal(report.conclusive, true);
    assert.match(report.cases.find((c) => c.id === 'lti-wrong-azp')!.fix!, /azp/);
  });

  it('a tool whose authentication request names another redirect URI makes the run inconclusive', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const tool = await startLtiTool({ platform: issuer.url });
    closers.push(() => tool.close());
    const report = await runConformance({
      lti: { ...target(tool), redirectUri: `${tool.url}/lti/elsewhere` },
      issuer,
      skip: ['lti-tampered'],
    });
    const control = report.cases[0]!;
    assert.equal(control.verdict, 'error');
    assert.match(control.detail, /redirect_uri is not the registered one/);
    assert.equal(report.conclusive, false);
    assert.match(formatConformanceReport(report), /^INCONCLUSIVE:/m);
    assert.ok(!report.cases.some((c) => c.id === 'lti-tampered'));
  });
});
