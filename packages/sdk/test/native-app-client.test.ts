// The native-app client: the authorization URL it builds (PKCE S256), the checks it makes on the redirect (state, iss,
// error), its token and userinfo calls; and the operator's `admin.apps` calls against the reference service.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { GarApiError, NativeAppError, createGarClient, createNativeAppClient, isGarSdkError } from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, demoResourceId, seedDemo } from '@opengar/server/demo';

const SERVICE = 'https://gar.test';
const REDIRECT = 'http://127.0.0.1:51004/callback';

describe('createNativeAppClient', () => {
  it('builds an authorization request with a fresh S256 challenge, state and nonce', async () => {
    const app = createNativeAppClient({ serviceUrl: `${SERVICE}/`, clientId: 'lecteur', redirectUri: REDIRECT });
    const a = await app.start({ idpHint: 'ENTTEST1', uai: '0561641E' });
    const b = await app.start();
    const url = new URL(a.url);
    assert.equal(`${url.origin}${url.pathname}`, `${SERVICE}/oauth/authorize`);
    const q = Object.fromEntries(url.searchParams);
    assert.equal(q.code_challenge, createHash('sha256').update(a.verifier).digest('base64url'));
    assert.deepEqual(
      [q.response_type, q.client_id, q.redirect_uri, q.code_challenge_method, q.state, q.nonce, q.idp_hint, q.uai],
      ['code', 'lecteur', REDIRECT, 'S256', a.state, a.nonce, 'ENTTEST1', '0561641E'],
    );
    assert.match(a.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a.verifier, b.verifier);
    assert.notEqual(a.state, b.state);
    assert.equal(new URL(b.url).searchParams.has('idp_hint'), false);
  });

  it('checks the redirect before spending the code, then posts the verifier and reads the claims', async () => {
    const sent: Request[] = [];
    const app = createNativeAppClient({
      serviceUrl: SERVICE,
      clientId: 'lecteur',
      redirectUri: REDIRECT,
      fetch: async (req) => {
        sent.push(req.clone());
        if (new URL(req.url).pathname === '/oauth/token')
          return Response.json({
            access_token: 'at',
            token_type: 'Bearer',
            expires_in: 300,
            id_token: 'it',
            scope: 'openid',
          });
        if (req.headers.get('authorization') === 'Bearer at') return Response.json({ sub: 'ido', IDO: 'ido' });
        return Response.json({ error: 'invalid_token', error_description: 'revoked' }, { status: 401 });
      },
    });
    const pending = await app.start();
    const refused = async (redirect: string, error: string) =>
      assert.rejects(app.exchange(redirect, pending), (e: unknown) => {
        assert.ok(e instanceof NativeAppError && isGarSdkError(e) && e.code === 'oauth');
        assert.equal(e.error, error);
        return true;
      });
    await refused(`${REDIRECT}?code=c&state=other&iss=${SERVICE}`, 'state_mismatch');
    await refused(`${REDIRECT}?code=c&iss=${SERVICE}`, 'state_mismatch');
    await refused(`${REDIRECT}?code=c&state=${pending.state}&iss=https://evil.example`, 'issuer_mismatch');
    await refused(`${REDIRECT}?error=access_denied&error_description=no_copy&state=${pending.state}`, 'access_denied');
    await refused(`${REDIRECT}?state=${pending.state}`, 'invalid_request');
    assert.equal(sent.length, 0, 'nothing sent for a bad redirect');
    const tokens = await app.exchange(`${REDIRECT}?code=the-code&state=${pending.state}&iss=${SERVICE}`, pending);
    assert.equal(tokens.access_token, 'at');
    const form = new URLSearchParams(await sent[0]!.text());
    assert.deepEqual(Object.fromEntries(form), {
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: REDIRECT,
      client_id: 'lecteur',
      code_verifier: pending.verifier,
    });
    assert.deepEqual(await app.userinfo('at'), { sub: 'ido', IDO: 'ido' });
    await assert.rejects(
      app.userinfo('old'),
      (e: unknown) => e instanceof NativeAppError && e.error === 'invalid_token' && e.status === 401,
    );
  });
});

describe('admin.apps', () => {
  let operator: ReturnType<typeof createGarClient>['admin'];
  before(async () => {
    const store = createMemoryStore();
    await seedDemo(store, { directory: 'direct' });
    const service = createGarService({
      store,
      issuer: SERVICE,
      pseudonymSecret: 'sdk-native-app-test-pseudonym-secret-0123',
      logger: silentLogger,
    });
    const app = createHttpApp(service);
    operator = createGarClient({
      baseUrl: SERVICE,
      token: DEMO_CREDENTIALS.operatorSecret,
      fetch: (r) => app.fetch(r),
      retry: 0,
    }).admin;
  });

  it('registers, lists, reads, replaces and removes an app; refuses bad redirect URIs and duplicates', async () => {
    const resourceId = demoResourceId('maths-6e');
    const app = { clientId: 'lecteur', resourceId, name: 'Lecteur', redirectUris: ['http://127.0.0.1/cb'] };
    assert.deepEqual(await operator.apps.create(app), app);
    await assert.rejects(operator.apps.create(app), (e) => e instanceof GarApiError && e.status === 409);
    for (const uri of ['myapp:/cb', 'http://localhost/cb', 'https://a.example/cb#f'])
      await assert.rejects(
        operator.apps.create({ ...app, clientId: 'other', redirectUris: [uri] }),
        (e) => e instanceof GarApiError && e.code === 'validation',
      );
    await assert.rejects(
      operator.apps.create({ ...app, clientId: 'other', resourceId: 'ark:/0/none' }),
      (e) => e instanceof GarApiError && e.code === 'validation',
    );
    assert.deepEqual(await operator.apps.list({ query: { resourceId } }), [app]);
    assert.deepEqual(await operator.apps.list({ query: { resourceId: 'ark:/0/none' } }), []);
    const moved = { ...app, redirectUris: ['https://lecteur.example/cb'] };
    assert.deepEqual(await operator.apps.update('lecteur', moved), moved);
    assert.deepEqual(await operator.apps.get('lecteur'), moved);
    await operator.apps.delete('lecteur');
    await assert.rejects(operator.apps.get('lecteur'), (e) => e instanceof GarApiError && e.status === 404);
    await assert.rejects(operator.apps.delete('lecteur'), (e) => e instanceof GarApiError && e.status === 404);
  });
});
