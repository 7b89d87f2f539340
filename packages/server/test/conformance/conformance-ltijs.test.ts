// `opengar conformance --lti-login …` against ltijs (a stock LTI 1.3 tool library, set up as in
// test/handoff/lti/ltijs-tool.ts, on the PostgreSQL test cluster): the control launches, the hostile launches are
// refused. Skipped, with the reason, where the PostgreSQL test cluster cannot start.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startConformanceIssuer, type ConformanceIssuer } from '../../src/conformance/conformance-issuer.js';
import { formatConformanceReport, runConformance } from '../../src/conformance/run-conformance.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startLtijsTool, type LtijsTool } from '../handoff/lti/ltijs-tool.js';

const CLIENT = 'opengar-conformance-tool';
const pg = await startTestPostgres();
const skip = 'skip' in pg ? pg.skip : false;

describe('opengar conformance against ltijs', { skip }, () => {
  let issuer: ConformanceIssuer;
  let tool: LtijsTool;
  before(async () => {
    if ('skip' in pg) return;
    issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    tool = await startLtijsTool((await pg.createDatabase()).url);
    await tool.register(issuer.url, CLIENT);
  });
  after(async () => {
    if ('skip' in pg) return;
    await tool?.close();
    await issuer?.close();
    await (pg as TestPostgres).stop();
  });

  it('ltijs launches the control and refuses every hostile launch', async () => {
    const report = await runConformance({
      lti: { loginUrl: `${tool.url}/lti/login`, clientId: CLIENT, redirectUri: `${tool.url}/lti`, deploymentId: 'd1' },
      issuer,
    });
    const text = formatConformanceReport(report);
    assert.deepEqual(
      report.cases.map((c) => [c.id, c.verdict, c.status]),
      [
        ['lti-control', 'pass', 200],
        ...[
          'lti-nonce-reused',
          'lti-state-mismatch',
          'lti-wrong-audience',
          'lti-wrong-azp',
          'lti-wrong-issuer',
          'lti-expired',
          'lti-unknown-key',
          'lti-alg-none',
          'lti-no-message-type',
          'lti-no-version',
          'lti-no-deployment-id',
          'lti-tampered',
        ].map((id) => [id, 'pass', 401]),
      ],
      text,
    );
    assert.equal(report.conclusive, true);
    assert.equal(tool.launches.length, 1, 'ltijs ran its onConnect for the control only');
    assert.match(text, /^OK: the publisher refused all 12 hostile hand-offs/m);
  });
});
