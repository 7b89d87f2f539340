// The LTI 1.3 security framework's refusals at the tool's launch, and garbage at every route: typed 400 problems (an
// HTML page for browsers), nothing spent by a refused launch, and the service still healthy after.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { R_DICO } from '../../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../../helpers/world.js';
import { assertProblem } from '../fixtures/http.js';
import {
  CLIENT_ID,
  idToken,
  login,
  MOODLE,
  moodleKeys,
  platform,
  post,
  type IdTokenOptions,
  type MoodleKeys,
} from './moodle.js';

const OPERATOR = { kind: 'operator', operatorId: 'op-1' } as const;
let keys: MoodleKeys;
let otherKeys: MoodleKeys;

before(async () => {
  keys = await moodleKeys();
  otherKeys = await moodleKeys('moodle-1');
});

async function world(over = {}): Promise<HandoffWorld> {
  const w = await buildWorld({ data: 'handoff' });
  await w.service.admin.ltiPlatforms.create(OPERATOR, platform(keys, over));
  return w;
}

async function attempt(w: HandoffWorld, o: Partial<IdTokenOptions> = {}, cookie?: (c: string) => string | undefined) {
  const l = await login(w);
  const token = await idToken({ keys, nonce: l.nonce, now: w.clock.now(), ...o });
  const sent = cookie ? cookie(l.cookie) : l.cookie;
  const res = await w.app.request('/lti/tool/launch', post({ id_token: token, state: l.state }, sent));
  return { res, l, token };
}

async function refused(res: Response, reason: string): Promise<void> {
  const p = await assertProblem(res, 400, 'bad-request');
  assert.equal(p.reason, reason);
}

describe('LTI 1.3 tool: the security framework’s refusals at launch', () => {
  it('uses a nonce once: the same id_token and state posted twice', async () => {
    const w = await world();
    const { res, l, token } = await attempt(w);
    assert.equal(res.status, 303);
    await refused(
      await w.app.request('/lti/tool/launch', post({ id_token: token, state: l.state }, l.cookie)),
      'nonce_reused',
    );
  });

  it('refuses a state of another browser, a missing cookie, a forged state; none of them spends the nonce', async () => {
    const w = await world();
    const l = await login(w);
    const token = await idToken({ keys, nonce: l.nonce, now: w.clock.now() });
    const send = (state: string, cookie?: string) =>
      w.app.request('/lti/tool/launch', post({ id_token: token, state }, cookie));
    await refused(await send(l.state, `opengar_lti_bind=${'B'.repeat(43)}`), 'state_mismatch');
    await refused(await send(l.state), 'state_mismatch');
    await refused(await send(`${l.state.slice(0, -2)}xx`, l.cookie), 'state_invalid');
    await refused(await send('not-a-state', l.cookie), 'state_invalid');
    const other = await login(w);
    await refused(await send(other.state, other.cookie), 'nonce_mismatch');
    assert.equal((await send(l.state, l.cookie)).status, 303, 'the real launch still passes');
  });

  it('refuses a wrong aud, a wrong azp, several audiences without azp, and another issuer', async () => {
    const w = await world();
    await refused((await attempt(w, { aud: 'someone-else' })).res, 'wrong_audience');
    await refused((await attempt(w, { aud: [CLIENT_ID, 'other'], claims: { azp: 'other' } })).res, 'wrong_audience');
    await refused((await attempt(w, { aud: [CLIENT_ID, 'other'] })).res, 'wrong_audience');
    assert.equal((await attempt(w, { aud: [CLIENT_ID, 'other'], claims: { azp: CLIENT_ID } })).res.status, 303);
    await refused((await attempt(w, { iss: 'https://evil.test' })).res, 'wrong_issuer');
  });

  it('refuses an expired id_token and one issued in the future', async () => {
    const w = await world();
    await refused((await attempt(w, { lifetime: -30 })).res, 'expired');
    const future = new Date(w.clock.now().getTime() + 3600_000);
    await refused((await attempt(w, { now: future })).res, 'expired');
  });

  it('refuses a bad signature, an unknown deployment, another version and another message type', async () => {
    const w = await world();
    await refused((await attempt(w, { keys: otherKeys })).res, 'bad_signature');
    await refused((await attempt(w, { kid: 'unknown-kid' })).res, 'bad_signature');
    await refused(
      (await attempt(w, { claims: { 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': '99' } })).res,
      'unknown_deployment',
    );
    await refused(
      (await attempt(w, { claims: { 'https://purl.imsglobal.org/spec/lti/claim/version': '1.1' } })).res,
      'wrong_version',
    );
    await refused((await attempt(w, { messageType: 'LtiSubmissionReviewRequest' })).res, 'wrong_message_type');
    await refused(
      (
        await attempt(w, {
          claims: { 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri': 'https://other-tool.test/launch' },
        })
      ).res,
      'bad_target',
    );
    await refused(
      (
        await attempt(w, {
          messageType: 'LtiResourceLinkRequest',
          claims: {
            'https://purl.imsglobal.org/spec/lti/claim/resource_link': undefined,
            'https://purl.imsglobal.org/spec/lti/claim/custom': { gar_resource: R_DICO },
          },
        })
      ).res,
      'malformed',
    );
    await refused(
      (
        await attempt(w, {
          claims: {
            'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
              deep_link_return_url: 'javascript:alert(1)',
              accept_types: ['ltiResourceLink'],
            },
          },
        })
      ).res,
      'unsupported_return',
    );
  });

  it('refuses once the platform is removed', async () => {
    const w = await world();
    const l = await login(w);
    await w.service.admin.ltiPlatforms.delete(OPERATOR, 'moodle-test');
    const token = await idToken({ keys, nonce: l.nonce, now: w.clock.now() });
    await refused(
      await w.app.request('/lti/tool/launch', post({ id_token: token, state: l.state }, l.cookie)),
      'unknown_platform',
    );
  });
});

describe('LTI 1.3 tool: the platform’s key set on a loopback server', () => {
  let server: Server;
  let url: string;
  before(async () => {
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [keys.publicJwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mod/lti/certs.php`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('verifies with the fetched keys and refuses a key it does not publish', async () => {
    const w = await world({ jwks: undefined, jwksUrl: url });
    assert.equal((await attempt(w)).res.status, 303);
    await refused((await attempt(w, { keys: otherKeys, kid: 'other' })).res, 'bad_signature');
  });
});

describe('LTI 1.3 tool: garbage at every route', () => {
  it('answers typed problems (an HTML page to a browser), and stays healthy', async () => {
    const w = await world();
    const routes = ['/lti/tool/login', '/lti/tool/launch', '/lti/tool/picker', '/lti/tool/picker/ent'];
    for (const path of routes) {
      const json = await w.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"id_token":1}',
      });
      assert.ok([400, 415].includes(json.status), `${path} json: ${json.status}`);
      assert.match(json.headers.get('content-type')!, /problem\+json/);
      const big = await w.app.request(path, post({ id_token: 'x'.repeat(40_000), state: 'y' }));
      assert.ok([400, 413].includes(big.status), `${path} big: ${big.status}`);
      const empty = await w.app.request(path, post({}));
      assert.equal(empty.status, 400, `${path} empty`);
      const wrongMethod = await w.app.request(path, { method: 'DELETE' });
      assert.equal(wrongMethod.status, 405);
    }
    const nul = await w.app.request('/lti/tool/launch', post({ id_token: 'a\u0000b', state: '\u0007' }));
    assert.equal(nul.status, 400);
    const garbageToken = await login(w);
    await refused(
      await w.app.request(
        '/lti/tool/launch',
        post({ id_token: 'e30.e30.e30', state: garbageToken.state }, garbageToken.cookie),
      ),
      'malformed',
    );
    const dup = await w.app.request(`/lti/tool/login?iss=${MOODLE}&iss=${MOODLE}&login_hint=1&target_link_uri=x`);
    await refused(dup, 'malformed');
    const page = await w.app.request('/lti/tool/launch', {
      ...post({ id_token: 'x', state: 'y' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' },
    });
    assert.equal(page.status, 400);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    assert.ok(!(await page.text()).includes('<script'));
    assert.equal((await w.app.request('/healthz')).status, 200);
    assert.ok(!w.logger.lines.some((l) => l.includes('x'.repeat(100))), 'no token in the logs');
    assert.ok(await w.store.getResource(R_DICO));
  });
});
