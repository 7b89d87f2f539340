// End to end, in-process: the demo's SAML resource (a stock node-saml SP) receives the médiacentre click, and starts
// its own sign-in at the GAR's /saml/sso, which goes to the ENT and comes back as a response it accepts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { demoResourceId } from '@opengar/server/demo';
import { type DemoWorld, demoWorld, entAssertion, ISSUER, UAI } from './demo-world.js';

const PUPIL = 'eleve-0001';
const QUIZ = demoResourceId('quiz-sciences');

let app: DemoWorld['app'];
let provider: DemoWorld['provider'];

const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&');

/** Posts a SAML page's form to the provider and returns its claims. */
async function postToProvider(html: string): Promise<Map<string, string>> {
  const action = /<form id="gar-post" method="post" action="([^"]+)"/.exec(html)?.[1];
  const samlResponse = field(html, 'SAMLResponse');
  assert.ok(action && samlResponse, 'the SAML page posts SAMLResponse');
  const res = await provider.request(new URL(action).pathname, {
    method: 'POST',
    body: new URLSearchParams({ SAMLResponse: samlResponse }),
  });
  const page = await res.text();
  assert.equal(res.status, 200, page);
  const claims = new Map<string, string>();
  for (const m of page.matchAll(/<tr data-claim="([A-Z_0-9]+)">.*?<td>(.*?)<\/td><\/tr>/gs)) claims.set(m[1]!, m[2]!);
  return claims;
}

before(async () => {
  ({ app, provider } = await demoWorld());
});

describe('the demo SAML resource', () => {
  it('is in the pupil’s médiacentre, and the click signs the pupil in with the declared attributes', async () => {
    const listing = await app.request(`/api/v1/me/resources?uai=${UAI}`, {
      headers: { authorization: `Bearer ${await entAssertion(PUPIL)}` },
    });
    const ids = ((await listing.json()) as { resources: { id: string }[] }).resources.map((r) => r.id);
    assert.ok(ids.includes(QUIZ));
    const res = await app.request('/launch', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ assertion: await entAssertion(PUPIL), resource: QUIZ, uai: UAI }),
    });
    assert.equal(res.status, 200);
    const claims = await postToProvider(await res.text());
    assert.deepEqual([...claims.keys()].sort(), ['DIV', 'IDO', 'NOM', 'PRE', 'PRO', 'UAI']);
  });

  it('starts its own sign-in (SP-initiated) through the GAR and the ENT', async () => {
    const login = await provider.request('/resources/quiz-sciences/login');
    assert.equal(login.status, 303);
    const sso = new URL(login.headers.get('location')!);
    assert.equal(`${sso.origin}${sso.pathname}`, `${ISSUER}/saml/sso`);
    const toEnt = await app.request(`${sso.pathname}${sso.search}&idp_hint=ENT-DEMO`);
    assert.equal(toEnt.status, 303);
    const state = new URL(toEnt.headers.get('location')!).searchParams.get('state')!;
    const back = await app.request('/launch/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ assertion: await entAssertion(PUPIL), state }),
    });
    assert.equal(back.status, 200);
    const claims = await postToProvider(await back.text());
    assert.ok(claims.has('IDO'));
  });

  it('refuses a forged response', async () => {
    const res = await provider.request('/resources/quiz-sciences', {
      method: 'POST',
      body: new URLSearchParams({ SAMLResponse: Buffer.from('<x/>').toString('base64') }),
    });
    assert.equal(res.status, 401);
  });
});
