// The platform's checks of a tool's LtiDeepLinkingResponse, in process: only a response signed by the tool's key,
// from its client id, for opengar, unexpired, with the session's data and deployment, once, with a page inside the
// resource's grain origins, becomes a pin.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TestClock } from '../../helpers/clock.js';
import { copy, type EntKeys, ISSUER, resource, S1, subscription } from '../../helpers/fixtures.js';
import { buildWorld, type World } from '../../helpers/world.js';
import { readForm } from './lti-browser.js';

const R_LTI = 'ark:/77777/lti-picker';
const TOOL = 'https://tool.example';
const CLIENT = 'opengar-picker';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';

describe('LTI Deep Linking responses (platform side)', () => {
  let w: World<'handoff'>;
  let keysA: EntKeys;
  let toolKey: CryptoKey;
  let otherKey: CryptoKey;
  const clock = new TestClock();

  async function form(path: string, fields: Record<string, string>) {
    return w.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  async function assertion(sub: string) {
    const t = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({ uai: S1 })
      .setProtectedHeader({ alg: keysA.alg, typ: 'gar-ent+jwt', kid: keysA.publicJwk.kid! })
      .setIssuer('ENTA')
      .setSubject(sub)
      .setAudience(ISSUER)
      .setIssuedAt(t)
      .setExpirationTime(t + 60)
      .setJti(crypto.randomUUID())
      .sign(keysA.privateKey);
  }

  /** A teacher's Deep Linking request, down to the id_token's settings: its `data` and deployment. */
  async function session(): Promise<string> {
    const start = await form('/lti/deep-linking/start', {
      assertion: await assertion('prof-a'),
      resource: R_LTI,
      uai: S1,
      group: '3A',
      until: '2026-02-01',
    });
    assert.equal(start.status, 200);
    const init = readForm(await start.text())!;
    const q = new URLSearchParams({
      response_type: 'id_token',
      response_mode: 'form_post',
      scope: 'openid',
      prompt: 'none',
      client_id: CLIENT,
      redirect_uri: `${TOOL}/lti`,
      login_hint: init.fields.login_hint!,
      lti_message_hint: init.fields.lti_message_hint!,
      nonce: crypto.randomUUID(),
    });
    const auth = await w.app.request(`/lti/authorize?${q}`);
    const idToken = decodeJwt(readForm(await auth.text())!.fields.id_token!);
    assert.equal(idToken[`${LTI}/message_type`], 'LtiDeepLinkingRequest');
    const settings = idToken[`${DL}/deep_linking_settings`] as { data: string; deep_link_return_url: string };
    assert.equal(settings.deep_link_return_url, `${ISSUER}/lti/deep-linking/return`);
    return settings.data;
  }

  async function response(data: string, over: Record<string, unknown> = {}, key = toolKey, lifetimeS = 60) {
    const t = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({
      iss: CLIENT,
      aud: ISSUER,
      nonce: crypto.randomUUID(),
      iat: t,
      exp: t + lifetimeS,
      [`${LTI}/message_type`]: 'LtiDeepLinkingResponse',
      [`${LTI}/version`]: '1.3.0',
      [`${LTI}/deployment_id`]: 'd1',
      [`${DL}/data`]: data,
      [`${DL}/content_items`]: [{ type: 'ltiResourceLink', title: 'Chapitre 3', url: `${TOOL}/lti?page=3` }],
      ...over,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'tool-1' })
      .sign(key);
  }

  async function refused(jwt: string, reason: string) {
    const res = await form('/lti/deep-linking/return', { JWT: jwt });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).reason, reason);
  }

  before(async () => {
    w = await buildWorld({ data: 'handoff', clock });
    keysA = w.keysA;
    const tool = await generateKeyPair('RS256', { extractable: true });
    toolKey = tool.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(tool.publicKey)), kid: 'tool-1', alg: 'RS256' };
    await w.store.putResource(
      resource({
        id: R_LTI,
        publisherId: 'L',
        protocol: 'lti',
        accessUrl: `${TOOL}/lti`,
        grainOrigins: [TOOL],
        lti: {
          clientId: CLIENT,
          loginUrl: `${TOOL}/login`,
          redirectUris: [`${TOOL}/lti`],
          jwks: { keys: [jwk as { kty: string }] },
          deploymentIds: ['d1'],
          deepLinkingUrl: `${TOOL}/lti/picker`,
        },
      }),
    );
    await w.store.insertSubscription(subscription({ id: 'ABO-PICK', resourceId: R_LTI }));
    await w.store.insertCopies([copy({ subscriptionId: 'ABO-PICK', personId: 'prof-a', audience: 'ENSEIGNANT' })]);
    await w.store.putTeachings([{ uai: S1, personId: 'prof-a', groupCode: '3A', subject: '020700' }]);
  });

  it('a good response pins the page once; the same response again is refused', async () => {
    const jwt = await response(await session());
    const res = await form('/lti/deep-linking/return', { JWT: jwt });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Chapitre 3/);
    const pins = await w.store.listPins({ uai: S1, teacherId: 'prof-a' });
    assert.equal(pins[0]?.grain, `${TOOL}/lti?page=3`);
    assert.equal(pins[0]?.grainTitle, 'Chapitre 3', 'the page keeps the title the tool gave it');
    await refused(jwt, 'invalid_data');
  });

  it('the return page links back to the ENT’s console when the ENT registered one, its URL escaped', async () => {
    const res = await form('/lti/deep-linking/return', { JWT: await response(await session()) });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.doesNotMatch(html, /<a /, 'no console registered: no link');
    assert.match(html, /fermer cette page/);
    const ent = (await w.store.getEnt('ENTA'))!;
    await w.store.putEnt({ ...ent, consoleUrl: 'https://ent-a.example/console?x="<b>' });
    try {
      const back = await form('/lti/deep-linking/return', { JWT: await response(await session()) });
      const page = await back.text();
      assert.match(
        page,
        /<a href="https:\/\/ent-a\.example\/console\?x=&quot;&lt;b&gt;&amp;uai=0000001A">Revenir à la console de l’ENT<\/a>/,
      );
      assert.doesNotMatch(page, /fermer cette page/);
    } finally {
      await w.store.putEnt(ent);
    }
  });

  it('refuses a bad signature, a wrong audience or issuer, an expired response', async () => {
    await refused(await response(await session(), {}, otherKey), 'bad_signature');
    await refused(await response(await session(), { aud: 'https://other-platform.example' }), 'wrong_audience');
    await refused(await response(await session(), { iss: 'another-client' }), 'wrong_issuer');
    const data = await session();
    const old = await response(data, {}, toolKey, 60);
    clock.advance(5 * 60_000);
    await refused(old, 'expired');
  });

  it('refuses forged data, another deployment, another message type, a page outside the origins', async () => {
    await refused(await response('forged-data'), 'invalid_data');
    await refused(await response(await session(), { [`${LTI}/deployment_id`]: 'd2' }), 'wrong_deployment');
    await refused(
      await response(await session(), { [`${LTI}/message_type`]: 'LtiResourceLinkRequest' }),
      'wrong_message',
    );
    const outside = { [`${DL}/content_items`]: [{ type: 'link', url: 'https://evil.example/x' }] };
    await refused(await response(await session(), outside), 'outside_origins');
    const tricky = { [`${DL}/content_items`]: [{ type: 'link', url: `https://tool.example@evil.example/x` }] };
    await refused(await response(await session(), tricky), 'outside_origins');
  });

  it('a replayed nonce is refused even with a fresh session', async () => {
    const nonce = crypto.randomUUID();
    assert.equal(
      (await form('/lti/deep-linking/return', { JWT: await response(await session(), { nonce }) })).status,
      200,
    );
    await refused(await response(await session(), { nonce }), 'replayed');
  });

  it('no item chosen: nothing pinned, a page says so', async () => {
    const before = (await w.store.listPins({ uai: S1, teacherId: 'prof-a' })).length;
    const res = await form('/lti/deep-linking/return', {
      JWT: await response(await session(), { [`${DL}/content_items`]: [] }),
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Aucune page choisie/);
    assert.equal((await w.store.listPins({ uai: S1, teacherId: 'prof-a' })).length, before);
  });

  it('garbage is a typed 400 and /healthz answers afterwards; a class not taught is refused', async () => {
    for (const JWT of ['x', 'a.b.c', '.'.repeat(40_000), 'eyJhbGciOiJub25lIn0.e30.']) {
      const res = await form('/lti/deep-linking/return', { JWT });
      assert.ok(res.status === 400 || res.status === 413, String(res.status));
    }
    assert.equal((await w.app.request('/lti/deep-linking/return', { method: 'POST', body: 'x' })).status, 415);
    const notTaught = await form('/lti/deep-linking/start', {
      assertion: await assertion('prof-a'),
      resource: R_LTI,
      uai: S1,
      group: 'LATIN',
      until: '2026-02-01',
    });
    assert.equal(notTaught.status, 403);
    assert.equal((await w.app.request('/healthz')).status, 200);
  });
});
