import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWithdrawal, pairwisePseudonym, statisticsPseudonym } from '@opengar/core';
import { createLocalJWKSet, type decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import {
  FAMILY,
  ISSUER,
  R_DICO,
  R_FAM5,
  R_FAM6,
  R_LYCEE,
  R_MATHS,
  R_NT,
  R_OLD,
  S1,
  S2,
  S3,
  SECRET,
  STATS_SECRET,
} from '../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../helpers/world.js';
import { assertProblem, form, readLaunchPage } from './fixtures/http.js';

async function launch(w: HandoffWorld, resource: string, uai = S1, sub = 'eleve-a'): Promise<Response> {
  return w.app.request('/launch', form({ assertion: await w.assertion({ sub }), resource, uai }));
}

async function verifiedClaims(
  w: HandoffWorld,
  res: Response,
  resource: string,
): Promise<{ payload: JWTPayload; header: ReturnType<typeof decodeProtectedHeader>; action: string }> {
  assert.equal(res.status, 200);
  const page = readLaunchPage(await res.text());
  const jwks = (await (await w.app.request('/.well-known/jwks.json')).json()) as JSONWebKeySet;
  const { payload, protectedHeader } = await jwtVerify(page.token, createLocalJWKSet(jwks), {
    issuer: ISSUER,
    audience: resource,
    typ: 'gar+jwt',
    currentDate: w.clock.now(),
  });
  return { payload, header: protectedHeader, action: page.action };
}

describe('POST /launch: the hand-off', () => {
  it('answers a page that posts a gar_token carrying exactly the declared claims and IDO, verified against the JWKS', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await launch(w, R_MATHS);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const csp = res.headers.get('content-security-policy') ?? '';
    const html = await res.clone().text();
    const page = readLaunchPage(html);
    assert.ok(csp.includes(`script-src 'nonce-${page.nonce}'`));
    assert.ok(csp.includes("default-src 'none'"));
    assert.ok(csp.includes('form-action https://x.resource.test'));
    assert.equal(page.method, 'post');
    assert.match(html, /<noscript><button type="submit">/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);

    const { payload, header, action } = await verifiedClaims(w, res, R_MATHS);
    assert.equal(action, 'https://x.resource.test/gar');
    assert.equal(header.typ, 'gar+jwt');
    assert.equal(header.alg, 'ES256');
    assert.ok(typeof header.kid === 'string' && header.kid.length > 0);
    const ido = pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_MATHS });
    assert.deepEqual(
      Object.keys(payload).sort(),
      ['DIV', 'GRO', 'IDO', 'NOM', 'PRE', 'PRO', 'UAI', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub'].sort(),
    );
    assert.equal(payload.sub, ido);
    assert.equal(payload.IDO, ido);
    assert.deepEqual(payload.UAI, [S1]);
    assert.equal(payload.PRO, 'National_elv');
    assert.deepEqual(payload.DIV, ['3A##3e A']);
    assert.deepEqual(payload.GRO, ['LATIN##Latin']);
    assert.equal(payload.NOM, 'Durand');
    assert.ok(payload.exp! - payload.iat! <= 120 && payload.exp! > payload.iat!);
    assert.equal(payload.nbf, payload.iat);
    const text = JSON.stringify(payload);
    assert.ok(!text.includes('ENTA') && !text.includes('eleve-a'), 'neither the ENT id nor the ENT person id');
  });

  it('signs with the algorithm the resource asks for (RS256, EdDSA), each verifiable against the JWKS', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const rs = await verifiedClaims(w, await launch(w, R_DICO), R_DICO);
    assert.equal(rs.header.alg, 'RS256');
    assert.deepEqual(
      Object.keys(rs.payload).sort(),
      ['IDO', 'UAI', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub'].sort(),
    );
    const ed = await verifiedClaims(w, await launch(w, R_FAM6), R_FAM6);
    assert.equal(ed.header.alg, 'EdDSA');
    assert.deepEqual(
      Object.keys(ed.payload).sort(),
      ['IDO', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub'].sort(),
      'nothing declared: IDO only',
    );
  });

  it('gives different IDOs to resources of different publishers and one IDO to a family', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const maths = (await verifiedClaims(w, await launch(w, R_MATHS), R_MATHS)).payload.sub;
    const dico = (await verifiedClaims(w, await launch(w, R_DICO), R_DICO)).payload.sub;
    const fam6 = (await verifiedClaims(w, await launch(w, R_FAM6), R_FAM6)).payload.sub;
    const fam5 = (await verifiedClaims(w, await launch(w, R_FAM5), R_FAM5)).payload.sub;
    assert.notEqual(maths, dico);
    assert.equal(fam6, fam5);
    assert.equal(fam6, pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: FAMILY }));
    assert.match(maths!, /^[0-9a-f]{128}$/);
  });

  it('hands off at any school of a person at several, whatever school the assertion names', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request(
      '/launch',
      form({ assertion: await w.assertion({ uai: S1 }), resource: R_LYCEE, uai: S3 }),
    );
    const { payload } = await verifiedClaims(w, res, R_LYCEE);
    assert.equal(
      payload.sub,
      pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_LYCEE }),
    );
    const events = await w.store.listHandoffEvents({ uai: S3 });
    assert.deepEqual(
      events.map((e) => [e.outcome, e.resourceId, e.divisionCodes]),
      [['success', R_LYCEE, []]],
    );
  });

  it('issues a unique jti per hand-off', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const a = await verifiedClaims(w, await launch(w, R_MATHS), R_MATHS);
    const b = await verifiedClaims(w, await launch(w, R_MATHS), R_MATHS);
    assert.notEqual(a.payload.jti, b.payload.jti);
  });

  it('escapes the resource name in the page', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const html = await (await launch(w, R_FAM6)).text();
    assert.ok(html.includes('Famille &lt;6e&gt;'));
    assert.ok(!html.includes('Famille <6e>'));
  });

  it('marks the copy opened, so a non-transferable copy can no longer be withdrawn', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const sub = (await w.store.getSubscription('ABO-NT-S1'))!;
    const before = (await w.store.listCopies({ subscriptionId: 'ABO-NT-S1' }))[0]!;
    assert.equal(before.firstOpenedAt, undefined);
    assert.equal(checkWithdrawal(sub, before).ok, true);
    assert.equal((await launch(w, R_NT)).status, 200);
    const after = (await w.store.listCopies({ subscriptionId: 'ABO-NT-S1' }))[0]!;
    assert.equal(after.firstOpenedAt, w.clock.now().toISOString());
    assert.equal(checkWithdrawal(sub, after).ok, false);
  });

  it('records a success event under the statistics pseudonym, never the ENT id or the IDO', async () => {
    const w = await buildWorld({ data: 'handoff' });
    await launch(w, R_MATHS);
    const events = await w.store.listHandoffEvents({ resourceId: R_MATHS });
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.outcome, 'success');
    assert.equal(e.protocol, 'jwt');
    assert.equal(e.uai, S1);
    assert.equal(e.profile, 'National_elv');
    assert.deepEqual(e.divisionCodes, ['3A']);
    assert.equal(e.statsPseudonym, statisticsPseudonym(STATS_SECRET, 'ENTA', 'eleve-a'));
    const ido = pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_MATHS });
    const text = JSON.stringify(e);
    assert.ok(!text.includes(ido) && !text.includes('eleve-a') && !text.includes('ENTA'));
  });
});

describe('POST /launch: refusals', () => {
  const cases: [string, string, string, number, string, string | undefined][] = [
    ['an expired subscription', R_OLD, S1, 403, 'not-entitled', 'outside_validity'],
    ['a resource of another school', R_LYCEE, S1, 403, 'not-entitled', 'no_subscription'],
    ['a school of another ENT', R_DICO, S2, 404, 'not-found', 'unknown_school'],
    ['an unknown resource', 'ark:/0/none', S1, 404, 'not-found', 'unknown_resource'],
  ];
  for (const [what, resource, uai, status, code, reason] of cases) {
    it(`refuses ${what} (${reason}) and records why`, async () => {
      const w = await buildWorld({ data: 'handoff' });
      const p = await assertProblem(await launch(w, resource, uai), status, code as 'not-entitled');
      assert.equal(p.reason, reason);
      const events = await w.store.listHandoffEvents({ resourceId: resource });
      if (reason === 'unknown_school') assert.equal(events.length, 0, 'not recorded in another tenant');
      else
        assert.deepEqual(
          events.map((e) => [e.outcome, e.reason]),
          [['refused', reason]],
        );
    });
  }

  it('refuses a withdrawn copy (no_copy) at the instant of the click', async () => {
    const w = await buildWorld({ data: 'handoff' });
    assert.equal((await launch(w, R_MATHS)).status, 200);
    await w.store.deleteCopies('ABO-MATHS-S1', ['eleve-a']);
    const p = await assertProblem(await launch(w, R_MATHS), 403, 'not-entitled');
    assert.equal(p.reason, 'no_copy');
  });

  it('shows a browser a page a pupil understands for a refusal, and API clients the problem', async () => {
    const w = await buildWorld({ data: 'handoff' });
    await w.store.deleteCopies('ABO-MATHS-S1', ['eleve-a']);
    const init = form({ assertion: await w.assertion({ sub: 'eleve-a' }), resource: R_MATHS, uai: S1 });
    const page = await w.app.request('/launch', {
      ...init,
      headers: { ...(init.headers as Record<string, string>), accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    assert.equal(page.status, 403);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await page.text();
    assert.match(html, /ne t’est pas \(ou plus\) attribuée/);
    assert.match(html, /not \(or no longer\) allocated to you/);
    assert.doesNotMatch(html, /<script/);
    const init2 = form({ assertion: await w.assertion({ sub: 'eleve-a' }), resource: R_MATHS, uai: S1 });
    const json = await w.app.request('/launch', {
      ...init2,
      headers: { ...(init2.headers as Record<string, string>), accept: 'application/problem+json' },
    });
    assert.equal((await assertProblem(json, 403, 'not-entitled')).reason, 'no_copy');
  });

  it('shows a browser a page, not JSON, when the URL itself is refused (a control character in the query)', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const accept = 'text/html,application/xhtml+xml,*/*;q=0.8';
    for (const path of [
      '/launch?resource=x%00',
      '/cas/login?service=http%3A%2F%2Fx%2F%00',
      '/cas/logout?service=%01',
    ]) {
      const page = await w.app.request(path, { headers: { accept } });
      assert.equal(page.status, 400, path);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/, path);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/, path);
      assert.match(await page.text(), /<h1>Ressource indisponible<\/h1>/, path);
      await assertProblem(await w.app.request(path, { headers: { accept: 'application/json' } }), 400, 'validation');
    }
  });

  it('refuses once the subscription expires between two clicks', async () => {
    const w = await buildWorld({ data: 'handoff' });
    assert.equal((await launch(w, R_MATHS)).status, 200);
    w.clock.current = new Date('2026-08-16T00:00:00Z');
    const p = await assertProblem(await launch(w, R_MATHS), 403, 'not-entitled');
    assert.equal(p.reason, 'outside_validity');
  });

  it('refuses a resource whose subscription the publisher deleted', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const sub = (await w.store.getSubscription('ABO-MATHS-S1'))!;
    await w.store.updateSubscription({ ...sub, deletedAt: w.clock.now().toISOString() });
    const p = await assertProblem(await launch(w, R_MATHS), 403, 'not-entitled');
    assert.equal(p.reason, 'no_subscription');
  });

  it('refuses a person not at the school (not_at_school)', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const p = await assertProblem(await launch(w, R_LYCEE, S3, 'prof-a'), 403, 'not-entitled');
    assert.equal(p.reason, 'not_at_school');
  });

  it('refuses forged, expired and wrong-audience assertions without recording anything', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const forged = await w.assertion({}, w.keysB);
    await assertProblem(
      await w.app.request('/launch', form({ assertion: forged, resource: R_MATHS, uai: S1 })),
      401,
      'unauthenticated',
    );
    const old = await w.assertion();
    w.clock.advance(10 * 60_000);
    await assertProblem(
      await w.app.request('/launch', form({ assertion: old, resource: R_MATHS, uai: S1 })),
      401,
      'token-expired',
    );
    const wrongAud = await w.assertion({ aud: 'https://other.test' });
    await assertProblem(
      await w.app.request('/launch', form({ assertion: wrongAud, resource: R_MATHS, uai: S1 })),
      401,
      'unauthenticated',
    );
    await assertProblem(
      await w.app.request('/launch', form({ assertion: 'not.a.jwt', resource: R_MATHS, uai: S1 })),
      401,
      'unauthenticated',
    );
    assert.equal((await w.store.listHandoffEvents({})).length, 0);
  });

  it('answers 400, 413 and 415 problems for bad forms', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const missing = await assertProblem(await w.app.request('/launch', form({ resource: R_MATHS })), 400, 'validation');
    assert.deepEqual(missing.errors?.map((e) => e.pointer).sort(), ['/assertion', '/uai']);
    await assertProblem(
      await w.app.request('/launch', form({ assertion: 'x', resource: R_MATHS, uai: 'bad uai' })),
      400,
      'validation',
    );
    await assertProblem(
      await w.app.request('/launch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      415,
      'unsupported-media-type',
    );
    await assertProblem(
      await w.app.request('/launch', form({ assertion: 'x'.repeat(40_000), resource: R_MATHS, uai: S1 })),
      413,
      'payload-too-large',
    );
    const twice = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `uai=${S1}&uai=${S3}&resource=r&assertion=a`,
    };
    await assertProblem(await w.app.request('/launch', twice), 400, 'bad-request');
  });

  it('accepts a multipart form too', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const body = new FormData();
    body.set('assertion', await w.assertion());
    body.set('resource', R_MATHS);
    body.set('uai', S1);
    const res = await w.app.request('/launch', { method: 'POST', body });
    assert.equal(res.status, 200);
    readLaunchPage(await res.text());
  });
});
