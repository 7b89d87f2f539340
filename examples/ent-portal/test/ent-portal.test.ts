import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEMO_CREDENTIALS, DEMO_USERS } from '@opengar/server/demo';
import type { Hono } from 'hono';
import { createEntPortal } from '../src/index.js';
import { ISSUER, now, portalWorld, users } from './portal-world.js';

let portal: Hono;
let service: Awaited<ReturnType<typeof portalWorld>>['service'];

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

async function signIn(key: string): Promise<string> {
  const res = await portal.request('/login', { method: 'POST', body: new URLSearchParams({ user: key }) });
  assert.equal(res.status, 303);
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/i);
  return cookie.split(';')[0] ?? '';
}

before(async () => {
  ({ portal, service } = await portalWorld());
});

describe('ENT portal', () => {
  it('shows the login switcher, and the médiacentre once signed in', async () => {
    const anonymous = await (await portal.request('/')).text();
    assert.doesNotMatch(anonymous, /<gar-mediacentre/);
    for (const u of users) assert.match(anonymous, new RegExp(`value="${u.key}"`));
    const cookie = await signIn('pupil');
    const res = await portal.request('/', { headers: { cookie } });
    const page = await res.text();
    assert.match(page, /<gar-client-provider service-url="http:\/\/127\.0\.0\.1:4000">/);
    assert.match(page, /<gar-mediacentre lang="fr" uai="0561641E">/);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([0-9a-f]+)'/.exec(csp)?.[1];
    assert.ok(nonce);
    assert.match(page, new RegExp(`<script type="module" nonce="${nonce}">`));
    assert.match(csp, /form-action 'self' http:\/\/127\.0\.0\.1:4000/);
    assert.match(csp, /connect-src 'self' http:\/\/127\.0\.0\.1:4000/);
  });

  it('signs assertions as an ENT: ES256, gar-ent+jwt, iss, aud, sub, uai, exp ≤ 5 min, jti', async () => {
    const cookie = await signIn('teacher');
    const res = await portal.request('/ent/assertion', { method: 'POST', headers: { cookie, 'x-ent-request': '1' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const jwt = await res.text();
    const [h, p, s] = jwt.split('.');
    const header = decode(h ?? '');
    const claims = decode(p ?? '');
    assert.deepEqual(header, { alg: 'ES256', typ: 'gar-ent+jwt', kid: DEMO_CREDENTIALS.entSigningKey.publicJwk.kid });
    const teacher = DEMO_USERS.find((u) => u.key === 'teacher');
    assert.equal(claims.iss, 'ENT-DEMO');
    assert.equal(claims.aud, ISSUER);
    assert.equal(claims.sub, teacher?.personId);
    assert.equal(claims.uai, teacher?.schools[0]?.uai);
    assert.equal(claims.iat, Math.floor(now().getTime() / 1000));
    assert.ok(Number(claims.exp) - Number(claims.iat) <= 300 && Number(claims.exp) > Number(claims.iat));
    assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
    const { kty, crv, x, y } = DEMO_CREDENTIALS.entSigningKey.publicJwk;
    const pub = await crypto.subtle.importKey(
      'jwk',
      { kty, crv, x, y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const ok = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      pub,
      Buffer.from(s ?? '', 'base64url'),
      new TextEncoder().encode(`${h}.${p}`),
    );
    assert.equal(ok, true);
    const second = await (
      await portal.request('/ent/assertion', { method: 'POST', headers: { cookie, 'x-ent-request': '1' } })
    ).text();
    assert.notEqual(decode(second.split('.')[1] ?? '').jti, claims.jti);
  });

  it('has its assertions accepted by the reference service', async () => {
    const cookie = await signIn('pupil');
    const jwt = await (
      await portal.request('/ent/assertion', { method: 'POST', headers: { cookie, 'x-ent-request': '1' } })
    ).text();
    const res = await service.request('/api/v1/me/resources', { headers: { authorization: `Bearer ${jwt}` } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { school: { uai: string }; resources: unknown[] };
    assert.equal(body.school.uai, '0561641E');
    assert.ok(body.resources.length > 0);
  });

  it('refuses to sign without a session or without the request header', async () => {
    assert.equal(
      (await portal.request('/ent/assertion', { method: 'POST', headers: { 'x-ent-request': '1' } })).status,
      401,
    );
    const cookie = await signIn('pupil');
    assert.equal((await portal.request('/ent/assertion', { method: 'POST', headers: { cookie } })).status, 403);
    const out = await portal.request('/login', { method: 'POST', body: new URLSearchParams({ user: 'nobody' }) });
    assert.match(out.headers.get('set-cookie') ?? '', /ent_user=;/);
  });

  it('serves the widget script', async () => {
    const res = await portal.request('/assets/opengar-elements.min.js');
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.match(await res.text(), /customElements\.define/);
  });

  it('escapes user names in the page', async () => {
    const app = await createEntPortal({
      entId: 'E',
      issuer: ISSUER,
      key: { privateJwk: DEMO_CREDENTIALS.entSigningKey.privateJwk },
      users: [{ key: 'x', personId: 'p', name: '<script>alert(1)</script>', schools: [] }],
    });
    const page = await (await app.request('/')).text();
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});

describe('ENT portal: the elements’ script', () => {
  const options = (widgetScript: () => Promise<string>, prebuildWidget?: boolean) => ({
    entId: 'ENT-DEMO',
    issuer: ISSUER,
    key: { privateJwk: DEMO_CREDENTIALS.entSigningKey.privateJwk },
    users,
    widgetScript,
    ...(prebuildWidget === undefined ? {} : { prebuildWidget }),
  });

  it('is built on its first request by default, once', async () => {
    let builds = 0;
    const app = await createEntPortal(options(async () => `/* build ${++builds} */`));
    assert.equal(builds, 0);
    assert.equal(await (await app.request('/assets/opengar-elements.min.js')).text(), '/* build 1 */');
    assert.equal(await (await app.request('/assets/opengar-elements.min.js')).text(), '/* build 1 */');
    assert.equal(builds, 1);
  });

  it('is built as the portal starts with prebuildWidget, and a failed build answers 500 without crashing', async () => {
    let builds = 0;
    const app = await createEntPortal(options(async () => `/* build ${++builds} */`, true));
    assert.equal(builds, 1);
    const res = await app.request('/assets/opengar-elements.min.js');
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await res.text(), '/* build 1 */');
    assert.equal(builds, 1);
    const failing = await createEntPortal(options(() => Promise.reject(new Error('no esbuild')), true));
    await new Promise((r) => setImmediate(r));
    assert.equal((await failing.request('/assets/opengar-elements.min.js')).status, 500);
  });
});
