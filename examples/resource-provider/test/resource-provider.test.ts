import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createResourceProvider, escapeHtml, parseStartArgs } from '../src/index.js';

const ISSUER = 'http://127.0.0.1:4000';
const AUDIENCE = 'ark:/67890/dico';
const IDO =
  '09fc3961729725e297b69663c0ddf635c83e8d247566a76b98824d5986901741dacedc87c938724f053566f25968278db8e888ed845ea65360b96f14e9553389';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'gar-2026', alg: 'ES256', use: 'sig' }] };
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A gar_token as the service hands it off, releasing `attributes` (plus IDO). */
function garToken(attributes: Record<string, unknown>, overrides: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg: 'ES256', typ: 'gar+jwt', kid: 'gar-2026' })}.${b64({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: IDO,
    IDO,
    ...attributes,
    iat: now,
    nbf: now,
    exp: now + 60,
    jti: randomUUID(),
    ...overrides,
  })}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

const declared = { UAI: ['0561234A'], PRO: 'National_elv', NOM: 'Durand', PRE: 'Léa', DIV: ['5A##5e A'] };
const form = (token: string) => ({ method: 'POST', body: new URLSearchParams({ gar_token: token }) });
const claimRows = (html: string) => [...html.matchAll(/data-claim="([A-Z_0-9]+)"/g)].map((m) => m[1]).sort();

describe('example resource provider', () => {
  let server: Server;
  let jwksUri = '';
  let jwksRequests = 0;
  before(async () => {
    server = createServer((_, res) => {
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const provider = (o = {}) => createResourceProvider({ issuer: ISSUER, audience: AUDIENCE, jwksUri, ...o });

  test('a hand-off opens a session whose page shows exactly the declared claims, and a replay is refused', async () => {
    const app = provider();
    const token = garToken(declared);
    const res = await app.request('/', form(token));
    assert.equal(res.status, 303);
    const location = res.headers.get('location') ?? '';
    assert.match(location, /^\/s\/[A-Za-z0-9_-]{43}\/\?lang=fr$/);
    assert.equal(res.headers.get('set-cookie'), null, 'no cookie unless served over https');

    const page = await app.request(location);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.deepEqual(claimRows(html), ['DIV', 'IDO', 'NOM', 'PRE', 'PRO', 'UAI']);
    // Each attribute's code is said once, after its label (not « Établissement (UAI) (UAI) »).
    assert.match(html, /<th scope="row">Établissement <small>\(UAI\)<\/small><\/th>/);
    assert.doesNotMatch(html, /\(UAI\)\s*<small>/);
    for (const text of [IDO, '0561234A', 'National_elv', 'Durand', 'Léa', '5A — 5e A', 'Nom', 'Prénom'])
      assert.ok(html.includes(text), text);
    assert.ok(!html.includes(token), 'the page never shows the token');
    assert.ok(jwksRequests >= 1);

    const replay = await app.request('/', form(token));
    assert.equal(replay.status, 401);
    const refused = await replay.text();
    assert.match(refused, /data-code>replayed</);
    assert.ok(!refused.includes(token));
  });

  test('claim values are escaped, never raw HTML', async () => {
    const app = provider();
    const hostile = {
      NOM: '<script>alert(1)</script>',
      PRE: '"><img src=x onerror=alert(1)>',
      GRO: ['<b>g</b>##<i>x</i>'],
    };
    const res = await app.request('/', form(garToken(hostile)));
    const html = await (await app.request(res.headers.get('location') ?? '')).text();
    assert.ok(!html.includes('<script>alert'));
    assert.ok(!html.includes('<img'));
    assert.ok(!html.includes('<b>g'));
    assert.ok(html.includes(escapeHtml('<script>alert(1)</script>')));
    assert.deepEqual(claimRows(html), ['GRO', 'IDO', 'NOM', 'PRE']);
  });

  test('speaks English through ?lang=en or Accept-Language, French by default', async () => {
    const app = provider();
    const res = await app.request('/', {
      ...form(garToken(declared)),
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    const location = res.headers.get('location') ?? '';
    assert.match(location, /lang=en$/);
    const en = await (await app.request(location)).text();
    assert.ok(en.includes('Last name') && en.includes('<html lang="en">'));
    const fr = await (await app.request(location.replace('lang=en', 'lang=fr'))).text();
    assert.ok(fr.includes('Prénom') && fr.includes('<html lang="fr">'));
  });

  test('works without cookies; with secureCookie it also sets a Secure SameSite=None cookie', async () => {
    const app = provider({ secureCookie: true });
    const res = await app.request('/', form(garToken(declared)));
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /Secure/);
    assert.match(cookie, /SameSite=None/);
    assert.match(cookie, /HttpOnly/);
    const id = (res.headers.get('location') ?? '').split('/')[2] ?? '';
    const viaCookie = await app.request('/', { headers: { cookie: `gar_rp_session=${id}` } });
    assert.equal(viaCookie.status, 303);
    const noCookie = await app.request(`/s/${id}/`);
    assert.equal(noCookie.status, 200);
  });

  test('refuses a missing, foreign or expired token with the code, and unknown sessions', async () => {
    const app = provider();
    const missing = await app.request('/', { method: 'POST', body: new URLSearchParams({ other: '1' }) });
    assert.equal(missing.status, 401);
    assert.match(await missing.text(), /data-code>malformed</);
    const foreign = await app.request('/launch', form(garToken(declared, { aud: 'ark:/1/other' })));
    assert.match(await foreign.text(), /data-code>wrong_audience</);
    const old = Math.floor(Date.now() / 1000) - 600;
    const expired = await app.request('/', form(garToken(declared, { iat: old, nbf: old, exp: old + 60 })));
    assert.match(await expired.text(), /data-code>expired</);
    assert.equal((await app.request('/s/not-a-session/')).status, 404);
  });

  test('signing out closes the session; pages are not cached nor leak the session in a referrer', async () => {
    const app = provider();
    const location = (await app.request('/', form(garToken(declared)))).headers.get('location') ?? '';
    const page = await app.request(location);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const path = location.split('?')[0] ?? '';
    assert.equal((await app.request(`${path}logout`, { method: 'POST' })).status, 200);
    assert.equal((await app.request(path)).status, 404);
  });

  test('the CLI reads its options and environment', () => {
    const s = parseStartArgs(['--port', '4100', '--issuer', ISSUER, '--audience', AUDIENCE], {});
    assert.deepEqual(
      [s.port, s.host, s.jwksUri, s.algorithms],
      [4100, '127.0.0.1', `${ISSUER}/.well-known/jwks.json`, ['ES256']],
    );
    const e = parseStartArgs([], {
      OPENGAR_ISSUER: ISSUER,
      OPENGAR_AUDIENCE: AUDIENCE,
      OPENGAR_JWKS_URI: jwksUri,
      PORT: '0',
    });
    assert.deepEqual([e.port, e.jwksUri], [0, jwksUri]);
    assert.throws(() => parseStartArgs(['--port', '4100'], {}), /usage/);
  });
});
