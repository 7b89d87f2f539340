// SP-initiated SAML: the stock SP library's AuthnRequest (Redirect and POST bindings, signed or not) → the ENT → a
// response InResponseTo it, which the same SP library accepts once.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ValidateInResponseTo } from '@node-saml/node-saml';
import { pairwisePseudonym } from '@opengar/core';
import { ASSERTION_ENDPOINT, SECRET } from '../../helpers/fixtures.js';
import { assertProblem, form } from '../fixtures/http.js';
import { R_SAML, buildSamlWorld, readSamlPage, responseXmlOf, type SamlWorld } from './saml-fixtures.js';

/** Plays the ENT: from its assertion endpoint back to `/launch/callback` with an assertion and the state. */
async function throughEnt(s: SamlWorld, res: Response): Promise<Response> {
  assert.equal(res.status, 303);
  const target = new URL(res.headers.get('location')!);
  assert.equal(
    `${target.origin}${target.pathname}`,
    new URL(ASSERTION_ENDPOINT).origin + new URL(ASSERTION_ENDPOINT).pathname,
  );
  const state = target.searchParams.get('state')!;
  return s.w.app.request('/launch/callback', form({ assertion: await s.w.assertion({ uai: '0000001A' }), state }));
}

const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('SAML, SP-initiated', () => {
  let s: SamlWorld;
  const ido = pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_SAML });
  before(async () => {
    s = await buildSamlWorld();
  });

  it('Redirect binding: the ENT signs the person in, the response answers the request, node-saml accepts it once', async () => {
    const sp = await s.stockSp({ validateInResponseTo: ValidateInResponseTo.always });
    const url = await sp.getAuthorizeUrlAsync('retour-page-7', undefined, {});
    const page = readSamlPage(
      await (await throughEnt(s, await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`))).text(),
    );
    assert.equal(page.RelayState, 'retour-page-7');
    const xml = responseXmlOf(page.SAMLResponse);
    const requestId = /InResponseTo="([^"]+)"/.exec(xml)?.[1];
    assert.ok(requestId);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse });
    assert.equal(profile?.nameID, ido);
    assert.equal(profile?.inResponseTo, requestId);
    // The SP's cache spent the request: the same response replayed is refused (node-saml's InResponseTo cache).
    await assert.rejects(sp.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse }), /InResponseTo/);
    // And opengar spent the AuthnRequest's ID: the same request again is refused.
    const again = await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`);
    assert.equal((await assertProblem(again, 400, 'bad-request')).reason, 'replayed_request');
  });

  it('refuses to answer a request whose resource left SAML during the ENT round trip (invalid_service)', async () => {
    const url = await (await s.stockSp()).getAuthorizeUrlAsync('', undefined, {});
    const toEnt = await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`);
    const saml = (await s.w.store.getResource(R_SAML))!;
    const { saml: _gone, ...jwt } = saml;
    await s.w.store.putResource({ ...jwt, protocol: 'jwt' });
    const problem = await assertProblem(await throughEnt(s, toEnt), 400, 'bad-request');
    assert.equal(problem.reason, 'invalid_service');
    await s.register({});
  });

  it('POST binding, with an encrypted assertion', async () => {
    await s.register({ encryptAssertions: true });
    const sp = await s.stockSp({ validateInResponseTo: ValidateInResponseTo.always });
    const html = await sp.getAuthorizeFormAsync('', undefined, {});
    const samlRequest = /name="SAMLRequest" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(samlRequest);
    const res = await s.w.app.request('/saml/sso', form({ SAMLRequest: samlRequest, idp_hint: 'ENTA' }));
    const page = readSamlPage(await (await throughEnt(s, res)).text());
    assert.match(responseXmlOf(page.SAMLResponse), /EncryptedAssertion/);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse });
    assert.equal(profile?.nameID, ido);
    await s.register({ encryptAssertions: false });
  });

  it('without idp_hint, shows the ENT chooser that sends the request back (nothing spent yet)', async () => {
    const sp = await s.stockSp();
    const url = await sp.getAuthorizeUrlAsync('', undefined, {});
    const res = await s.w.app.request(pathOf(url));
    assert.equal(res.status, 200);
    // The choice is answered by a redirect to the ENT: the page's form-action allows its origin (Chromium enforces it).
    assert.match(res.headers.get('content-security-policy') ?? '', /form-action 'self' https:\/\/ent-a\.test/);
    const html = await res.text();
    assert.match(html, /<form method="get" action="\/saml\/sso">/);
    assert.match(html, /name="idp_hint" value="ENTA"/);
    assert.match(html, /name="SAMLRequest" value="/);
    assert.ok(html.includes('Par quel ENT te connectes-tu\u202f?'), 'French typography: a narrow no-break space');
    assert.equal((await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`)).status, 303);
  });

  it('signed AuthnRequests: required and given (RSA-SHA256) is accepted; unsigned or tampered is refused', async () => {
    await s.register({ requireSignedAuthnRequests: true });
    const signer = await s.stockSp({ privateKey: s.sp.keyPem, signatureAlgorithm: 'sha256' });
    const signed = await signer.getAuthorizeUrlAsync('rs', undefined, {});
    assert.match(signed, /Signature=/);
    assert.equal((await s.w.app.request(`${pathOf(signed)}&idp_hint=ENTA`)).status, 303);
    const tampered = (await signer.getAuthorizeUrlAsync('rs', undefined, {})).replace('RelayState=rs', 'RelayState=rz');
    const bad = await s.w.app.request(`${pathOf(tampered)}&idp_hint=ENTA`);
    assert.equal((await assertProblem(bad, 400, 'bad-request')).reason, 'bad_signature');
    const unsigned = await (await s.stockSp()).getAuthorizeUrlAsync('', undefined, {});
    const refused = await s.w.app.request(`${pathOf(unsigned)}&idp_hint=ENTA`);
    assert.equal((await assertProblem(refused, 400, 'bad-request')).reason, 'bad_signature');
    await s.register({ requireSignedAuthnRequests: false });
  });

  it('signed AuthnRequests, POST binding: an enveloped signature over the request verifies; moved or altered, not', async () => {
    await s.register({ requireSignedAuthnRequests: true });
    const signer = await s.stockSp({
      privateKey: s.sp.keyPem,
      signatureAlgorithm: 'sha256',
      authnRequestBinding: 'HTTP-POST',
      skipRequestCompression: true,
    });
    const requestOf = async () => {
      const html = await signer.getAuthorizeFormAsync('', undefined, {});
      return Buffer.from(/name="SAMLRequest" value="([^"]+)"/.exec(html)![1]!, 'base64').toString('utf8');
    };
    const post = (xml: string) =>
      s.w.app.request('/saml/sso', form({ SAMLRequest: Buffer.from(xml).toString('base64'), idp_hint: 'ENTA' }));
    const signed = await requestOf();
    assert.match(signed, /<(?:ds:)?Signature/);
    assert.equal((await post(signed)).status, 303);
    const altered = (await requestOf()).replace(
      /AssertionConsumerServiceURL="[^"]+"/,
      'AssertionConsumerServiceURL="https://sp.saml.test/acs" ForceAuthn="true"',
    );
    assert.equal((await assertProblem(await post(altered), 400, 'bad-request')).reason, 'bad_signature');
    await s.register({ requireSignedAuthnRequests: false });
  });
});
