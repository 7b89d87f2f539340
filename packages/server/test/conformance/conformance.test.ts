// `opengar conformance` against a deliberately careless publisher: its failures are reported, case by case, and the
// command exits non-zero; in process (runConformance) and as the CLI a publisher would run.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startConformanceIssuer } from '../../src/conformance/conformance-issuer.js';
import { formatConformanceReport, runConformance } from '../../src/conformance/run-conformance.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import ConnectCas from 'connect-cas2';
import express from 'express';
import session from 'express-session';
import { runCli } from '../cli/run-cli.js';
import { freePort, startCarelessProvider } from './fixtures/careless-provider.js';

const AUDIENCE = 'ark:/12345/careless';

describe('opengar conformance against a careless publisher', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });

  it('reports each hostile hand-off it accepted, with what to fix, and the ones it refused', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const provider = await startCarelessProvider(issuer.url);
    closers.push(() => provider.close());
    const seen: string[] = [];
    const report = await runConformance({
      publisherUrl: `${provider.url}/launch`,
      audience: AUDIENCE,
      casService: `${provider.url}/cas`,
      issuer,
      onCase: (c) => seen.push(c.id),
    });
    const verdicts = Object.fromEntries(report.cases.map((c) => [c.id, c.verdict]));
    assert.deepEqual(verdicts, {
      control: 'pass',
      replayed: 'fail',
      expired: 'fail',
      'not-yet-valid': 'fail',
      'wrong-audience': 'fail',
      'wrong-issuer': 'fail',
      'wrong-typ': 'fail',
      'unknown-key': 'pass',
      'tampered-claims': 'pass',
      'alg-none': 'pass',
      'cas-control': 'pass',
      'cas-ticket-reuse': 'fail',
      'cas-wrong-service': 'fail',
      'cas-forged-ticket': 'fail',
    });
    assert.deepEqual(seen, Object.keys(verdicts), 'told case by case, in order');
    assert.deepEqual(report.accepted, [
      'replayed',
      'expired',
      'not-yet-valid',
      'wrong-audience',
      'wrong-issuer',
      'wrong-typ',
      'cas-ticket-reuse',
      'cas-wrong-service',
      'cas-forged-ticket',
    ]);
    assert.equal(report.conclusive, true);
    const unknown = report.cases.find((c) => c.id === 'unknown-key')!;
    assert.equal(unknown.status, 401);
    assert.equal(unknown.fix, undefined);
    assert.match(report.cases.find((c) => c.id === 'wrong-typ')!.fix!, /gar\+jwt/);
    // The publisher's CAS client did call the server: the reuse and the wrong service were refused there, not by it.
    assert.deepEqual(
      issuer.validations.map((v) => v.outcome),
      ['success', 'INVALID_TICKET', 'INVALID_SERVICE', 'INVALID_TICKET'],
    );
    const text = formatConformanceReport(report);
    assert.match(text, /^FAIL {2}expired\s+a token expired 5 minutes ago: accepted \(HTTP 200\)$/m);
    assert.match(text, /^PASS {2}unknown-key\s+.*: refused \(HTTP 401\)$/m);
    assert.match(text, /^FAILED: the publisher accepted 9 of 12 hostile hand-offs\.$/m);
    assert.doesNotMatch(text, /eyJ|ST-[0-9a-f]{20}/, 'no token or ticket in the report');
  });

  it('is inconclusive when the publisher refuses even the valid hand-off (it trusts another issuer)', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const other = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => other.close());
    const provider = await startCarelessProvider(other.url);
    closers.push(() => provider.close());
    const report = await runConformance({ publisherUrl: `${provider.url}/launch`, audience: AUDIENCE, issuer });
    assert.equal(report.cases[0]!.verdict, 'fail');
    assert.equal(report.conclusive, false);
    assert.match(formatConformanceReport(report), /^INCONCLUSIVE:/m);
  });

  it('a stock CAS client (connect-cas2) refuses the reused, misdirected and forged tickets (CAS cases only)', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const app = express();
    const server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(
      () =>
        new Promise((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    const prefix = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cas = new ConnectCas({
      servicePrefix: prefix,
      serverPath: issuer.url,
      paths: { validate: '/cas/validate', serviceValidate: '/cas/serviceValidate', proxyCallback: '' },
      logger: () => () => {},
    });
    app.use(session({ secret: 'conformance-client-secret', resave: false, saveUninitialized: true }));
    app.use(cas.core());
    app.get('/', (_req, res) => res.type('text/plain').send('signed in'));
    const report = await runConformance({ casService: `${prefix}/cas/validate`, issuer });
    assert.deepEqual(
      report.cases.map((c) => [c.id, c.verdict, c.status]),
      [
        ['cas-control', 'pass', 200],
        ['cas-ticket-reuse', 'pass', 401],
        ['cas-wrong-service', 'pass', 401],
        ['cas-forged-ticket', 'pass', 401],
      ],
    );
    assert.equal(report.conclusive, true);
    assert.match(formatConformanceReport(report), /^OK: the publisher refused all 3 hostile hand-offs/m);
    assert.match(formatConformanceReport(report), /^Not covered: SAML single logout/m);
  });

  it('the CLI prints the JSON report and exits 1; usage errors exit 2', async () => {
    const port = await freePort();
    const provider = await startCarelessProvider(`http://127.0.0.1:${port}`);
    closers.push(() => provider.close());
    const run = await runCli([
      'conformance',
      `${provider.url}/launch`,
      '--audience',
      AUDIENCE,
      '--cas-service',
      `${provider.url}/cas`,
      '--listen',
      `127.0.0.1:${port}`,
      '--json',
    ]);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { accepted: string[]; cases: unknown[]; issuer: string };
    assert.equal(report.issuer, `http://127.0.0.1:${port}`);
    assert.equal(report.cases.length, 14);
    assert.ok(report.accepted.includes('cas-wrong-service') && report.accepted.includes('expired'));
    assert.match(run.stderr, /opengar: the publisher accepted hostile hand-offs: replayed, expired/);
    assert.doesNotMatch(run.stderr, /at .*\.ts:\d+/, 'no stack trace');

    const bad = await runCli(['conformance', 'ftp://x', '--audience', AUDIENCE]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /<publisher-url> must be an http\(s\) URL/);
    const skip = await runCli(['conformance', 'http://127.0.0.1:9/', '--audience', AUDIENCE, '--skip', 'control']);
    assert.equal(skip.code, 2);
    const neither = await runCli(['conformance']);
    assert.equal(neither.code, 2);
    assert.match(neither.stderr, /give a <publisher-url>, a --cas-service, a --saml-acs or an --lti-login/);
    const noAudience = await runCli(['conformance', 'http://127.0.0.1:9/']);
    assert.equal(noAudience.code, 2);
    const help = await runCli(['conformance', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit codes: 0 every hostile hand-off refused/);
    assert.match(help.stdout, /--saml-acs <url>/);
    assert.match(help.stdout, /--lti-login <url>/);
    assert.match(help.stdout, /Not covered: SAML single logout/);
    assert.match(run.stderr, /Not covered: SAML single logout/);
  });
});
