// opengar as an LTI 1.3 tool of a simulated Moodle: login initiation → launch → Deep Linking picker (through the
// ENT) → Deep Linking response verified as a platform would; a placed item's launch goes to the ordinary /launch.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { decodeGarBase64 } from '../../../src/gar/index.js';
import { pickerPageHtml } from '../../../src/handoff/lti-tool/lti-tool-pages.js';
import { ASSERTION_ENDPOINT, ISSUER, R_DICO, R_MATHS, S1 } from '../../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../../helpers/world.js';
import { assertProblem, form, readLaunchPage } from '../fixtures/http.js';
import {
  CLIENT_ID,
  hidden,
  idToken,
  login,
  moodleKeys,
  offered,
  platform,
  platformReads,
  post,
  type MoodleKeys,
  verifyDeepLinkJwt,
} from './moodle.js';

const OPERATOR = { kind: 'operator', operatorId: 'op-1' } as const;
const GRAIN_ORIGIN = 'https://dico.resource.test';

let keys: MoodleKeys;
before(async () => {
  keys = await moodleKeys();
});

async function world(): Promise<HandoffWorld> {
  const w = await buildWorld({ data: 'handoff' });
  await w.service.admin.ltiPlatforms.create(OPERATOR, platform(keys));
  const dico = (await w.store.getResource(R_DICO))!;
  await w.store.putResource({ ...dico, grainOrigins: [GRAIN_ORIGIN] });
  return w;
}

/** Login initiation and a launch of the given message type; the tool's answer. */
async function launch(w: HandoffWorld, messageType = 'LtiDeepLinkingRequest', claims: Record<string, unknown> = {}) {
  const l = await login(w);
  const token = await idToken({ keys, nonce: l.nonce, now: w.clock.now(), messageType, claims });
  const res = await w.app.request('/lti/tool/launch', post({ id_token: token, state: l.state }, l.cookie));
  return { ...l, res, token };
}

/** A Deep Linking launch, then the ENT round trip of the teacher: the picker page. */
async function picker(w: HandoffWorld, sub = 'prof-a', headers: Record<string, string> = {}) {
  const l = await launch(w);
  assert.equal(l.res.status, 303, await l.res.clone().text());
  const atEnt = new URL(l.res.headers.get('location')!);
  const registered = new URL(ASSERTION_ENDPOINT);
  assert.equal(`${atEnt.origin}${atEnt.pathname}`, `${registered.origin}${registered.pathname}`);
  assert.equal(atEnt.searchParams.get('return_to'), `${ISSUER}/launch/callback`, 'the one callback ENTs know');
  // The state goes through the ENT's URL: sealed, it shows neither Moodle's return URL (its sesskey) nor its data.
  const readable = atEnt.searchParams
    .get('state')!
    .split('.')
    .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
    .join(' ');
  assert.ok(!readable.includes('contentitem_return') && !readable.includes('moodle-opaque-data'));
  const assertion = await w.assertion({ sub, uai: S1 });
  const page = await w.app.request(
    '/launch/callback',
    post({ assertion, state: atEnt.searchParams.get('state')! }, l.cookie, headers),
  );
  return { ...l, page, state: atEnt.searchParams.get('state')! };
}

describe('LTI 1.3 tool: login initiation', () => {
  it('redirects to the platform’s authorization endpoint with the OIDC parameters, a state and a nonce', async () => {
    const w = await world();
    const l = await login(w);
    assert.equal(`${l.target.origin}${l.target.pathname}`, 'https://moodle.test/mod/lti/auth.php');
    const p = Object.fromEntries(l.target.searchParams);
    assert.equal(p.scope, 'openid');
    assert.equal(p.response_type, 'id_token');
    assert.equal(p.response_mode, 'form_post');
    assert.equal(p.prompt, 'none');
    assert.equal(p.client_id, CLIENT_ID);
    assert.equal(p.redirect_uri, `${ISSUER}/lti/tool/launch`);
    assert.equal(p.login_hint, '2');
    assert.equal(p.lti_message_hint, '{"cmid":3}');
    assert.ok(p.nonce!.length >= 32 && p.state!.length > 40);
    assert.equal(l.res.headers.get('cache-control'), 'no-store');
    // A POSTed initiation works the same, and keeps the browser's binding.
    const posted = await w.app.request(
      '/lti/tool/login',
      post({ iss: 'https://moodle.test', login_hint: '2', target_link_uri: `${ISSUER}/lti/tool/launch` }, l.cookie),
    );
    assert.equal(posted.status, 302);
    assert.match(posted.headers.get('set-cookie')!, new RegExp(l.cookie));
  });

  it('refuses an unknown issuer, client or deployment, a foreign target and missing parameters', async () => {
    const w = await world();
    const get = (q: Record<string, string>) =>
      w.app.request(
        `/lti/tool/login?${new URLSearchParams({ iss: 'https://moodle.test', login_hint: '2', target_link_uri: `${ISSUER}/lti/tool/launch`, ...q })}`,
      );
    const cases: [Record<string, string>, string][] = [
      [{ iss: 'https://evil.test' }, 'unknown_platform'],
      [{ client_id: 'other' }, 'unknown_client'],
      [{ lti_deployment_id: '99' }, 'unknown_deployment'],
      [{ target_link_uri: 'https://evil.test/lti/tool/launch' }, 'bad_target'],
      [{ target_link_uri: `${ISSUER}/lti/tool/launchx` }, 'bad_target'],
      [{ login_hint: '' }, 'malformed'],
    ];
    for (const [q, reason] of cases) {
      const p = await assertProblem(await get(q), 400, 'bad-request');
      assert.equal(p.reason, reason, JSON.stringify(q));
    }
  });
});

describe('LTI 1.3 tool: Deep Linking picker', () => {
  it('authenticates the teacher through the ENT, lists their médiacentre, and answers a signed LtiDeepLinkingResponse', async () => {
    const w = await world();
    const { page, cookie } = await picker(w);
    assert.equal(page.status, 200, await page.clone().text());
    const html = await page.text();
    assert.match(page.headers.get('content-security-policy')!, /frame-ancestors https:\/\/moodle\.test/);
    assert.match(page.headers.get('content-security-policy')!, /form-action 'self'/);
    assert.match(html, /<html lang="fr">/);
    assert.ok(offered(html).includes(R_DICO), 'the teacher’s free dictionary');
    const session = hidden(html, 'session');
    const answer = await w.app.request(
      '/lti/tool/picker',
      post({ session, resource: R_DICO, grain: '/mot/chat?x=1', title: 'Le dico <b>' }, cookie),
    );
    assert.equal(answer.status, 200, await answer.clone().text());
    assert.match(answer.headers.get('content-security-policy')!, /form-action https:\/\/moodle\.test/);
    const body = await answer.text();
    assert.ok(!body.includes('<b>'), 'the title is escaped');
    const { item } = await platformReads(w, body, w.clock.now());
    assert.equal(item.title, 'Le dico <b>');
    assert.deepEqual(item.custom, { gar_resource: R_DICO, gar_grain: `${GRAIN_ORIGIN}/mot/chat?x=1` });
    assert.deepEqual((item as { window?: unknown }).window, { targetName: '_blank' }, 'Moodle accepts window');
    // The session is single-use.
    const again = await w.app.request('/lti/tool/picker', post({ session, resource: R_DICO }, cookie));
    assert.equal((await assertProblem(again, 400, 'bad-request')).reason, 'session_reused');
  });

  it('refuses a grain outside the resource’s origins, a resource the teacher cannot open, and another browser', async () => {
    const w = await world();
    const { page, cookie } = await picker(w);
    const session = hidden(await page.text(), 'session');
    const bad = await w.app.request(
      '/lti/tool/picker',
      post({ session, resource: R_DICO, grain: 'https://evil.test/x' }, cookie),
    );
    assert.equal((await assertProblem(bad, 400, 'validation')).reason, 'invalid_grain');
    const js = await w.app.request(
      '/lti/tool/picker',
      post({ session, resource: R_DICO, grain: 'javascript:alert(1)' }, cookie),
    );
    assert.equal((await assertProblem(js, 400, 'validation')).reason, 'invalid_grain');
    const notHers = await w.app.request('/lti/tool/picker', post({ session, resource: 'ark:/99999/none' }, cookie));
    assert.equal((await assertProblem(notHers, 400, 'bad-request')).reason, 'no_resource');
    const otherBrowser = await w.app.request(
      '/lti/tool/picker',
      post({ session, resource: R_DICO }, `opengar_lti_bind=${'A'.repeat(43)}`),
    );
    assert.equal((await assertProblem(otherBrowser, 400, 'bad-request')).reason, 'state_mismatch');
    const forged = await w.app.request('/lti/tool/picker', post({ session: `${session}x`, resource: R_DICO }, cookie));
    assert.equal((await assertProblem(forged, 400, 'bad-request')).reason, 'session_invalid');
    const crossSite = await w.app.request(
      '/lti/tool/picker',
      post({ session, resource: R_DICO }, cookie, { origin: 'https://evil.test' }),
    );
    await assertProblem(crossSite, 403, 'forbidden');
    // After all these, the session still works once.
    const ok = await w.app.request('/lti/tool/picker', post({ session, resource: R_DICO }, cookie));
    assert.equal(ok.status, 200);
  });

  it('takes the teacher’s school from the directory when the ENT’s assertion names none', async () => {
    const w = await world();
    const l = await launch(w);
    const state = new URL(l.res.headers.get('location')!).searchParams.get('state')!;
    const page = await w.app.request(
      '/launch/callback',
      post({ assertion: await w.assertion({ sub: 'prof-a' }), state }, l.cookie),
    );
    assert.equal(page.status, 200);
    assert.ok(offered(await page.text()).includes(R_DICO));
  });

  it('refuses a teacher of a school the platform does not serve', async () => {
    const w = await world();
    await w.service.admin.ltiPlatforms.update(OPERATOR, 'moodle-test', platform(keys, { schools: ['0000003A'] }));
    const { page } = await picker(w);
    await assertProblem(page, 403, 'forbidden');
  });

  it('refuses a pupil, and a replayed picker state', async () => {
    const w = await world();
    const pupil = await picker(w, 'eleve-a');
    await assertProblem(pupil.page, 403, 'forbidden');
    const replay = await w.app.request(
      '/launch/callback',
      post({ assertion: await w.assertion({ sub: 'prof-a', uai: S1 }), state: pupil.state }, pupil.cookie),
    );
    assert.equal((await assertProblem(replay, 400, 'bad-request')).reason, 'state_reused');
  });

  it('answers the picker in English for an English browser, and says when nothing can be placed', async () => {
    const w = await world();
    const { page } = await picker(w, 'prof-a', { 'accept-language': 'en-GB,en;q=0.8' });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html lang="en">/);
    assert.match(html, /Place a resource in the course/);
    // A teacher with nothing at the school: a status, no form.
    const empty = pickerPageHtml({ lang: 'fr', schoolName: 'Collège <A>', items: [], session: 's' });
    assert.match(empty, /<p role="status">Aucune ressource/);
    assert.ok(!empty.includes('<form'));
    assert.equal((await w.app.request('/healthz')).status, 200);
  });
});

describe('LTI 1.3 tool: the picker from Moodle’s frame', () => {
  it('opens the ENT in a new window, whose answer goes back to the frame', async () => {
    const w = await world();
    const l = await login(w);
    const token = await idToken({ keys, nonce: l.nonce, now: w.clock.now() });
    const framed = await w.app.request(
      '/lti/tool/launch',
      post({ id_token: token, state: l.state }, l.cookie, { 'sec-fetch-dest': 'iframe' }),
    );
    assert.equal(framed.status, 200);
    const csp = framed.headers.get('content-security-policy')!;
    assert.match(csp, /frame-ancestors https:\/\/moodle\.test/);
    assert.match(csp, /form-action https:\/\/moodle\.test/);
    const html = await framed.text();
    const link = /<a class="button" href="([^"]+)" target="_blank" rel="opener">/.exec(html);
    assert.ok(link, 'a link to a new window');
    const url = new URL(link[1]!.replace(/&amp;/g, '&'));
    // The new window: its own cookie, then the ENT.
    const opened = await w.app.request(`${url.pathname}${url.search}`);
    assert.equal(opened.status, 303);
    const cookie = /opengar_lti_bind=[^;]+/.exec(opened.headers.get('set-cookie')!)![0];
    const state = new URL(opened.headers.get('location')!).searchParams.get('state')!;
    const page = await w.app.request(
      '/launch/callback',
      post({ assertion: await w.assertion({ sub: 'prof-a', uai: S1 }), state }, cookie),
    );
    assert.equal(page.status, 200);
    const session = hidden(await page.text(), 'session');
    const done = await w.app.request('/lti/tool/picker', post({ session, resource: R_DICO }, cookie));
    assert.equal(done.status, 200);
    assert.match(done.headers.get('content-security-policy')!, /form-action 'none'/);
    const jwt = /data-jwt="([^"]+)"/.exec(await done.text())![1]!;
    const payload = await verifyDeepLinkJwt(w, jwt, w.clock.now());
    assert.equal(payload['https://purl.imsglobal.org/spec/lti-dl/claim/data'], 'moodle-opaque-data-42');
    await refusedAs(w.app.request(`${url.pathname}?t=forged`), 'session_invalid');
    await refusedAs(w.app.request(`${url.pathname}${url.search}&t=x`), 'malformed');
  });
});

async function refusedAs(res: Promise<Response>, reason: string): Promise<void> {
  assert.equal((await assertProblem(await res, 400, 'bad-request')).reason, reason);
}

describe('LTI 1.3 tool: a platform serving two ENTs', () => {
  it('asks the teacher to choose their ENT, then goes to that ENT; a forged request or another ENT is refused', async () => {
    const w = await world();
    const entB = (await w.store.getEnt('ENTB'))!;
    await w.store.putEnt({ ...entB, assertionEndpoint: 'https://ent-b.test/gar/assertion' });
    await w.service.admin.ltiPlatforms.update(OPERATOR, 'moodle-test', platform(keys, { entIds: ['ENTA', 'ENTB'] }));
    const l = await launch(w);
    assert.equal(l.res.status, 200);
    assert.match(
      l.res.headers.get('content-security-policy')!,
      /form-action 'self' https:\/\/ent-a\.test https:\/\/ent-b\.test/,
    );
    const html = await l.res.text();
    assert.equal([...html.matchAll(/name="ent" value="(ENT[AB])"/g)].length, 2);
    const request = hidden(html, 'request');
    const chosen = await w.app.request('/lti/tool/picker/ent', post({ request, ent: 'ENTB' }, l.cookie));
    assert.equal(chosen.status, 303);
    const atEnt = new URL(chosen.headers.get('location')!);
    assert.equal(`${atEnt.origin}${atEnt.pathname}`, 'https://ent-b.test/gar/assertion');
    assert.equal(atEnt.searchParams.get('return_to'), `${ISSUER}/launch/callback`);
    const other = await w.app.request('/lti/tool/picker/ent', post({ request, ent: 'ENTC' }, l.cookie));
    assert.equal((await assertProblem(other, 400, 'bad-request')).reason, 'unknown_platform');
    const forged = await w.app.request('/lti/tool/picker/ent', post({ request: `${request}x`, ent: 'ENTA' }, l.cookie));
    assert.equal((await assertProblem(forged, 400, 'bad-request')).reason, 'session_invalid');
    const elsewhere = await w.app.request('/lti/tool/picker/ent', post({ request, ent: 'ENTA' }));
    assert.equal((await assertProblem(elsewhere, 400, 'bad-request')).reason, 'state_mismatch');
    // ENT A's assertion on ENT B's round trip: refused.
    const state = atEnt.searchParams.get('state')!;
    const wrong = await w.app.request(
      '/launch/callback',
      post({ assertion: await w.assertion({ sub: 'prof-a', uai: S1 }), state }, l.cookie),
    );
    await assertProblem(wrong, 403, 'forbidden');
  });
});

describe('LTI 1.3 tool: launch of a placed resource', () => {
  it('goes to the ordinary GAR-style launch, where the ENT authenticates the pupil and the hand-off applies', async () => {
    const w = await world();
    const l = await launch(w, 'LtiResourceLinkRequest', {
      'https://purl.imsglobal.org/spec/lti/claim/custom': { gar_resource: R_MATHS },
    });
    assert.equal(l.res.status, 303, await l.res.clone().text());
    const next = new URL(l.res.headers.get('location')!);
    assert.equal(`${next.origin}${next.pathname}`, `${ISSUER}/launch`);
    assert.equal(decodeGarBase64(next.searchParams.get('idRessource')!), R_MATHS);
    assert.equal(next.searchParams.get('idp_hint'), 'ENTA');
    const toEnt = await w.app.request(`${next.pathname}${next.search}`);
    assert.equal(toEnt.status, 303);
    const state = new URL(toEnt.headers.get('location')!).searchParams.get('state')!;
    const page = await w.app.request('/launch/callback', form({ assertion: await w.assertion({ uai: S1 }), state }));
    assert.equal(page.status, 200);
    assert.equal(readLaunchPage(await page.text()).action, 'https://x.resource.test/gar');
  });

  it('carries a grain, and refuses one outside the resource’s origins or a link naming no resource', async () => {
    const w = await world();
    const custom = 'https://purl.imsglobal.org/spec/lti/claim/custom';
    const ok = await launch(w, 'LtiResourceLinkRequest', {
      [custom]: { gar_resource: R_DICO, gar_grain: '/mot/chat' },
    });
    assert.equal(new URL(ok.res.headers.get('location')!).searchParams.get('grain'), `${GRAIN_ORIGIN}/mot/chat`);
    const bad = await launch(w, 'LtiResourceLinkRequest', {
      [custom]: { gar_resource: R_DICO, gar_grain: 'https://evil.test/' },
    });
    assert.equal((await assertProblem(bad.res, 400, 'validation')).reason, 'invalid_grain');
    const none = await launch(w, 'LtiResourceLinkRequest');
    assert.equal((await assertProblem(none.res, 400, 'bad-request')).reason, 'no_resource');
  });
});
