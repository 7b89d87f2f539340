// SAML error responses: a valid SP request refused after the person signed in at the ENT is answered with a signed
// samlp:Response whose status is not Success, InResponseTo the request, posted to the ACS; node-saml reports it.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SamlStatusError, ValidateInResponseTo } from '@node-saml/node-saml';
import { S2, resource, subscription } from '../../helpers/fixtures.js';
import { ASSERTION_ENDPOINT } from '../../helpers/fixtures.js';
import { assertProblem, form } from '../fixtures/http.js';
import {
  ACS,
  DECLARED,
  buildSamlWorld,
  readSamlPage,
  responseXmlOf,
  rsaIdentity,
  type SamlWorld,
} from './saml-fixtures.js';

const R_SAML2 = 'ark:/77777/saml-sans-abonnement';
const SP2 = 'https://sp2.saml.test/metadata';
const ACS2 = 'https://sp2.saml.test/acs';

async function throughEnt(s: SamlWorld, res: Response, uai = '0000001A', sub = 'eleve-a'): Promise<Response> {
  assert.equal(res.status, 303);
  const target = new URL(res.headers.get('location')!);
  assert.equal(target.origin, new URL(ASSERTION_ENDPOINT).origin);
  const state = target.searchParams.get('state')!;
  return s.w.app.request('/launch/callback', form({ assertion: await s.w.assertion({ uai, sub }), state }));
}

const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

describe('SAML error responses', () => {
  let s: SamlWorld;
  const sp2Key = rsaIdentity('sp2.saml.test');
  before(async () => {
    s = await buildSamlWorld();
    // A second SP whose resource the school has no subscription to.
    await s.w.store.putResource(
      resource({
        id: R_SAML2,
        publisherId: 'S',
        protocol: 'saml',
        accessUrl: ACS2,
        declaredAttributes: [...DECLARED],
        saml: {
          entityId: SP2,
          acsUrls: [ACS2],
          signingCertificates: [sp2Key.certPem],
          encryptAssertions: false,
          requireSignedAuthnRequests: false,
        },
      }),
    );
  });

  it('no subscription: a signed Responder/RequestDenied response InResponseTo the request, to the ACS; node-saml throws it', async () => {
    const sp = await s.stockSp({
      issuer: SP2,
      callbackUrl: ACS2,
      audience: SP2,
      validateInResponseTo: ValidateInResponseTo.always,
    });
    const url = await sp.getAuthorizeUrlAsync('page-3', undefined, {});
    const res = await throughEnt(s, await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`));
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.ok(html.includes('Retour vers'), 'the page says it returns to the resource');
    const page = readSamlPage(html);
    assert.equal(page.action, ACS2);
    assert.equal(page.RelayState, 'page-3');
    const xml = responseXmlOf(page.SAMLResponse);
    assert.match(xml, /<ds:Signature/);
    assert.doesNotMatch(xml, /Assertion/);
    assert.match(xml, /StatusCode Value="urn:oasis:names:tc:SAML:2\.0:status:RequestDenied"/);
    assert.ok(!xml.includes('eleve-a'), 'no personal data in the error response');
    assert.match(xml, /InResponseTo="_[0-9a-f]+"/);
    // node-saml's InResponseTo cache (validateInResponseTo: always) matches the response to the request it sent.
    await assert.rejects(sp.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse }), (err: unknown) => {
      assert.ok(err instanceof SamlStatusError, String(err));
      assert.match(
        err.message,
        /SAML provider returned Responder error: no right to this resource now \(no_subscription\)/,
      );
      assert.match(err.xmlStatus, /RequestDenied/);
      return true;
    });
  });

  it('the response is signed by the IdP: an SP trusting another key refuses it before reading the status', async () => {
    const url = await (await s.stockSp({ issuer: SP2, callbackUrl: ACS2, audience: SP2 })).getAuthorizeUrlAsync(
      '',
      undefined,
      {},
    );
    const page = readSamlPage(
      await (await throughEnt(s, await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`))).text(),
    );
    const stranger = await s.stockSp({
      issuer: SP2,
      callbackUrl: ACS2,
      audience: SP2,
      idpCert: rsaIdentity('stranger').certPem,
    });
    await assert.rejects(
      stranger.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse }),
      /Invalid document signature/,
    );
  });

  it('a school the ENT does not hold: Responder/AuthnFailed', async () => {
    const sp = await s.stockSp({ validateInResponseTo: ValidateInResponseTo.always });
    const url = await sp.getAuthorizeUrlAsync('', undefined, {});
    const res = await throughEnt(s, await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`), S2);
    const page = readSamlPage(await res.text());
    assert.equal(page.action, ACS);
    assert.match(responseXmlOf(page.SAMLResponse), /status:AuthnFailed/);
    await assert.rejects(sp.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse }), SamlStatusError);
  });

  it('a person unknown in the ENT: AuthnFailed once; the same launch state again gets the problem', async () => {
    const sp = await s.stockSp({ validateInResponseTo: ValidateInResponseTo.always });
    const url = await sp.getAuthorizeUrlAsync('', undefined, {});
    const toEnt = await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`);
    const again = toEnt.clone();
    const page = readSamlPage(await (await throughEnt(s, toEnt, '0000001A', 'inconnu-z')).text());
    const xml = responseXmlOf(page.SAMLResponse);
    assert.match(xml, /status:AuthnFailed/);
    assert.ok(!xml.includes('inconnu-z'), 'no personal data');
    await assert.rejects(
      sp.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse }),
      /does not know this account/,
    );
    const replay = await throughEnt(s, again, '0000001A', 'inconnu-z');
    await assertProblem(replay, 403, 'forbidden');
  });

  it('the ACS the request named was removed meanwhile: the refusal goes to the SP’s first registered ACS', async () => {
    const sp = await s.stockSp({ validateInResponseTo: ValidateInResponseTo.always });
    const url = await sp.getAuthorizeUrlAsync('', undefined, {});
    const toEnt = await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`);
    const moved = 'https://sp.saml.test/acs-v2';
    await s.register({ acsUrls: [moved] });
    try {
      const page = readSamlPage(await (await throughEnt(s, toEnt)).text());
      assert.equal(page.action, moved);
      const xml = responseXmlOf(page.SAMLResponse);
      assert.match(xml, new RegExp(`Destination="${moved}"`));
      assert.match(xml, /status:RequestDenied/);
      const movedSp = await s.stockSp({ callbackUrl: moved, validateInResponseTo: ValidateInResponseTo.never });
      await assert.rejects(
        movedSp.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse }),
        /registration changed/,
      );
    } finally {
      await s.register({});
    }
  });

  it('an unknown issuer or a malformed request still gets the problem (no ACS can be trusted)', async () => {
    const stranger = await s.stockSp({ issuer: 'https://nobody.test/sp' });
    const url = await stranger.getAuthorizeUrlAsync('', undefined, {});
    const res = await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`);
    assert.equal((await assertProblem(res, 400, 'bad-request')).reason, 'unknown_issuer');
    const bad = await s.w.app.request(
      '/saml/sso',
      form({ SAMLRequest: Buffer.from('<nope').toString('base64'), idp_hint: 'ENTA' }),
    );
    assert.equal((await assertProblem(bad, 400, 'bad-request')).reason, 'malformed');
  });

  it('a subscription outside its validity: RequestDenied (outside_validity)', async () => {
    await s.w.store.insertSubscription(
      subscription({
        id: 'ABO-SAML2-OLD',
        resourceId: R_SAML2,
        validFrom: '2001-01-01T00:00:00.000Z',
        validUntil: '2002-01-01T00:00:00.000Z',
      }),
    );
    const sp = await s.stockSp({ issuer: SP2, callbackUrl: ACS2, audience: SP2 });
    const url = await sp.getAuthorizeUrlAsync('', undefined, {});
    const page = readSamlPage(
      await (await throughEnt(s, await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`))).text(),
    );
    await assert.rejects(
      sp.validatePostResponseAsync({ SAMLResponse: page.SAMLResponse }),
      /outside_validity|no_copy|no_subscription/,
    );
  });
});
