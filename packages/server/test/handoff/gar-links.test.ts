import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { garBase64, garLaunchUrl } from '../../src/gar/index.js';
import { ASSERTION_ENDPOINT, ISSUER, R_LYCEE, R_MATHS, S1, S2 } from '../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../helpers/world.js';
import { assertProblem, form, readLaunchPage } from './fixtures/http.js';

/** Follows a GAR-style link: returns the state the service put in the redirect to the ENT. */
async function follow(
  w: HandoffWorld,
  entId: string,
  uai: string,
  resourceId: string,
): Promise<{ res: Response; state: string; target: URL }> {
  const link = new URL(garLaunchUrl(ISSUER, entId, uai, resourceId));
  const res = await w.app.request(`${link.pathname}${link.search}`);
  assert.equal(res.status, 303);
  const target = new URL(res.headers.get('location')!);
  return { res, state: target.searchParams.get('state')!, target };
}

describe('GAR-style links: GET /launch → ENT assertion endpoint → POST /launch/callback', () => {
  it('redirects to the ENT with return_to and a state, then hands off the resource bound to that state', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const { res, state, target } = await follow(w, 'ENTA', S1, R_MATHS);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const registered = new URL(ASSERTION_ENDPOINT);
    assert.equal(`${target.origin}${target.pathname}`, `${registered.origin}${registered.pathname}`);
    assert.equal(target.searchParams.get('lang'), 'fr', 'keeps the endpoint’s own query');
    assert.equal(target.searchParams.get('return_to'), `${ISSUER}/launch/callback`);
    assert.match(state, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/, 'a compact HS256 JWS');
    const page = await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state }));
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const { action } = readLaunchPage(await page.text());
    assert.equal(action, 'https://x.resource.test/gar');
    const events = await w.store.listHandoffEvents({ resourceId: R_MATHS });
    assert.deepEqual(
      events.map((e) => e.outcome),
      ['success'],
    );
  });

  it('uses a state once', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const { state } = await follow(w, 'ENTA', S1, R_MATHS);
    assert.equal(
      (await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state }))).status,
      200,
    );
    await assertProblem(
      await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state })),
      400,
      'bad-request',
    );
  });

  it('refuses an expired state, an unknown state, and an assertion from another ENT', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const first = await follow(w, 'ENTA', S1, R_MATHS);
    w.clock.advance(6 * 60_000);
    await assertProblem(
      await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state: first.state })),
      400,
      'bad-request',
    );
    await assertProblem(
      await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state: 'x'.repeat(43) })),
      400,
      'bad-request',
    );
    const second = await follow(w, 'ENTA', S1, R_MATHS);
    const fromB = await w.assertion({ iss: 'ENTB', sub: 'eleve-b' }, w.keysB);
    await assertProblem(
      await w.app.request('/launch/callback', form({ assertion: fromB, state: second.state })),
      403,
      'forbidden',
    );
  });

  it('re-checks the right at the callback', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const { state } = await follow(w, 'ENTA', S1, R_LYCEE);
    const p = await assertProblem(
      await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state })),
      403,
      'not-entitled',
    );
    assert.equal(p.reason, 'no_subscription');
  });

  it('answers problems for bad links: not base64, unknown ENT, school of another ENT, unknown resource, no assertion endpoint', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const q = (e: string, u: string, r: string) =>
      `/launch?idENT=${encodeURIComponent(e)}&idEtab=${encodeURIComponent(u)}&idRessource=${encodeURIComponent(r)}`;
    const bad = await assertProblem(
      await w.app.request(q('***', garBase64(S1), garBase64(R_MATHS))),
      400,
      'validation',
    );
    assert.deepEqual(
      bad.errors?.map((e) => e.pointer),
      ['/idENT'],
    );
    await assertProblem(await w.app.request('/launch'), 400, 'validation');
    await assertProblem(await w.app.request(q(garBase64('NOPE'), garBase64(S1), garBase64(R_MATHS))), 404, 'not-found');
    await assertProblem(await w.app.request(q(garBase64('ENTA'), garBase64(S2), garBase64(R_MATHS))), 404, 'not-found');
    await assertProblem(
      await w.app.request(q(garBase64('ENTA'), garBase64(S1), garBase64('ark:/0/none'))),
      404,
      'not-found',
    );
    await assertProblem(await w.app.request(q(garBase64('ENTB'), garBase64(S2), garBase64(R_MATHS))), 409, 'conflict');
  });
});
