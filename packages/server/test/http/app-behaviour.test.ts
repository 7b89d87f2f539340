import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHttpApp, type Logger, type Store } from '../../src/index.js';
import { ORIGIN_A, ORIGIN_B, R_DICO, S1 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { assertProblem, bearer, jsonInit } from './helpers.js';
import type { AppEnv } from '../../src/index.js';
import { createTestService } from '../helpers/service.js';

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (event: string, fields?: Record<string, unknown>) =>
    lines.push(JSON.stringify({ level, event, ...fields }));
  return { logger: { info: push('info'), warn: push('warn'), error: push('error') }, lines };
}

describe('HTTP app behaviour', () => {
  it('answers unknown routes with a 404 problem and wrong methods with a 405 problem and Allow', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    await assertProblem(await app.request('/api/v1/nothing'), 404, 'not-found');
    await assertProblem(await app.request('/.well-known/nothing'), 404, 'not-found');
    const res = await app.request('/api/v1/me/favourites', { method: 'DELETE' });
    await assertProblem(res, 405, 'method-not-allowed');
    assert.deepEqual(res.headers.get('allow')?.split(', ').sort(), ['GET', 'HEAD', 'PUT']);
    const admin = await app.request('/api/v1/admin/ents/ENTA', { method: 'POST' });
    await assertProblem(admin, 405, 'method-not-allowed');
  });

  it('echoes a well-formed X-Request-Id, replaces a malformed one, and logs without credentials', async () => {
    const w = await buildWorld();
    const { logger, lines } = capture();
    const app = createHttpApp(w.service, { logger });
    const token = await w.assertion({ uai: S1 });
    const res = await app.request(`/api/v1/me/resources?uai=${S1}`, {
      headers: { ...bearer(token), 'x-request-id': 'req-42' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-request-id'), 'req-42');
    const bad = await app.request('/healthz', { headers: { 'x-request-id': 'bad id <script>' } });
    assert.match(bad.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    await app.request('/api/v1/admin/ents', { headers: bearer(w.operatorSecret) });
    await app.request('/api/v1/admin/ents', { headers: bearer('ogo_wrong-secret') });
    const all = lines.join('\n');
    assert.ok(lines.some((l) => JSON.parse(l).requestId === 'req-42'));
    for (const secret of [token, w.operatorSecret, 'ogo_wrong-secret', 'Bearer'])
      assert.ok(!all.includes(secret), 'no credential in logs');
    assert.ok(!/authorization/i.test(all));
  });

  it('hides internal errors behind a generic 500 with the request id, and logs them', async () => {
    const w = await buildWorld();
    const broken: Store = { ...w.store, listEnts: async () => Promise.reject(new Error('db password=hunter2')) };
    const { logger, lines } = capture();
    const service = createTestService({ store: broken, clock: w.clock, logger });
    const app = createHttpApp(service);
    const res = await app.request('/api/v1/admin/ents', { headers: bearer(w.operatorSecret) });
    const p = await assertProblem(res, 500, 'internal');
    assert.ok(!JSON.stringify(p).includes('hunter2'));
    assert.equal(p.requestId, res.headers.get('x-request-id'));
    assert.ok(
      lines.some((l) => l.includes('hunter2') && l.includes(p.requestId!)),
      'the detail is logged with the request id',
    );
  });

  it('reports readiness from the store', async () => {
    const w = await buildWorld();
    assert.deepEqual(await (await createHttpApp(w.service).request('/readyz')).json(), { status: 'ok' });
    const down: Store = { ...w.store, ping: async () => false };
    const app = createHttpApp(createTestService({ store: down, clock: w.clock, logger: w.service.logger }));
    await assertProblem(await app.request('/readyz'), 503, 'unavailable');
    assert.equal((await app.request('/healthz')).status, 200);
  });

  describe('CORS', () => {
    it('answers preflights for registered origins only', async () => {
      const w = await buildWorld();
      const app = createHttpApp(w.service);
      const pre = (origin: string) =>
        app.request('/api/v1/me/favourites', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'PUT',
            'access-control-request-headers': 'authorization, content-type',
          },
        });
      const ok = await pre(ORIGIN_A);
      assert.equal(ok.status, 204);
      assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN_A);
      assert.match(ok.headers.get('access-control-allow-methods') ?? '', /PUT/);
      const evil = await pre('https://evil.test');
      assert.equal(evil.headers.get('access-control-allow-origin'), null);
      await assertProblem(evil, 403, 'forbidden');
    });

    it('allows a call only from its ENT’s origins, refusing others before any change', async () => {
      const w = await buildWorld();
      const app = createHttpApp(w.service);
      const token = await w.assertion({ uai: S1 });
      const fromA = await app.request(`/api/v1/me/resources?uai=${S1}`, {
        headers: { ...bearer(token), origin: ORIGIN_A },
      });
      assert.equal(fromA.status, 200);
      assert.equal(fromA.headers.get('access-control-allow-origin'), ORIGIN_A);
      // The listing is revalidated on every load (ETag, 304): private, never stored without revalidation.
      assert.equal(fromA.headers.get('cache-control'), 'private, no-cache');
      assert.ok(fromA.headers.get('etag'));
      for (const origin of [ORIGIN_B, 'https://evil.test']) {
        const res = await app.request(
          '/api/v1/me/favourites',
          jsonInit('PUT', { resourceIds: [R_DICO] }, { ...bearer(token), origin }),
        );
        assert.equal(res.headers.get('access-control-allow-origin'), null);
        await assertProblem(res, 403, 'forbidden');
      }
      assert.deepEqual(await w.store.getFavourites('ENTA', 'eleve-a'), []);
      const server = await app.request('/api/v1/me/favourites', { headers: bearer(token) });
      assert.equal(server.status, 200);
      assert.equal(server.headers.get('access-control-allow-origin'), null);
    });
  });

  it('serves an OpenAPI 3.1 document of every route and a self-contained, escaped reference page', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    const doc = (await (await app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    assert.equal(doc.openapi, '3.1.0');
    for (const [path, method] of [
      ['/api/v1/me/resources', 'get'],
      ['/api/v1/me/favourites', 'put'],
      ['/api/v1/admin/ents', 'post'],
      ['/api/v1/admin/schools/{uai}', 'put'],
      ['/api/v1/admin/publishers', 'get'],
      ['/api/v1/admin/resources/{id}', 'get'],
      ['/healthz', 'get'],
      ['/readyz', 'get'],
    ] as const) {
      assert.ok(doc.paths[path]?.[method], `${method} ${path} documented`);
    }
    const put = doc.paths['/api/v1/me/favourites']!.put as {
      requestBody: { content: Record<string, { schema: { properties: object } }> };
    };
    assert.ok('resourceIds' in put.requestBody.content['application/json']!.schema.properties);
    const page = await app.request('/docs');
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await page.text();
    assert.ok(
      !/<script|https?:\/\/(?!opengar\.dev|gar\.test|github\.com\/opengar\/)[a-z]/i.test(
        html.replace(/&#[0-9]+;/g, ''),
      ),
      'no script, no external resource',
    );
    assert.ok(html.includes('/api/v1/me/resources'));
  });
});

describe('extra routes', () => {
  it('mounts them with request ids, problem handling and 405s', async () => {
    const { Hono } = await import('hono');
    const { GarServiceError } = await import('../../src/index.js');
    const w = await buildWorld();
    const sub = new Hono<AppEnv>();
    sub.get('/extra/:id', (c) => c.json({ id: c.req.param('id') }));
    sub.post('/extra/:id/fail', () => {
      throw new GarServiceError('conflict', 'taken');
    });
    const app = createHttpApp(w.service, { routes: [sub] });
    const ok = await app.request('/extra/42', { headers: { 'x-request-id': 'r-1' } });
    assert.deepEqual(await ok.json(), { id: '42' });
    assert.equal(ok.headers.get('x-request-id'), 'r-1');
    await assertProblem(await app.request('/extra/42/fail', { method: 'POST' }), 409, 'conflict');
    const wrong = await app.request('/extra/42', { method: 'DELETE' });
    await assertProblem(wrong, 405, 'method-not-allowed');
    assert.deepEqual(wrong.headers.get('allow')?.split(', ').sort(), ['GET', 'HEAD']);
  });
});
