// The native-app flow's conformance cases (RFC 6749, 7636, 8252), run by pkce-conformance.test.ts on every store.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import type { Store } from '../../../src/index.js';
import { ISSUER, R_DICO, R_MATHS, R_OLD, S1 } from '../../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../../helpers/world.js';
import {
  CLAIMED,
  assertOAuthError,
  authorizeUrl,
  browse,
  codeFor,
  pkce,
  registerApp,
  token,
  userinfo,
} from './oauth-fixtures.js';

const redeem = (clientId: string, code: string, verifier: string, redirectUri = 'http://127.0.0.1:53123/callback') => ({
  grant_type: 'authorization_code',
  client_id: clientId,
  code,
  code_verifier: verifier,
  redirect_uri: redirectUri,
});

/** Registers the PKCE conformance cases on a store made by `open` (one world for the suite). */
export function pkceConformance(name: string, open: () => Promise<Store>): void {
  describe(`native apps, PKCE conformance: ${name}`, () => {
    let w: HandoffWorld;
    let store: Store;
    before(async () => {
      store = await open();
      w = await buildWorld({ data: 'handoff', store });
      await registerApp(w, { clientId: 'maths-app', resourceId: R_MATHS });
      await registerApp(w, { clientId: 'maths-other', resourceId: R_MATHS });
      await registerApp(w, { clientId: 'dico-app', resourceId: R_DICO });
      await registerApp(w, { clientId: 'old-app', resourceId: R_OLD });
    });
    after(() => store.close());

    it('completes: a code at the loopback port the app chose, state and iss echoed, tokens with the hand-off claims', async () => {
      const { code, verifier, landed } = await codeFor(w, { clientId: 'maths-app', uai: S1, nonce: 'n-1' });
      assert.equal(landed.origin, 'http://127.0.0.1:53123');
      assert.equal(landed.searchParams.get('state'), 'st-123');
      assert.equal(landed.searchParams.get('iss'), ISSUER);
      const res = await token(w, redeem('maths-app', code, verifier));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body.token_type, 'Bearer');
      const jwks = createLocalJWKSet((await (await w.app.request('/.well-known/jwks.json')).json()) as never);
      const access = await jwtVerify(String(body.access_token), jwks, {
        issuer: ISSUER,
        audience: R_MATHS,
        typ: 'at+jwt',
        currentDate: w.clock.now(),
      });
      const id = await jwtVerify(String(body.id_token), jwks, {
        issuer: ISSUER,
        audience: 'maths-app',
        currentDate: w.clock.now(),
      });
      assert.equal(id.payload.nonce, 'n-1');
      assert.equal(access.payload.client_id, 'maths-app');
      assert.equal(decodeProtectedHeader(String(body.access_token)).alg, 'ES256');
      const hand = await w.service.handoff.handOff({
        entId: 'ENTA',
        personId: 'eleve-a',
        uai: S1,
        resourceId: R_MATHS,
      });
      assert.ok(hand.ok && hand.protocol === 'jwt');
      const { iss: _i, aud: _a, iat: _t, nbf: _n, exp: _e, jti: _j, ...handClaims } = decodeJwt(hand.token);
      const info = await userinfo(w, String(body.access_token));
      assert.equal(info.status, 200);
      assert.deepEqual(await info.json(), handClaims);
      const { iss, aud, iat, nbf, exp, jti, azp, nonce, ...idClaims } = id.payload;
      assert.deepEqual(idClaims, handClaims);
      assert.ok(!('ENTA' in idClaims) && !JSON.stringify(idClaims).includes('eleve-a'), 'no ENT ids reach the app');
      const events = await w.store.listHandoffEvents({ resourceId: R_MATHS });
      assert.ok(events.some((e) => e.protocol === 'oauth' && e.outcome === 'success'));
    });

    it('refuses a code used twice, and the second use revokes the first token', async () => {
      const { code, verifier } = await codeFor(w, { clientId: 'maths-app', uai: S1 });
      const first = (await (await token(w, redeem('maths-app', code, verifier))).json()) as { access_token: string };
      assert.equal((await userinfo(w, first.access_token)).status, 200);
      await assertOAuthError(await token(w, redeem('maths-app', code, verifier)), 400, 'invalid_grant');
      await assertOAuthError(await userinfo(w, first.access_token), 401, 'invalid_token');
      await assertOAuthError(await token(w, redeem('maths-app', code, verifier)), 400, 'invalid_grant');
      assert.ok(w.logger.lines.some((l) => l.includes('oauth.code_reused')));
    });

    it('refuses a missing verifier, then a wrong one (spending the code), then the right one', async () => {
      const { code, verifier } = await codeFor(w, { clientId: 'maths-app', uai: S1 });
      const { code_verifier: _, ...without } = redeem('maths-app', code, verifier);
      await assertOAuthError(await token(w, without), 400, 'invalid_request');
      await assertOAuthError(await token(w, redeem('maths-app', code, 'x'.repeat(20))), 400, 'invalid_request');
      await assertOAuthError(await token(w, redeem('maths-app', code, pkce().verifier)), 400, 'invalid_grant');
      await assertOAuthError(await token(w, redeem('maths-app', code, verifier)), 400, 'invalid_grant');
    });

    it('refuses plain, a missing method or challenge, and a malformed challenge, back at the redirect URI', async () => {
      const { challenge } = pkce();
      for (const params of [
        { code_challenge_method: 'plain' },
        { code_challenge_method: '' },
        { code_challenge: '' },
        { code_challenge: 'short' },
        { response_type: '' },
      ]) {
        const res = await w.app.request(authorizeUrl({ clientId: 'maths-app', params }, challenge));
        assert.equal(res.status, 303);
        const back = new URL(res.headers.get('location')!);
        assert.equal(back.origin, 'http://127.0.0.1:53123', JSON.stringify(params));
        assert.equal(back.searchParams.get('error'), 'invalid_request');
        assert.equal(back.searchParams.get('state'), 'st-123');
        assert.equal(back.searchParams.get('code'), null);
      }
      const other = await w.app.request(
        authorizeUrl({ clientId: 'maths-app', params: { response_type: 'token' } }, challenge),
      );
      assert.equal(new URL(other.headers.get('location')!).searchParams.get('error'), 'unsupported_response_type');
    });

    it('never redirects to an unregistered redirect URI, and refuses a code redeemed for another one', async () => {
      const { challenge } = pkce();
      for (const redirectUri of [
        'https://evil.example/callback',
        'http://127.0.0.1:53123/callback/../evil',
        'http://127.0.0.1:53123/callbackx',
        'http://localhost:53123/callback',
        'http://127.0.0.1.evil.example/callback',
        `${CLAIMED}?x=1`,
        `${CLAIMED}#frag`,
      ]) {
        const res = await w.app.request(authorizeUrl({ clientId: 'maths-app', redirectUri }, challenge));
        assert.equal(res.status, 400, redirectUri);
        assert.equal(res.headers.get('location'), null);
      }
      const { code, verifier } = await codeFor(w, { clientId: 'maths-app', uai: S1, redirectUri: CLAIMED });
      await assertOAuthError(
        await token(w, redeem('maths-app', code, verifier, 'http://127.0.0.1:53123/callback')),
        400,
        'invalid_grant',
      );
    });

    it('refuses an expired code', async () => {
      const { code, verifier } = await codeFor(w, { clientId: 'maths-app', uai: S1 });
      w.clock.advance(61_000);
      await assertOAuthError(await token(w, redeem('maths-app', code, verifier)), 400, 'invalid_grant');
    });

    it('refuses a code presented by another app, of the same resource or of another', async () => {
      for (const thief of ['maths-other', 'dico-app']) {
        const { code, verifier } = await codeFor(w, { clientId: 'maths-app', uai: S1 });
        await assertOAuthError(await token(w, redeem(thief, code, verifier)), 400, 'invalid_grant');
        // Spent: the rightful app cannot use it either (the code may have been stolen).
        await assertOAuthError(await token(w, redeem('maths-app', code, verifier)), 400, 'invalid_grant');
      }
    });

    it('refuses an unregistered app at both endpoints, and answers every other error by the book', async () => {
      const { challenge, verifier } = pkce();
      const res = await w.app.request(authorizeUrl({ clientId: 'nobody' }, challenge));
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('location'), null);
      await assertOAuthError(await token(w, redeem('nobody', 'c'.repeat(43), verifier)), 401, 'invalid_client');
      await assertOAuthError(
        await token(w, { ...redeem('maths-app', 'c'.repeat(43), verifier), grant_type: 'password' }),
        400,
        'unsupported_grant_type',
      );
      const { grant_type: _, ...noGrant } = redeem('maths-app', 'c'.repeat(43), verifier);
      await assertOAuthError(await token(w, noGrant), 400, 'invalid_request');
      await assertOAuthError(await token(w, redeem('maths-app', 'c'.repeat(43), verifier)), 400, 'invalid_grant');
      const json = await w.app.request('/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(redeem('maths-app', 'c'.repeat(43), verifier)),
      });
      await assertOAuthError(json, 400, 'invalid_request');
      const twice = await w.app.request('/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `${new URLSearchParams(redeem('maths-app', 'c'.repeat(43), verifier))}&code=${'d'.repeat(43)}`,
      });
      await assertOAuthError(twice, 400, 'invalid_request');
      await assertOAuthError(await w.app.request('/oauth/userinfo?access_token=abc'), 400, 'invalid_request');
      await assertOAuthError(await w.app.request('/oauth/userinfo'), 401, 'invalid_token');
      await assertOAuthError(await userinfo(w, 'a.b.c'), 401, 'invalid_token');
    });

    it('gives an app only its own resource: a refusal of the right comes back as access_denied', async () => {
      const landed = await browse(w, { clientId: 'old-app', uai: S1 }, pkce().challenge);
      assert.equal(landed.searchParams.get('error'), 'access_denied');
      assert.equal(landed.searchParams.get('state'), 'st-123');
      assert.equal(landed.searchParams.get('code'), null);
      const { code, verifier } = await codeFor(w, { clientId: 'dico-app', uai: S1 });
      const body = (await (await token(w, redeem('dico-app', code, verifier))).json()) as { access_token: string };
      assert.equal(decodeJwt(body.access_token).aud, R_DICO);
    });

    it('stops a removed app: its pending code is refused at the callback, its tokens at userinfo', async () => {
      await registerApp(w, { clientId: 'short-lived', resourceId: R_MATHS });
      const { code, verifier } = await codeFor(w, { clientId: 'short-lived', uai: S1 });
      const body = (await (await token(w, redeem('short-lived', code, verifier))).json()) as { access_token: string };
      const { challenge } = pkce();
      const start = await w.app.request(authorizeUrl({ clientId: 'short-lived', uai: S1 }, challenge));
      const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
      await w.service.admin.apps.delete({ kind: 'system' }, 'short-lived');
      const assertion = await w.assertion();
      const back = await w.app.request('/launch/callback', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ assertion, state }).toString(),
      });
      assert.equal(back.status, 400);
      assert.equal(back.headers.get('location'), null);
      await assertOAuthError(await userinfo(w, body.access_token), 401, 'invalid_token');
    });

    it('answers hostile authorization requests with a 400 or an error redirect, never more', async () => {
      const { challenge } = pkce();
      const cb = encodeURIComponent('http://127.0.0.1:5/callback');
      const base = `client_id=maths-app&redirect_uri=${cb}&response_type=code&code_challenge=${challenge}`;
      for (const q of [
        'client_id=%E0%A4%A&redirect_uri=x',
        'client_id=maths-app&client_id=maths-app',
        `${base}&state=%00`,
      ])
        assert.equal((await w.app.request(`/oauth/authorize?${q}`)).status, 400, q);
      for (const [q, error] of [
        [`${base}&code_challenge_method=S256&state=${'a'.repeat(1025)}`, 'invalid_request'],
        [`${base}&code_challenge_method=S256&nonce=${'n'.repeat(257)}`, 'invalid_request'],
        [`${base}&code_challenge_method=S256&scope=openid%20email`, 'invalid_scope'],
        [`${base}&code_challenge_method=S256&idp_hint=NOPE`, 'invalid_request'],
        [`${base}&code_challenge_method=S256&idp_hint=ENTA&uai=0000002B`, 'invalid_request'],
        [`${base}&code_challenge_method=S256&code_challenge_method=S256`, 'invalid_request'],
      ]) {
        const res = await w.app.request(`/oauth/authorize?${q}`);
        assert.equal(res.status, 303, q);
        const back = new URL(res.headers.get('location')!);
        assert.equal(`${back.origin}${back.pathname}`, 'http://127.0.0.1:5/callback');
        assert.equal(back.searchParams.get('error'), error, q);
      }
    });

    it('publishes its endpoints for stock clients (OpenID discovery and gar-configuration)', async () => {
      const res = await w.app.request('/.well-known/openid-configuration');
      assert.equal(res.status, 200);
      const meta = (await res.json()) as Record<string, unknown>;
      assert.equal(meta.issuer, ISSUER);
      assert.equal(meta.token_endpoint, `${ISSUER}/oauth/token`);
      assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
      assert.deepEqual(meta.subject_types_supported, ['pairwise']);
      const gar = (await (await w.app.request('/.well-known/gar-configuration')).json()) as Record<string, unknown>;
      assert.equal(gar.authorization_endpoint, meta.authorization_endpoint);
      assert.equal((await w.app.request('/.well-known/openid-configuration', { method: 'POST' })).status, 405);
    });

    it('writes no code, token or verifier to the logs', async () => {
      const { code, verifier } = await codeFor(w, { clientId: 'maths-app', uai: S1 });
      const body = (await (await token(w, redeem('maths-app', code, verifier))).json()) as Record<string, string>;
      await userinfo(w, body.access_token!);
      const logs = w.logger.lines.join('\n');
      for (const secret of [code, verifier, body.access_token!, body.id_token!]) assert.ok(!logs.includes(secret));
    });
  });
}
