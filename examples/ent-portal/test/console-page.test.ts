import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { portalWorld } from './portal-world.js';

let portal: Hono;
let service: Awaited<ReturnType<typeof portalWorld>>['service'];

async function signIn(key: string, next?: string): Promise<{ cookie: string; location: string }> {
  const res = await portal.request('/login', {
    method: 'POST',
    body: new URLSearchParams({ user: key, ...(next ? { next } : {}) }),
  });
  assert.equal(res.status, 303);
  return {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    location: res.headers.get('location') ?? '',
  };
}

async function consoleCall(cookie: string, path: string): Promise<Response> {
  const jwt = await (
    await portal.request('/ent/assertion', { method: 'POST', headers: { cookie, 'x-ent-request': '1' } })
  ).text();
  return service.request(path, { headers: { authorization: `Bearer ${jwt}` } });
}

before(async () => {
  ({ portal, service } = await portalWorld());
});

describe('ENT portal: the console page', () => {
  it('shows <gar-allocation-panel> on /console for the signed-in user, under the same CSP, with the navigation', async () => {
    const anonymous = await (await portal.request('/console')).text();
    assert.doesNotMatch(anonymous, /<gar-allocation-panel/);
    const { cookie, location } = await signIn('head', '/console');
    assert.equal(location, '/console');
    const res = await portal.request('/console', { headers: { cookie } });
    const page = await res.text();
    assert.match(
      page,
      /<gar-client-provider service-url="http:\/\/127\.0\.0\.1:4000">\s*<gar-allocation-panel lang="fr"><\/gar-allocation-panel>/,
    );
    assert.doesNotMatch(page, /<gar-mediacentre/);
    assert.match(page, /<a href="\/console" aria-current="page">Console d’affectation<\/a>/);
    assert.match(page, /<input type="hidden" name="next" value="\/console">/);
    const nonce = /'nonce-([0-9a-f]+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    assert.ok(nonce);
    assert.match(page, new RegExp(`<script type="module" nonce="${nonce}">[^]*gar-allocation-change`));
    const home = await (await portal.request('/', { headers: { cookie } })).text();
    assert.match(home, /<a href="\/" aria-current="page">Médiacentre<\/a>/);
    assert.equal((await signIn('head', 'https://evil.example/')).location, '/');
  });

  it('the head and the delegate reach their school’s console routes with the portal’s assertions; a teacher is refused', async () => {
    const head = await signIn('head');
    const schools = (await (await consoleCall(head.cookie, '/api/v1/schools')).json()) as {
      items: { uai: string; role: string }[];
    };
    assert.deepEqual(
      schools.items.map((s) => [s.uai, s.role]),
      [['0561641E', 'manager']],
    );
    assert.equal((await consoleCall(head.cookie, '/api/v1/schools/0561641E/subscriptions')).status, 200);
    const delegate = await signIn('delegate');
    const mine = (await (await consoleCall(delegate.cookie, '/api/v1/schools')).json()) as {
      items: { role: string }[];
    };
    assert.deepEqual(
      mine.items.map((s) => s.role),
      ['delegate'],
    );
    assert.equal((await consoleCall(delegate.cookie, '/api/v1/schools/0561641E/dashboard')).status, 200);
    const teacher = await signIn('teacher');
    assert.equal((await consoleCall(teacher.cookie, '/api/v1/schools/0561641E/subscriptions')).status, 403);
  });
});
