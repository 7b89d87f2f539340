// The platform's side of the LTI security framework, in process: every check of the authorization endpoint refuses
// with a typed 400 problem, a login_hint works once, garbage never crashes the service.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { TestClock } from '../../helpers/clock.js';
import { copy, type EntKeys, ISSUER, resource, S1, subscription } from '../../helpers/fixtures.js';
import { buildWorld, type World } from '../../helpers/world.js';
import { readForm } from './lti-browser.js';

const R_LTI = 'ark:/77777/lti-tool';
const TOOL = 'https://tool.example';
const CLIENT = 'opengar-test-tool';

describe('LTI authorization endpoint (platform side)', () => {
  let w: World<'handoff'>;
  let keysA: EntKeys;
  const clock = new TestClock();

  async function loginInitiation(grain?: string) {
    const t = Math.floor(clock.now().getTime() / 1000);
    const assertion = await new SignJWT({ uai: S1 })
      .setProtectedHeader({ alg: keysA.alg, typ: 'gar-ent+jwt', kid: keysA.publicJwk.kid! })
      .setIssuer('ENTA')
      .setSubject('eleve-a')
      .setAudience(ISSUER)
      .setIssuedAt(t)
      .setExpirationTime(t + 60)
      .setJti(crypto.randomUUID())
      .sign(keysA.privateKey);
    const body = new URLSearchParams({ assertion, resource: R_LTI, uai: S1, ...(grain ? { grain } : {}) });
    const res = await w.app.request('/launch', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    return { res, form: readForm(await res.text()) };
  }

  const good = (f: Record<string, string>) => ({
    response_type: 'id_token',
    response_mode: 'form_post',
    scope: 'openid',
    prompt: 'none',
    client_id: CLIENT,
    redirect_uri: `${TOOL}/lti`,
    login_hint: f.login_hint!,
    lti_message_hint: f.lti_message_hint!,
    nonce: crypto.randomUUID(),
    state: 'tool-state',
  });

  async function authorize(params: Record<string, string>, method: 'GET' | 'POST' = 'GET') {
    const q = new URLSearchParams(params).toString();
    return method === 'GET'
      ? w.app.request(`/lti/authorize?${q}`)
      : w.app.request('/lti/authorize', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: q,
        });
  }

  async function refusal(res: Response, reason: string) {
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal((await res.json()).reason, reason);
  }

  before(async () => {
    w = await buildWorld({ data: 'handoff', clock });
    keysA = w.keysA;
    await w.store.putResource(
      resource({
        id: R_LTI,
        publisherId: 'L',
        protocol: 'lti',
        accessUrl: `${TOOL}/lti`,
        declaredAttributes: ['UAI'],
        grainOrigins: [TOOL],
        lti: {
          clientId: CLIENT,
          loginUrl: `${TOOL}/login`,
          redirectUris: [`${TOOL}/lti`],
          jwksUrl: `${TOOL}/keys`,
          deploymentIds: ['d1'],
        },
      }),
    );
    await w.store.insertSubscription(subscription({ id: 'ABO-LTI', resourceId: R_LTI }));
    await w.store.insertCopies([copy({ subscriptionId: 'ABO-LTI', personId: 'eleve-a' })]);
  });

  it('answers a good request once, GET or POST; the login_hint cannot be used again', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const { res: page, form } = await loginInitiation();
      assert.equal(form?.action, `${TOOL}/login`);
      // The tool redirects the form's submission back to us: the CSP lets the form go to both origins only.
      assert.match(page.headers.get('content-security-policy') ?? '', new RegExp(`form-action ${TOOL} ${ISSUER};`));
      const params = good(form!.fields);
      const res = await authorize(params, method);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const post = readForm(await res.text());
      assert.equal(post?.action, `${TOOL}/lti`);
      assert.equal(post?.fields.state, 'tool-state');
      const header = JSON.parse(atob(post!.fields.id_token!.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/')));
      assert.equal(header.alg, 'RS256');
      assert.ok(
        (await w.keys.jwks()).keys.some((k) => k.kid === header.kid),
        'kid in the platform JWKS',
      );
      await refusal(await authorize({ ...params, nonce: crypto.randomUUID() }, method), 'invalid_login_hint');
    }
  });

  it('refuses a forged login_hint, or one with another lti_message_hint', async () => {
    const { form } = await loginInitiation();
    const params = good(form!.fields);
    await refusal(await authorize({ ...params, login_hint: 'A'.repeat(43) }), 'invalid_login_hint');
    await refusal(await authorize({ ...params, lti_message_hint: 'B'.repeat(43) }), 'invalid_login_hint');
  });

  it('refuses an unknown client_id and an unregistered redirect_uri', async () => {
    let { form } = await loginInitiation();
    await refusal(await authorize({ ...good(form!.fields), client_id: 'another' }), 'unknown_client');
    ({ form } = await loginInitiation());
    await refusal(await authorize({ ...good(form!.fields), redirect_uri: `${TOOL}/lti/` }), 'invalid_redirect_uri');
    ({ form } = await loginInitiation());
    await refusal(
      await authorize({ ...good(form!.fields), redirect_uri: 'https://evil.example/lti' }),
      'invalid_redirect_uri',
    );
  });

  it('refuses a missing nonce, a wrong response_type, scope, response_mode or prompt', async () => {
    const { form } = await loginInitiation();
    const params = good(form!.fields);
    const { nonce: _, ...noNonce } = params;
    await refusal(await authorize(noNonce), 'missing_nonce');
    await refusal(await authorize({ ...params, response_type: 'code' }), 'unsupported_response_type');
    await refusal(await authorize({ ...params, scope: 'profile' }), 'invalid_scope');
    await refusal(await authorize({ ...params, response_mode: 'query' }), 'unsupported_response_mode');
    await refusal(await authorize({ ...params, prompt: 'login' }), 'invalid_prompt');
    // None of those spent the hint: the good request still works.
    assert.equal((await authorize(params)).status, 200);
  });

  it('a grain outside the origins is refused at the click', async () => {
    const { res } = await loginInitiation('https://evil.example/x');
    assert.equal(res.status, 400);
  });

  it('garbage is a typed 400 problem and /healthz answers afterwards', async () => {
    const bodies = ['%%%', 'login_hint=a&login_hint=b', '\u0000'.repeat(10), 'x='.concat('y'.repeat(5000))];
    for (const body of bodies) {
      const res = await w.app.request('/lti/authorize', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      assert.ok(res.status === 400 || res.status === 413, `${res.status}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
    const dup = await w.app.request('/lti/authorize?nonce=a&nonce=b');
    assert.equal(dup.status, 400);
    const wrongType = await w.app.request('/lti/authorize', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(wrongType.status, 415);
    assert.equal((await w.app.request('/lti/authorize', { method: 'PUT' })).status, 405);
    assert.equal((await w.app.request('/healthz')).status, 200);
    const conf = await (await w.app.request('/lti/configuration')).json();
    assert.equal(conf.authorization_endpoint, `${ISSUER}/lti/authorize`);
  });
});
