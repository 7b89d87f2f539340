// `opengar conformance` against SAML 2.0 service providers validating with the stock @node-saml/node-saml: a strict
// one refuses every hostile response and accepts the valid one; a naive one accepts exactly what it does not check.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startConformanceIssuer } from '../../src/conformance/conformance-issuer.js';
import { formatConformanceReport, runConformance } from '../../src/conformance/run-conformance.js';
import { rsaIdentity } from '../handoff/saml/saml-fixtures.js';
import { startSamlSp } from './fixtures/saml-sp.js';

describe('opengar conformance against SAML service providers (node-saml)', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });

  it('a strict SP refuses every hostile response and accepts the valid one', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const sp = await startSamlSp({ idpEntityId: `${issuer.url}/saml/metadata`, mode: 'strict' });
    closers.push(() => sp.close());
    const report = await runConformance({ saml: { acs: sp.acs, entityId: sp.entityId }, issuer });
    // 401: node-saml refused it; 403: the SP's own checks (replay, Issuer, Destination and Recipient) did.
    assert.deepEqual(
      report.cases.map((c) => [c.id, c.verdict, c.status]),
      [
        ['saml-control', 'pass', 200],
        ['saml-replayed', 'pass', 403],
        ['saml-expired', 'pass', 401],
        ['saml-not-yet-valid', 'pass', 401],
        ['saml-wrong-audience', 'pass', 401],
        ['saml-wrong-recipient', 'pass', 403],
        ['saml-wrong-issuer', 'pass', 403],
        ['saml-unsigned', 'pass', 401],
        ['saml-unknown-key', 'pass', 401],
        ['saml-wrapped', 'pass', 401],
        ['saml-tampered', 'pass', 401],
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
    const sp = await startSamlSp({ idpEntityId: `${issuer.url}/saml/metadata`, mode: 'naive' });
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

  it('node-saml as its README configures it, alone, accepts a replay, another ACS and another Issuer', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const sp = await startSamlSp({ idpEntityId: `${issuer.url}/saml/metadata`, mode: 'stock' });
    closers.push(() => sp.close());
    const report = await runConformance({ saml: { acs: sp.acs, entityId: sp.entityId }, issuer });
    assert.deepEqual(report.accepted, ['saml-replayed', 'saml-wrong-recipient', 'saml-wrong-issuer']);
    assert.equal(report.conclusive, true);
  });

  it('SP-initiated (--saml-login): each case answers a fresh AuthnRequest; unsolicited and unknown requests refused', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const sp = await startSamlSp({
      idpEntityId: `${issuer.url}/saml/metadata`,
      mode: 'strict',
      inResponseTo: 'always',
    });
    closers.push(() => sp.close());
    const saml = { acs: sp.acs, entityId: sp.entityId, loginUrl: sp.loginUrl };
    const report = await runConformance({ saml, issuer });
    const text = formatConformanceReport(report);
    assert.deepEqual(report.accepted, [], text);
    assert.equal(report.conclusive, true, text);
    assert.deepEqual(
      report.cases.slice(-2).map((c) => [c.id, c.verdict, c.status]),
      [
        ['saml-unsolicited', 'pass', 401],
        ['saml-unknown-request', 'pass', 401],
      ],
    );
    assert.equal(report.cases.length, 13);
    assert.equal(sp.signedIn.length, 1);

    // An SP that also welcomes unsolicited responses is reported for that one only.
    const open = await startSamlSp({
      idpEntityId: `${issuer.url}/saml/metadata`,
      mode: 'strict',
      inResponseTo: 'ifPresent',
    });
    closers.push(() => open.close());
    const lax = await runConformance({
      saml: { acs: open.acs, entityId: open.entityId, loginUrl: open.loginUrl },
      issuer,
    });
    assert.deepEqual(lax.accepted, ['saml-unsolicited'], formatConformanceReport(lax));

    // Without --saml-login, an SP that signs on only when asked refuses even the control: inconclusive.
    const idpInitiated = await runConformance({ saml: { acs: sp.acs, entityId: sp.entityId }, issuer });
    assert.equal(idpInitiated.conclusive, false);
    assert.ok(!idpInitiated.cases.some((c) => c.id === 'saml-unsolicited'));
  });

  it('encrypted assertions (encryptTo): the cases reach an SP that decrypts, and it refuses them all', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const key = rsaIdentity('sp.conformance.test');
    const sp = await startSamlSp({
      idpEntityId: `${issuer.url}/saml/metadata`,
      mode: 'strict',
      decryptionPvk: key.keyPem,
    });
    closers.push(() => sp.close());
    const report = await runConformance({
      saml: { acs: sp.acs, entityId: sp.entityId, encryptTo: key.certPem },
      issuer,
    });
    const text = formatConformanceReport(report);
    assert.deepEqual(report.accepted, [], text);
    assert.equal(report.conclusive, true, text);
    assert.equal(sp.signedIn.length, 1);
    // node-saml decrypted each one and refused it itself (401), except what only the SP checks (403).
    assert.deepEqual(
      report.cases.filter((c) => c.status === 403).map((c) => c.id),
      ['saml-replayed', 'saml-wrong-recipient', 'saml-wrong-issuer'],
    );
    // Without encryption, this SP refuses even the valid response: inconclusive.
    const plain = await runConformance({
      saml: { acs: sp.acs, entityId: sp.entityId },
      issuer,
      skip: ['saml-wrapped'],
    });
    assert.equal(plain.conclusive, false);
  });

  it('is inconclusive when the SP trusts another IdP (the valid response is refused)', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    const other = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => other.close());
    const sp = await startSamlSp({ idpEntityId: `${other.url}/saml/metadata`, mode: 'strict' });
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
