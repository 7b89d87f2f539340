// End to end, in-process: the demo service (memory store, demo data), a pupil's médiacentre, the hand-off, and the
// demo publisher site verifying the token and showing exactly the declared attributes.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { demoCatalogue } from '@opengar/server/demo';
import { type DemoWorld, demoWorld, entAssertion, PROVIDER, UAI } from './demo-world.js';

const PUPIL = 'eleve-0001';

let app: DemoWorld['app'];
let provider: DemoWorld['provider'];
const catalogue = demoCatalogue({ providerBaseUrl: PROVIDER });

before(async () => {
  ({ app, provider } = await demoWorld());
});

/** Launches a resource as the pupil and returns the claims the demo publisher shows, by name. */
async function launchAndRead(resourceId: string): Promise<Map<string, string>> {
  const res = await app.request('/launch', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ assertion: await entAssertion(PUPIL), resource: resourceId, uai: UAI }),
  });
  assert.equal(res.status, 200);
  const html = await res.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const token = /name="gar_token" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(action && token, 'the hand-off page auto-submits gar_token');
  const url = new URL(action.replace(/&amp;/g, '&'));
  const posted = await provider.request(url.pathname, {
    method: 'POST',
    body: new URLSearchParams({ gar_token: token }),
  });
  assert.equal(posted.status, 303);
  const page = await (await provider.request(posted.headers.get('location')!)).text();
  const claims = new Map<string, string>();
  for (const m of page.matchAll(/<tr data-claim="([A-Z_0-9]+)">.*?<td>(.*?)<\/td><\/tr>/gs)) claims.set(m[1]!, m[2]!);
  return claims;
}

describe('demo provider end to end', () => {
  it("lists the pupil's resources, hands off, and the publisher shows exactly the declared attributes", async () => {
    const listing = await app.request(`/api/v1/me/resources?uai=${UAI}`, {
      headers: { authorization: `Bearer ${await entAssertion(PUPIL)}` },
    });
    assert.equal(listing.status, 200);
    const ids = ((await listing.json()) as { resources: { id: string }[] }).resources.map((r) => r.id);
    const maths = catalogue.resources.find((r) => r.id.endsWith('/maths-6e'))!;
    assert.ok(ids.includes(maths.id), 'the pupil holds a copy of Mathématiques 6e');
    const claims = await launchAndRead(maths.id);
    const declared = new Set(['IDO', ...maths.declaredAttributes]);
    for (const name of claims.keys()) assert.ok(declared.has(name), `undeclared attribute ${name} shown`);
    assert.ok(claims.has('IDO') && claims.has('UAI') && claims.has('PRO'));
    assert.ok(!claims.has('NOM') && !claims.has('P_MEL'));
  });

  it('gives the same pupil a different IDO at a resource of another publisher', async () => {
    const maths = catalogue.resources.find((r) => r.id.endsWith('/maths-6e'))!;
    const listing = await app.request(`/api/v1/me/resources?uai=${UAI}`, {
      headers: { authorization: `Bearer ${await entAssertion(PUPIL)}` },
    });
    const resources = ((await listing.json()) as { resources: { id: string; publisherId: string }[] }).resources;
    const other = resources.find(
      (r) => r.publisherId !== maths.publisherId && catalogue.resources.find((c) => c.id === r.id)?.protocol === 'jwt',
    );
    assert.ok(other, 'the pupil has a JWT resource of another publisher');
    const a = (await launchAndRead(maths.id)).get('IDO');
    const b = (await launchAndRead(other.id)).get('IDO');
    assert.match(a ?? '', /[0-9a-f]{128}/);
    assert.notEqual(a, b);
  });

  it('serves thumbnails and refuses a forged token', async () => {
    assert.equal((await provider.request('/thumbnails/maths-6e.svg')).headers.get('content-type'), 'image/svg+xml');
    const refused = await provider.request('/resources/maths-6e', {
      method: 'POST',
      body: new URLSearchParams({ gar_token: 'e30.e30.e30' }),
    });
    assert.equal(refused.status, 401);
  });
});
