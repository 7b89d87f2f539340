// opengar as the LTI 1.3 platform of a resource registered as a tool, proved with ltijs (a stock tool library) over
// loopback: the médiacentre click posts the login initiation to the tool, ltijs sends the browser to opengar's
// authorization endpoint, opengar form-posts the id_token, and ltijs accepts it (or refuses it: state, nonce, aud,
// expiry). Skipped, with the reason, where the PostgreSQL test cluster cannot start.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { decodeJwt, SignJWT } from 'jose';
import { pairwisePseudonym } from '@opengar/core';
import { TestClock } from '../../helpers/clock.js';
import { copy, type EntKeys, resource, S1, SECRET, subscription } from '../../helpers/fixtures.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { buildWorld, type World } from '../../helpers/world.js';
import { Browser, readForm } from './lti-browser.js';
import { startLtijsTool, type LtijsTool } from './ltijs-tool.js';

const R_LTI = 'ark:/77777/lti-tool';
const CLIENT = 'opengar-test-tool';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim';

const pg = await startTestPostgres();
const skip = 'skip' in pg ? pg.skip : false;

describe('LTI 1.3 launch accepted by ltijs', { skip }, () => {
  let issuer = '';
  let gar: Server;
  let tool: LtijsTool;
  let w: World<'handoff'>;
  let keysA: EntKeys;
  // Keys are made at the start, 15 minutes in the past, so that a late clock still finds one; every click sets now.
  const clock = new TestClock(Date.now() - 15 * 60_000);

  async function assertion(sub = 'eleve-a'): Promise<string> {
    const t = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({ uai: S1 })
      .setProtectedHeader({ alg: keysA.alg, typ: 'gar-ent+jwt', kid: keysA.publicJwk.kid! })
      .setIssuer('ENTA')
      .setSubject(sub)
      .setAudience(issuer)
      .setIssuedAt(t)
      .setExpirationTime(t + 60)
      .setJti(crypto.randomUUID())
      .sign(keysA.privateKey);
  }

  /** The médiacentre click: POST /launch, answered with the login initiation form to the tool. */
  async function click(browser: Browser, extra: Record<string, string> = {}) {
    clock.set(Date.now());
    const body = new URLSearchParams({ assertion: await assertion(), resource: R_LTI, uai: S1, ...extra });
    const page = await browser.go(`${issuer}/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    assert.equal(page.res.status, 200, page.text);
    const form = readForm(page.text);
    assert.ok(form, 'an auto-submitting form');
    return form;
  }

  /** Click, login initiation at ltijs, authorization at opengar: the id_token form for the tool. */
  async function toIdToken(browser: Browser) {
    const init = await click(browser);
    const auth = await browser.post(init);
    assert.equal(auth.res.status, 200, auth.text);
    assert.equal(`${auth.url.origin}${auth.url.pathname}`, `${issuer}/lti/authorize`);
    const post = readForm(auth.text);
    assert.ok(post?.fields.id_token);
    return post;
  }

  before(async () => {
    if ('skip' in pg) return;
    let handler: ((req: Request) => Response | Promise<Response>) | undefined;
    gar = createServer(getRequestListener((req) => handler!(req)));
    await new Promise<void>((r) => gar.listen(0, '127.0.0.1', () => r()));
    issuer = `http://127.0.0.1:${(gar.address() as AddressInfo).port}`;
    const db = await pg.createDatabase();
    tool = await startLtijsTool(db.url);
    w = await buildWorld({ data: 'handoff', clock, service: { issuer } });
    keysA = w.keysA;
    await w.store.putResource(
      resource({
        id: R_LTI,
        publisherId: 'L',
        protocol: 'lti',
        accessUrl: `${tool.url}/lti`,
        declaredAttributes: ['UAI', 'PRO', 'DIV'],
        grainOrigins: [tool.url],
        lti: {
          clientId: CLIENT,
          loginUrl: `${tool.url}/lti/login`,
          redirectUris: [`${tool.url}/lti`],
          jwksUrl: `${tool.url}/lti/keys`,
          deploymentIds: ['deployment-1'],
          deepLinkingUrl: `${tool.url}/lti`,
        },
      }),
    );
    await w.store.insertSubscription(
      subscription({ id: 'ABO-LTI-S1', resourceId: R_LTI, validUntil: '2099-08-15T21:59:59Z' }),
    );
    await w.store.insertCopies([
      copy({ subscriptionId: 'ABO-LTI-S1', personId: 'eleve-a' }),
      copy({ subscriptionId: 'ABO-LTI-S1', personId: 'prof-a', audience: 'ENSEIGNANT' }),
    ]);
    await w.store.putTeachings([{ uai: S1, personId: 'prof-a', groupCode: '3A', subject: '020700' }]);
    handler = (req) => w.app.fetch(req);
    await tool.register(issuer, CLIENT);
  });

  after(async () => {
    if ('skip' in pg) return;
    await tool?.close();
    gar?.closeAllConnections();
    await new Promise((r) => gar?.close(r));
    await (pg as TestPostgres).stop();
  });

  it('the click → login initiation → id_token: ltijs accepts it, sub is the IDO, roles are LIS', async () => {
    const browser = new Browser();
    const init = await click(browser);
    assert.equal(init.action, `${tool.url}/lti/login`);
    assert.deepEqual(Object.keys(init.fields).sort(), [
      'client_id',
      'iss',
      'login_hint',
      'lti_deployment_id',
      'lti_message_hint',
      'target_link_uri',
    ]);
    assert.equal(init.fields.iss, issuer);
    const auth = await browser.post(init);
    const post = readForm(auth.text)!;
    assert.equal(post.action, `${tool.url}/lti`);
    const claims = decodeJwt(post.fields.id_token!);
    const ido = pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_LTI });
    assert.equal(claims.sub, ido);
    assert.equal(claims.aud, CLIENT);
    assert.equal(claims[`${LTI}/message_type`], 'LtiResourceLinkRequest');
    assert.deepEqual(Object.keys(claims['https://opengar.org/lti/claim/gar'] as object).sort(), [
      'DIV',
      'IDO',
      'PRO',
      'UAI',
    ]);
    const landed = await browser.post(post);
    assert.equal(landed.res.status, 200, landed.text);
    assert.deepEqual(JSON.parse(landed.text), { ok: true, user: ido });
    const seen = tool.launches.at(-1) as { context: { roles: string[]; targetLinkUri: string } };
    assert.ok(seen.context.roles.includes('http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'));
    const events = await w.store.listHandoffEvents({ uai: S1 });
    assert.ok(events.some((e) => e.protocol === 'lti' && e.outcome === 'success' && e.resourceId === R_LTI));
  });

  it('a grain inside the origins becomes the target_link_uri', async () => {
    const browser = new Browser();
    const init = await click(browser, { grain: '/lti?page=chapitre-3' });
    assert.equal(init.fields.target_link_uri, `${tool.url}/lti?page=chapitre-3`);
    const auth = await browser.post(init);
    const post = readForm(auth.text)!;
    assert.equal(decodeJwt(post.fields.id_token!)[`${LTI}/target_link_uri`], `${tool.url}/lti?page=chapitre-3`);
    const landed = await browser.post(post);
    assert.equal(landed.res.status, 200, landed.text);
  });

  it('ltijs refuses a state it did not issue (state mismatch)', async () => {
    const browser = new Browser();
    const post = await toIdToken(browser);
    const landed = await browser.post({ ...post, fields: { ...post.fields, state: 'not-the-state' } });
    assert.equal(landed.res.status, 401);
    assert.match(landed.text, /MISSING_VALIDATION_COOKIE/);
  });

  it('ltijs refuses an id_token posted twice (nonce reuse)', async () => {
    const browser = new Browser();
    const post = await toIdToken(browser);
    const jar = new Map(browser.jars.get(new URL(tool.url).origin));
    assert.equal((await browser.post(post)).res.status, 200);
    browser.jars.set(new URL(tool.url).origin, jar); // the state cookie again, as a replaying attacker would have it
    const again = await browser.post(post);
    assert.equal(again.res.status, 401);
    assert.match(again.text, /NONCE_ALREADY_RECEIVED/);
  });

  it('ltijs refuses an expired id_token', async () => {
    const browser = new Browser();
    const init = await click(browser);
    clock.set(Date.now() - 10 * 60_000); // opengar's clock is 10 minutes late: the token it signs is already expired
    const auth = await browser.post(init);
    clock.set(Date.now());
    const landed = await browser.post(readForm(auth.text)!);
    assert.equal(landed.res.status, 401);
    assert.match(landed.text, /jwt expired|TOKEN_TOO_OLD/);
  });

  it('ltijs refuses an id_token for another client (aud) or another authorized party (azp)', async () => {
    const key = await w.keys.signingKey('RS256');
    for (const [aud, azp, code] of [
      ['another-tool', 'another-tool', /UNREGISTERED_PLATFORM/],
      [[CLIENT, 'another-tool'], 'another-tool', /AZP_DOES_NOT_MATCH_CLIENTID/],
    ] as const) {
      const browser = new Browser();
      const post = await toIdToken(browser);
      const claims = decodeJwt(post.fields.id_token!);
      const forged = await new SignJWT({ ...claims, aud: aud as string | string[], azp, nonce: crypto.randomUUID() })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
        .sign(key.key);
      const landed = await browser.post({ ...post, fields: { ...post.fields, id_token: forged } });
      assert.ok(landed.res.status >= 400, landed.text);
      assert.match(landed.text, code);
    }
  });

  /** The teacher's Deep Linking request, through ltijs's picker: the tool's response form to opengar's return URL. */
  async function pick(browser: Browser, items: Record<string, unknown>[]) {
    clock.set(Date.now());
    tool.items.splice(0, tool.items.length, ...items);
    const body = new URLSearchParams({
      assertion: await assertion('prof-a'),
      resource: R_LTI,
      uai: S1,
      group: '3A',
      until: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
      note: 'À lire « avant » jeudi',
    });
    const page = await browser.go(`${issuer}/lti/deep-linking/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    assert.equal(page.res.status, 200, page.text);
    const init = readForm(page.text)!;
    assert.equal(init.fields.target_link_uri, `${tool.url}/lti`);
    const auth = await browser.post(init);
    const post = readForm(auth.text)!;
    const claims = decodeJwt(post.fields.id_token!);
    assert.equal(claims[`${LTI}/message_type`], 'LtiDeepLinkingRequest');
    assert.equal((claims[`${LTI}/context`] as { label: string }).label, '3A');
    const picker = await browser.post(post); // ltijs's onDeepLinking: its auto-submitting response form
    assert.equal(picker.res.status, 200, picker.text);
    const response = readDeepLinkingForm(picker.text);
    assert.equal(response.action, `${issuer}/lti/deep-linking/return`);
    return response;
  }

  function readDeepLinkingForm(html: string) {
    const action = /action="([^"]*)"/.exec(html)?.[1];
    const jwt = /name="JWT" value="([^"]*)"/.exec(html)?.[1];
    assert.ok(action && jwt, html);
    return { action: action.replace(/&amp;/g, '&'), fields: { JWT: jwt } };
  }

  it('Deep Linking: ltijs accepts the request, its response becomes the teacher’s pin with the grain', async () => {
    const browser = new Browser();
    const url = `${tool.url}/lti?page=fractions`;
    const response = await pick(browser, [{ type: 'ltiResourceLink', title: 'Les <fractions>', url }]);
    const done = await browser.post(response);
    assert.equal(done.res.status, 200, done.text);
    assert.match(done.text, /Les &lt;fractions&gt;/);
    assert.match(done.text, /3e A/);
    const pins = await w.store.listPins({ uai: S1, teacherId: 'prof-a' });
    assert.equal(pins[0]?.grain, url);
    assert.equal(pins[0]?.grainTitle, 'Les <fractions>', 'plain text, escaped where it is shown');
    assert.equal(pins[0]?.resourceId, R_LTI);
    assert.deepEqual(pins[0]?.groupCodes, ['3A']);
    // The same response again: refused (its session is spent).
    const again = await new Browser().post(response);
    assert.equal(again.res.status, 400);
  });

  it('Deep Linking: an item outside the grain origins is refused, nothing is pinned', async () => {
    const before = (await w.store.listPins({ uai: S1, teacherId: 'prof-a' })).length;
    const response = await pick(new Browser(), [{ type: 'link', url: 'https://evil.example/phish' }]);
    const done = await fetch(response.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(response.fields).toString(),
    });
    assert.equal(done.status, 400);
    assert.match(done.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal((await done.json()).reason, 'outside_origins');
    assert.equal((await w.store.listPins({ uai: S1, teacherId: 'prof-a' })).length, before);
  });

  it('Deep Linking: a pupil cannot ask the picker', async () => {
    clock.set(Date.now());
    const body = new URLSearchParams({
      assertion: await assertion('eleve-a'),
      resource: R_LTI,
      uai: S1,
      group: '3A',
      until: '2099-01-01',
    });
    const res = await fetch(`${issuer}/lti/deep-linking/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    assert.equal(res.status, 403);
  });
});
