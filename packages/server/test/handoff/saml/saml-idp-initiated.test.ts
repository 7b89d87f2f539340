// IdP-initiated SAML (the médiacentre click): the stock SP library validates opengar's responses, plain and encrypted.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { pairwisePseudonym } from '@opengar/core';
import { S1, SECRET } from '../../helpers/fixtures.js';
import { assertProblem } from '../fixtures/http.js';
import {
  ACS,
  R_SAML,
  SP_ENTITY,
  buildSamlWorld,
  clickSaml,
  readSamlPage,
  responseXmlOf,
  type SamlWorld,
} from './saml-fixtures.js';

describe('SAML, IdP-initiated from the médiacentre', () => {
  let s: SamlWorld;
  const ido = pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_SAML });
  before(async () => {
    s = await buildSamlWorld();
  });

  it('answers an auto-submitting form to the ACS that node-saml validates: IDO as NameID, the declared attributes', async () => {
    const res = await clickSaml(s);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const page = readSamlPage(await res.text());
    assert.match(
      res.headers.get('content-security-policy') ?? '',
      new RegExp(`script-src 'nonce-${page.nonce.replace(/[+/]/g, '\\$&')}'`),
    );
    assert.match(res.headers.get('content-security-policy') ?? '', /form-action https:\/\/sp\.saml\.test/);
    assert.equal(page.action, ACS);
    assert.equal(page.RelayState, undefined);
    const { profile, loggedOut } = await (await s.stockSp()).validatePostResponseAsync({
      SAMLResponse: page.SAMLResponse,
    });
    assert.equal(loggedOut, false);
    assert.ok(profile);
    assert.equal(profile.nameID, ido);
    assert.equal(profile.nameIDFormat, 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
    assert.equal(profile.issuer, `https://gar.test/saml/metadata`);
    assert.equal(profile.IDO, ido);
    assert.equal(profile.UAI, S1);
    assert.equal(profile.PRO, 'National_elv');
    assert.equal(profile.NOM, 'Durand');
    assert.ok(!('P_MEL' in profile), 'an undeclared attribute is never released');
    const xml = responseXmlOf(page.SAMLResponse);
    assert.match(xml, new RegExp(`<saml:Audience>${SP_ENTITY}</saml:Audience>`));
    assert.match(xml, /Recipient="https:\/\/sp\.saml\.test\/acs"/);
    assert.doesNotMatch(xml, /InResponseTo/);
    assert.doesNotMatch(xml, /ENTA|eleve-a/, 'neither the ENT id nor the ENT person id reach the SP');
  });

  it('records the hand-off with protocol saml', async () => {
    const events = await s.w.store.listHandoffEvents({ resourceId: R_SAML });
    assert.ok(events.some((e) => e.protocol === 'saml' && e.outcome === 'success'));
  });

  it('gives every response and assertion a fresh id, and NotOnOrAfter within the hand-off lifetime', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const xml = responseXmlOf(readSamlPage(await (await clickSaml(s)).text()).SAMLResponse);
      for (const m of xml.matchAll(/<(?:samlp:Response|saml:Assertion)[^>]* ID="([^"]+)"/g)) {
        assert.ok(!ids.has(m[1]!), 'an id is never reused');
        ids.add(m[1]!);
      }
      const issued = Date.parse(/IssueInstant="([^"]+)"/.exec(xml)![1]!);
      const until = Date.parse(/<saml:Conditions[^>]* NotOnOrAfter="([^"]+)"/.exec(xml)![1]!);
      assert.ok(until - issued <= 120_000 && until > issued);
    }
    assert.equal(ids.size, 6);
  });

  it('encrypts the assertion for an SP that asked (AES-256-GCM, RSA-OAEP), and node-saml decrypts and validates it', async () => {
    await s.register({ encryptAssertions: true });
    const page = readSamlPage(await (await clickSaml(s)).text());
    const xml = responseXmlOf(page.SAMLResponse);
    assert.match(xml, /<saml:EncryptedAssertion/);
    assert.match(xml, /xmlenc11#aes256-gcm/);
    assert.match(xml, /rsa-oaep-mgf1p/);
    assert.doesNotMatch(xml, /National_elv|Durand/, 'no attribute in clear');
    const { profile } = await (await s.stockSp()).validatePostResponseAsync({ SAMLResponse: page.SAMLResponse });
    assert.equal(profile?.nameID, ido);
    assert.equal(profile?.PRO, 'National_elv');
    await s.register({ encryptAssertions: false });
  });

  it('carries a deep link (grain) as RelayState', async () => {
    const page = readSamlPage(await (await clickSaml(s, { grain: '/chapitre/3?x=1' })).text());
    assert.equal(page.RelayState, 'https://sp.saml.test/chapitre/3?x=1');
  });

  it('refuses the click when the SP no longer has the ACS (registration changed): invalid_service', async () => {
    await s.register({ acsUrls: [] as unknown as string[] });
    const problem = await assertProblem(await clickSaml(s), 400, 'bad-request');
    assert.equal(problem.reason, 'invalid_service');
    await s.register({});
  });
});
