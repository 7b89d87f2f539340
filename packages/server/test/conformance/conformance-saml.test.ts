// `opengar conformance` against SAML 2.0 service providers validating with the stock @node-saml/node-saml: a strict
// one refuses every hostile response and accepts the valid one; a naive one accepts exactly what it does not check.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startConformanceIssuer } from '../../src/conformance/conformance-issuer.js';
import { formatConformanceReport, runConformance } from '../../src/conformance/run-conformance.js';
import { startSamlSp } from './fixtures/saml-sp.js';

describe('opengar conformance against SAML service providers (node-saml)', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });

  it('a strict SP refuses every hostile response and accepts the valid one', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const sp = await startSamlSp({ idpEntityId: `${issuer.url}/saml/metadata` });
    closers.push(() => sp.close());
    const report = await runConformance({ saml: { acs: sp.acs, entityId: sp.entityId }, issuer });
    assert.deepEqual(
      report.cases.map((c) => [c.id, c.verdict]),
      [
        ['saml-control', 'pass'],
        ['saml-replayed', 'pass'],
        ['saml-expired', 'pass'],
        ['saml-not-yet-valid', 'pass'],
        ['saml-wrong-audience', 'pass'],
        ['saml-wrong-recipient', 'pass'],
        ['saml-wrong-issuer', 'pass'],
        ['saml-unsigned', 'pass'],
        ['saml-unknown-key', 'pass'],
        ['saml-wrapped', 'pass'],
        ['saml-tampered', 'pass'],
      ],
      formatConformanceReport(report),
    );
    assert.equal(report.conclusive, true);
    assert.deepEqual(report.accepted, []);
    assert.equal(sp.signedIn.length, 1, 'only the control signed someone in');
    assert.equal(report.cases[0]!.status, 200);
    const text = formatConformanceReport(report);
    assert.match(text, /^OK: the publisher refused all 10 hostile hand-offs/m);
    assert.match(
      text,
      new RegExp(`^SAML IdP metadata ${issuer.url}/saml/metadata .*service provider ${sp.entityId}$`, 'm'),
    );
    assert.doesNotMatch(text, /PHNhbWxwOlJlc3BvbnNl|<samlp:/, 'no response in the report');
  });

  it('a naive SP (no audience, time, replay, Destination or Issuer check) is reported for exactly those cases', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const sp = await startSamlSp({ idpEntityId: `${issuer.url}/saml/metadata`, naive: true });
    closers.push(() => sp.close());
    const report = await runConformance({ saml: { acs: sp.acs, entityId: sp.entityId }, issuer });
    assert.deepEqual(
      report.accepted,
      [
        'saml-replayed',
        'saml-expired',
        'saml-not-yet-valid',
        'saml-wrong-audience',
        'saml-wrong-recipient',
        'saml-wrong-issuer',
      ],
      formatConformanceReport(report),
    );
    assert.equal(report.conclusive, true);
    const replayed = report.cases.find((c) => c.id === 'saml-replayed')!;
    assert.match(replayed.fix!, /assertion ID/);
    assert.match(formatConformanceReport(report), /^FAILED: the publisher accepted 6 of 10 hostile hand-offs\.$/m);
  });

  it('is inconclusive when the SP trusts another IdP (the valid response is refused)', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const other = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => other.close());
    const sp = await startSamlSp({ idpEntityId: `${other.url}/saml/metadata` });
    closers.push(() => sp.close());
    const report = await runConformance({
      saml: { acs: sp.acs, entityId: sp.entityId },
      issuer,
      skip: ['saml-wrapped'],
    });
    assert.equal(report.cases[0]!.verdict, 'fail');
    assert.equal(report.conclusive, false);
    assert.ok(!report.cases.some((c) => c.id === 'saml-wrapped'), 'skipped');
  });
});
