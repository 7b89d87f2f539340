// The SAML ENT chooser reuses the ENT a browser remembered (the discovery cookie, also scoped to /saml/sso).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ASSERTION_ENDPOINT } from '../../helpers/fixtures.js';
import { assertProblem } from '../fixtures/http.js';
import { buildSamlWorld, clickSaml, type SamlWorld } from './saml-fixtures.js';

const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

describe('SAML, the remembered ENT', () => {
  let s: SamlWorld;
  let samlCookie: string;
  before(async () => {
    s = await buildSamlWorld();
    const res = await clickSaml(s);
    assert.equal(res.status, 200);
    const cookies = res.headers.getSetCookie();
    const launch = cookies.find((v) => v.startsWith('opengar_where=') && v.includes('Path=/launch;'));
    const saml = cookies.find((v) => v.startsWith('opengar_where=') && v.includes('Path=/saml/sso;'));
    assert.ok(launch, 'the /launch cookie is still set');
    assert.ok(saml, 'the same choice, scoped to /saml/sso');
    assert.match(saml, /HttpOnly/);
    assert.match(saml, /SameSite=Lax/);
    assert.equal(saml.split(';')[0], launch.split(';')[0]);
    samlCookie = saml.split(';')[0]!;
  });

  it('an SP-initiated request without idp_hint goes straight to the remembered ENT, and spends the request', async () => {
    const url = await (await s.stockSp()).getAuthorizeUrlAsync('', undefined, {});
    const res = await s.w.app.request(pathOf(url), { headers: { cookie: `other=1; ${samlCookie}` } });
    assert.equal(res.status, 303);
    const to = new URL(res.headers.get('location')!);
    assert.equal(to.origin, new URL(ASSERTION_ENDPOINT).origin);
    const again = await s.w.app.request(pathOf(url), { headers: { cookie: samlCookie } });
    assert.equal((await assertProblem(again, 400, 'bad-request')).reason, 'replayed_request');
  });

  it('the POST binding too', async () => {
    const sp = await s.stockSp({ authnRequestBinding: 'HTTP-POST' });
    const html = await sp.getAuthorizeFormAsync('', undefined, {});
    const samlRequest = /name="SAMLRequest" value="([^"]+)"/.exec(html)![1]!;
    const res = await s.w.app.request('/saml/sso', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: samlCookie },
      body: new URLSearchParams({ SAMLRequest: samlRequest }).toString(),
    });
    assert.equal(res.status, 303);
  });

  it('prompt=select shows the chooser anyway (nothing spent)', async () => {
    const url = await (await s.stockSp()).getAuthorizeUrlAsync('', undefined, {});
    const res = await s.w.app.request(`${pathOf(url)}&prompt=select`, { headers: { cookie: samlCookie } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /name="idp_hint" value="ENTA"/);
    assert.equal((await s.w.app.request(`${pathOf(url)}&idp_hint=ENTA`)).status, 303);
  });

  it('a cookie naming an unknown ENT, or malformed, is ignored: the chooser', async () => {
    for (const cookie of ['opengar_where=ENTZ:', 'opengar_where=<script>:x', 'opengar_where=ENTA:0000001A:extra']) {
      const url = await (await s.stockSp()).getAuthorizeUrlAsync('', undefined, {});
      const res = await s.w.app.request(pathOf(url), { headers: { cookie } });
      assert.equal(res.status, 200, cookie);
    }
  });

  it('a bad request is refused before the cookie is read (never sent to the ENT)', async () => {
    const stranger = await s.stockSp({ issuer: 'https://nobody.test/sp' });
    const url = await stranger.getAuthorizeUrlAsync('', undefined, {});
    const res = await s.w.app.request(pathOf(url), { headers: { cookie: samlCookie } });
    assert.equal((await assertProblem(res, 400, 'bad-request')).reason, 'unknown_issuer');
  });
});
