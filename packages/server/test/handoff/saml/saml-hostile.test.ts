// Hostile cases: the stock SP refuses doctored responses, and opengar refuses bad AuthnRequests without harm.
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { before, describe, it } from 'node:test';
import { SignedXml } from 'xml-crypto';
import { ISSUER } from '../../helpers/fixtures.js';
import { assertProblem, form } from '../fixtures/http.js';
import {
  ACS,
  SP_ENTITY,
  buildSamlWorld,
  clickSaml,
  readSamlPage,
  responseXmlOf,
  rsaIdentity,
  samlResponseOf,
  type SamlWorld,
} from './saml-fixtures.js';

const EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const stripSignatures = (xml: string) => xml.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');

function resign(xml: string, keyPem: string, certPem: string, root: 'Assertion' | 'Response'): string {
  const sig = new SignedXml({
    privateKey: keyPem,
    publicCert: certPem,
    canonicalizationAlgorithm: EXC,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  });
  const path = root === 'Response' ? "/*[local-name()='Response']" : "//*[local-name()='Assertion']";
  sig.addReference({
    xpath: path,
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', EXC],
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `${path}/*[local-name()='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

const authnRequest = (o: { id?: string; issuer?: string; acs?: string; instant?: string; extra?: string } = {}) =>
  `${o.extra ?? ''}<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ` +
  `xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.id ?? `_r${crypto.randomUUID()}`}" Version="2.0" ` +
  `IssueInstant="${o.instant ?? new Date().toISOString()}" AssertionConsumerServiceURL="${o.acs ?? ACS}" ` +
  `ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${o.issuer ?? SP_ENTITY}</saml:Issuer>` +
  '</samlp:AuthnRequest>';
const redirectQuery = (xml: string) =>
  `/saml/sso?SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString('base64'))}&idp_hint=ENTA`;

describe('SAML, hostile responses (the stock SP refuses them)', () => {
  let s: SamlWorld;
  let xml = '';
  before(async () => {
    s = await buildSamlWorld();
    xml = responseXmlOf(readSamlPage(await (await clickSaml(s)).text()).SAMLResponse);
  });
  const refused = async (doctored: string, options = {}) =>
    assert.rejects((await s.stockSp(options)).validatePostResponseAsync({ SAMLResponse: samlResponseOf(doctored) }));

  it('accepts the genuine response (the baseline of every case below)', async () => {
    const { profile } = await (await s.stockSp()).validatePostResponseAsync({ SAMLResponse: samlResponseOf(xml) });
    assert.ok(profile?.nameID);
  });

  it('signature wrapping: a second, injected assertion is refused (response signed or not required)', async () => {
    const original = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
    const evil = stripSignatures(original)
      .replace(/ID="[^"]+"/, 'ID="_evil"')
      .replace(/<saml:NameID([^>]*)>[^<]+</, '<saml:NameID$1>attacker<');
    await refused(xml.replace(original, `${evil}${original}`));
    await refused(xml.replace(original, `${original}${evil}`), { wantAuthnResponseSigned: false });
    await refused(xml.replace(original, `${evil}${original}`), { wantAuthnResponseSigned: false });
  });

  it('an unsigned assertion (and response) is refused', async () => {
    await refused(stripSignatures(xml));
    await refused(stripSignatures(xml), { wantAuthnResponseSigned: false });
  });

  it('a response re-signed with another key is refused', async () => {
    const attacker = rsaIdentity('attacker');
    const doctored = stripSignatures(xml).replace(/<saml:NameID([^>]*)>[^<]+</, '<saml:NameID$1>attacker<');
    const resigned = resign(
      resign(doctored, attacker.keyPem, attacker.certPem, 'Assertion'),
      attacker.keyPem,
      attacker.certPem,
      'Response',
    );
    await refused(resigned);
  });

  it('a response for another audience is refused', async () => {
    await refused(xml, { audience: 'https://other-sp.test/metadata' });
  });

  it('names its ACS as Destination and Recipient, both under the signatures (node-saml reads neither: an SP that does refuses another ACS)', async () => {
    assert.match(xml, /<samlp:Response [^>]*Destination="https:\/\/sp\.saml\.test\/acs"/);
    assert.match(xml, /<saml:SubjectConfirmationData [^>]*Recipient="https:\/\/sp\.saml\.test\/acs"/);
    // Moving the response to another ACS breaks both signatures.
    await refused(xml.replaceAll('https://sp.saml.test/acs', 'https://sp.saml.test/other-acs'), {
      callbackUrl: 'https://sp.saml.test/other-acs',
    });
  });

  it('an expired response is refused', async () => {
    const past = await buildSamlWorld(new Date(Date.now() - 10 * 60_000));
    const old = readSamlPage(await (await clickSaml(past)).text()).SAMLResponse;
    await assert.rejects((await past.stockSp()).validatePostResponseAsync({ SAMLResponse: old }));
  });
});

describe('SAML, hostile AuthnRequests (opengar refuses them and keeps answering)', () => {
  let s: SamlWorld;
  before(async () => {
    s = await buildSamlWorld();
  });
  const reason = async (res: Response) => (await assertProblem(res, 400, 'bad-request')).reason;

  it('a DTD or an entity declaration is refused before parsing', async () => {
    const dtd = authnRequest({ extra: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' });
    assert.equal(await reason(await s.w.app.request(redirectQuery(dtd))), 'forbidden_construct');
    const bomb = authnRequest({ extra: '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' });
    const post = form({ SAMLRequest: Buffer.from(bomb).toString('base64'), idp_hint: 'ENTA' });
    assert.equal(await reason(await s.w.app.request('/saml/sso', post)), 'forbidden_construct');
  });

  it('an unknown issuer, an unregistered ACS, a stale instant, another destination are refused', async () => {
    assert.equal(
      await reason(await s.w.app.request(redirectQuery(authnRequest({ issuer: 'https://x.test' })))),
      'unknown_issuer',
    );
    assert.equal(
      await reason(await s.w.app.request(redirectQuery(authnRequest({ acs: 'https://evil.test/acs' })))),
      'unregistered_acs',
    );
    const stale = new Date(Date.now() - 600_000).toISOString();
    assert.equal(await reason(await s.w.app.request(redirectQuery(authnRequest({ instant: stale })))), 'stale_request');
    const elsewhere = authnRequest().replace(
      '<samlp:AuthnRequest ',
      '<samlp:AuthnRequest Destination="https://other-idp.test/sso" ',
    );
    assert.equal(await reason(await s.w.app.request(redirectQuery(elsewhere))), 'wrong_destination');
  });

  it('a replayed AuthnRequest ID is refused', async () => {
    const xml = authnRequest({ id: '_replay-me' });
    assert.equal((await s.w.app.request(redirectQuery(xml))).status, 303);
    assert.equal(await reason(await s.w.app.request(redirectQuery(xml))), 'replayed_request');
  });

  it('garbage, oversized and DEFLATE bombs answer 400, and /healthz still answers', async () => {
    const cases = [
      '/saml/sso',
      '/saml/sso?SAMLRequest=%%%',
      '/saml/sso?SAMLRequest=bm90IGRlZmxhdGU=',
      `/saml/sso?SAMLRequest=${'A'.repeat(30_000)}`,
      `/saml/sso?SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.alloc(5_000_000, 0x3c)).toString('base64'))}`,
      `/saml/sso?SAMLRequest=a&SAMLRequest=b`,
      `${redirectQuery(authnRequest())}&RelayState=${'r'.repeat(1025)}`,
      redirectQuery('<not-a-request/>'),
      redirectQuery('<samlp:AuthnRequest'),
    ];
    for (const path of cases) {
      const res = await s.w.app.request(path);
      assert.equal(res.status, 400, path.slice(0, 60));
      await res.body?.cancel();
    }
    const junk = await s.w.app.request('/saml/sso', form({ SAMLRequest: '\u0000\u0001' }));
    assert.equal(junk.status, 400);
    // A browser asking for HTML gets the service's error page, not JSON.
    const page = await s.w.app.request('/saml/sso?SAMLRequest=x', { headers: { accept: 'text/html' } });
    assert.equal(page.status, 400);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal((await s.w.app.request('/healthz')).status, 200);
  });

  it('publishes the metadata with the current and next signing certificates after a rotation', async () => {
    const before = await s.idpCerts();
    assert.equal(before.length, 1);
    await s.w.keys.rotate({ alg: 'RS256' });
    const after = await s.idpCerts();
    assert.equal(after.length, 2);
    const meta = await (await s.w.app.request('/saml/metadata')).text();
    assert.match(meta, new RegExp(`entityID="${ISSUER}/saml/metadata"`));
    assert.match(meta, /SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"/);
  });
});
