// SAML single logout, SP-initiated (HTTP-Redirect): node-saml's signed LogoutRequest is answered with a signed
// LogoutResponse (Success) posted to the SP's registered single logout URL, which node-saml accepts; hostile refused.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { ValidateInResponseTo } from '@node-saml/node-saml';
import { CAS_SERVICE, ISSUER } from '../../helpers/fixtures.js';
import { assertProblem } from '../fixtures/http.js';
import {
  IDP_ENTITY,
  buildSamlWorld,
  readSamlPage,
  responseXmlOf,
  rsaIdentity,
  type SamlWorld,
} from './saml-fixtures.js';

const SLO = 'https://sp.saml.test/slo';
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const user = { issuer: IDP_ENTITY, nameID: 'ido-1', nameIDFormat: PERSISTENT, sessionIndex: '_s1' };
const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

describe('SAML single logout', () => {
  let s: SamlWorld;
  const signingSp = () =>
    s.stockSp({
      logoutUrl: `${ISSUER}/saml/slo`,
      logoutCallbackUrl: SLO,
      privateKey: s.sp.keyPem,
      signatureAlgorithm: 'sha256',
      validateInResponseTo: ValidateInResponseTo.always,
    });
  before(async () => {
    s = await buildSamlWorld();
    await s.register({ singleLogoutUrl: SLO });
  });

  it('answers a signed LogoutRequest with a signed LogoutResponse (Success) node-saml accepts; ends the CAS session', async () => {
    const sp = await signingSp();
    const url = await sp.getLogoutUrlAsync(user, 'apres-deconnexion', {});
    assert.match(url, /Signature=/);
    const res = await s.w.app.request(pathOf(url));
    assert.equal(res.status, 200);
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith('opengar_cas='));
    assert.ok(cleared, 'the CAS session cookie is cleared');
    assert.match(cleared, /Max-Age=0/);
    const html = await res.text();
    assert.ok(html.includes('Déconnexion de'));
    const page = readSamlPage(html);
    assert.equal(page.action, SLO);
    assert.equal(page.RelayState, 'apres-deconnexion');
    const xml = responseXmlOf(page.SAMLResponse);
    assert.match(xml, /^<samlp:LogoutResponse /);
    assert.match(xml, /status:Success/);
    assert.match(xml, /<ds:Signature/);
    // InResponseTo = the request's ID (node-saml reads InResponseTo on a <Response> only: checked here, and its
    // signature and status by node-saml below).
    const requestXml = inflateRawSync(Buffer.from(new URL(url).searchParams.get('SAMLRequest')!, 'base64')).toString();
    const requestId = /ID="([^"]+)"/.exec(requestXml)![1];
    assert.match(xml, new RegExp(`InResponseTo="${requestId}"`));
    assert.match(xml, new RegExp(`Destination="${SLO}"`));
    const reader = await s.stockSp({ validateInResponseTo: ValidateInResponseTo.never });
    const result = await reader.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse });
    assert.equal(result.loggedOut, true);
    // Re-signed by another key, node-saml refuses it.
    const stranger = await s.stockSp({
      validateInResponseTo: ValidateInResponseTo.never,
      idpCert: rsaIdentity('x').certPem,
    });
    await assert.rejects(stranger.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse }), /signature/i);
    // The same request again is refused (its ID is spent).
    assert.equal(
      (await assertProblem(await s.w.app.request(pathOf(url)), 400, 'bad-request')).reason,
      'replayed_request',
    );
  });

  it('sends the CAS services of the browser’s session their single logout requests, as /cas/logout does', async () => {
    const sealed = await s.w.service.cas.sealSession({
      entId: 'ENTA',
      services: [{ service: CAS_SERVICE, ticket: 'ST-slo-1' }],
    });
    const url = await (await signingSp()).getLogoutUrlAsync(user, '', {});
    const calls: { url: string; body: string }[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (to: string | URL, init?: RequestInit) => {
      calls.push({ url: String(to), body: String(init?.body) });
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    let res: Response;
    try {
      res = await s.w.app.request(pathOf(url), { headers: { cookie: `opengar_cas=${sealed}` } });
    } finally {
      globalThis.fetch = original;
    }
    assert.equal(res.status, 200);
    assert.deepEqual(
      calls.map((c) => c.url),
      [CAS_SERVICE],
    );
    assert.match(new URLSearchParams(calls[0]!.body).get('logoutRequest')!, /<samlp:SessionIndex>ST-slo-1</);
    const logged = s.w.logger.lines.findLast((l) => l.includes('"saml.logout"'))!;
    assert.match(logged, /"outcome":"notified"/);
    assert.match(logged, /"sp":"https:\/\/sp\.saml\.test"/);
    assert.ok(!logged.includes('ST-slo-1'), 'no ticket in the log');
    // Without a CAS session, nothing is sent.
    const again = await (await signingSp()).getLogoutUrlAsync(user, '', {});
    globalThis.fetch = (async () => assert.fail('no back-channel request without a session')) as typeof fetch;
    try {
      assert.equal((await s.w.app.request(pathOf(again))).status, 200);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('answers by a redirect with a signed query when the SP registered the Redirect binding; node-saml accepts it', async () => {
    await s.register({ singleLogoutUrl: `${SLO}?tenant=1`, singleLogoutBinding: 'redirect' });
    try {
      const url = await (await signingSp()).getLogoutUrlAsync(user, 'retour', {});
      const res = await s.w.app.request(pathOf(url));
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.match(res.headers.getSetCookie().join(), /opengar_cas=; .*Max-Age=0/);
      const location = new URL(res.headers.get('location')!);
      assert.equal(`${location.origin}${location.pathname}`, SLO);
      assert.equal(location.searchParams.get('tenant'), '1', 'the registered URL’s own query is kept');
      assert.equal(location.searchParams.get('RelayState'), 'retour');
      assert.equal(location.searchParams.get('SigAlg'), 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
      const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLResponse')!, 'base64')).toString();
      assert.match(xml, /^<samlp:LogoutResponse /);
      assert.match(xml, /status:Success/);
      assert.doesNotMatch(xml, /<ds:Signature/, 'the query is signed, not the message');
      const reader = await s.stockSp({ validateInResponseTo: ValidateInResponseTo.never });
      const query = Object.fromEntries(location.searchParams);
      const result = await reader.validateRedirectAsync(query, location.search.slice(1));
      assert.equal(result.loggedOut, true);
      // The RelayState changed on the way: node-saml refuses the signature; another key: refused too.
      const forged = location.search.slice(1).replace('RelayState=retour', 'RelayState=ailleurs');
      await assert.rejects(
        reader.validateRedirectAsync({ ...query, RelayState: 'ailleurs' }, forged),
        /Invalid query signature/,
      );
      const stranger = await s.stockSp({
        validateInResponseTo: ValidateInResponseTo.never,
        idpCert: rsaIdentity('y').certPem,
      });
      await assert.rejects(stranger.validateRedirectAsync(query, location.search.slice(1)), /Invalid query signature/);
    } finally {
      await s.register({ singleLogoutUrl: SLO, singleLogoutBinding: undefined });
    }
  });

  it('refuses an unsigned or tampered request from an SP that registered signing certificates', async () => {
    const unsigned = await (await s.stockSp({ logoutUrl: `${ISSUER}/saml/slo` })).getLogoutUrlAsync(user, '', {});
    assert.doesNotMatch(unsigned, /Signature=/);
    const r1 = await s.w.app.request(pathOf(unsigned));
    assert.equal((await assertProblem(r1, 400, 'bad-request')).reason, 'bad_signature');
    const signed = await (await signingSp()).getLogoutUrlAsync(user, 'rs', {});
    const r2 = await s.w.app.request(pathOf(signed.replace('RelayState=rs', 'RelayState=rz')));
    assert.equal((await assertProblem(r2, 400, 'bad-request')).reason, 'bad_signature');
  });

  it('refuses an SP without a registered single logout URL, an unknown issuer, a wrong destination', async () => {
    await s.register({ singleLogoutUrl: undefined });
    try {
      const url = await (await signingSp()).getLogoutUrlAsync(user, '', {});
      const r = await s.w.app.request(pathOf(url));
      assert.equal((await assertProblem(r, 400, 'bad-request')).reason, 'no_logout_endpoint');
    } finally {
      await s.register({ singleLogoutUrl: SLO });
    }
    const stranger = await s.stockSp({ issuer: 'https://nobody.test/sp', logoutUrl: `${ISSUER}/saml/slo` });
    const r2 = await s.w.app.request(pathOf(await stranger.getLogoutUrlAsync(user, '', {})));
    assert.equal((await assertProblem(r2, 400, 'bad-request')).reason, 'unknown_issuer');
    // node-saml puts its logoutUrl in Destination: another endpoint of ours is refused.
    const elsewhere = await s.stockSp({
      logoutUrl: `${ISSUER}/saml/sso`,
      privateKey: s.sp.keyPem,
      signatureAlgorithm: 'sha256',
    });
    const url3 = (await elsewhere.getLogoutUrlAsync(user, '', {})).replace('/saml/sso?', '/saml/slo?');
    const r3 = await s.w.app.request(pathOf(url3));
    assert.equal((await assertProblem(r3, 400, 'bad-request')).reason, 'wrong_destination');
  });

  it('refuses an AuthnRequest, a DTD, garbage, duplicated parameters', async () => {
    const authn = await (await s.stockSp()).getAuthorizeUrlAsync('', undefined, {});
    const r1 = await s.w.app.request(pathOf(authn).replace('/saml/sso?', '/saml/slo?'));
    assert.equal((await assertProblem(r1, 400, 'bad-request')).reason, 'not_a_logout_request');
    const { deflateRawSync } = await import('node:zlib');
    const dtd = deflateRawSync('<!DOCTYPE x [<!ENTITY a "b">]><LogoutRequest/>').toString('base64');
    const r2 = await s.w.app.request(`/saml/slo?SAMLRequest=${encodeURIComponent(dtd)}`);
    assert.equal((await assertProblem(r2, 400, 'bad-request')).reason, 'forbidden_construct');
    await assertProblem(await s.w.app.request('/saml/slo?SAMLRequest=%%%'), 400, 'bad-request');
    await assertProblem(await s.w.app.request('/saml/slo'), 400, 'bad-request');
    await assertProblem(await s.w.app.request('/saml/slo?SAMLRequest=a&SAMLRequest=b'), 400, 'bad-request');
  });

  it('answers another method with 405 and Allow', async () => {
    const res = await s.w.app.request('/saml/slo', { method: 'POST' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    assert.equal((await s.w.app.request('/saml/sso', { method: 'PUT' })).headers.get('allow'), 'GET, HEAD, POST');
  });

  it('the IdP metadata names the single logout endpoint', async () => {
    const xml = await (await s.w.app.request('/saml/metadata')).text();
    assert.ok(
      xml.includes(
        `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ISSUER}/saml/slo"/>`,
      ),
    );
  });
});
