// The JSON equivalent of the web service for new publishers (problem+json), and its OpenAPI description.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publisherSubscriptionListSchema, publisherSubscriptionSchema } from '@opengar/core';
import { assertProblem } from '../http/helpers.js';
import { S1 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { DIST_X, auth } from './ws-fixtures.js';

const BASE = '/api/v1/publisher/subscriptions';
const body = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  distributorId: DIST_X,
  resourceId: 'ark:/11111/maths',
  resourceIdType: 'ark',
  resourceLabel: 'Maths',
  validFrom: '2025-09-01T00:00:00.000Z',
  validUntil: '2026-08-15T21:59:59.000Z',
  uai: S1,
  category: 'transferable',
  type: 'INDIV',
  licences: { kind: 'global', count: 12 },
  audiences: ['ELEVE'],
  ...extra,
});
const send = (method: string, key: string, value: unknown) => ({
  method,
  headers: { ...auth(key), 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

describe('publisher JSON API', () => {
  it('creates, reads, updates, lists and deletes one’s own subscriptions', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const created = await w.app.request(`${BASE}/J-1`, send('PUT', w.apiKeyX, body('J-1')));
    assert.equal(created.status, 201);
    assert.equal(publisherSubscriptionSchema.parse(await created.json()).subscription.id, 'J-1');
    await assertProblem(await w.app.request(`${BASE}/J-1`, send('PUT', w.apiKeyX, body('J-1'))), 409, 'conflict');
    const { uai: _omitted, ...update } = body('J-1', { licences: { kind: 'global', count: 20 } });
    const updated = await w.app.request(`${BASE}/J-1`, send('POST', w.apiKeyX, update));
    assert.equal(updated.status, 200);
    assert.deepEqual((await w.store.getSubscription('J-1'))?.licences, { kind: 'global', count: 20 });
    await assertProblem(
      await w.app.request(`${BASE}/J-1`, send('POST', w.apiKeyX, { ...update, uai: '0000003A' })),
      400,
      'validation',
    );
    const list = publisherSubscriptionListSchema.parse(
      await (await w.app.request(`${BASE}?uai=${S1}&order=DESC&limit=2`, { headers: auth(w.apiKeyX) })).json(),
    );
    assert.deepEqual(
      list.items.map((i) => i.subscription.id),
      ['NT-5', 'J-1'],
    );
    assert.equal(list.total, 6);
    const one = await w.app.request(`${BASE}/J-1`, { headers: auth(w.apiKeyX) });
    assert.equal(one.status, 200);
    await assertProblem(await w.app.request(`${BASE}/J-1`, { headers: auth(w.apiKeyY) }), 404, 'not-found');
    assert.equal((await w.app.request(`${BASE}/J-1`, { method: 'DELETE', headers: auth(w.apiKeyX) })).status, 204);
    await assertProblem(await w.app.request(`${BASE}/J-1`, { headers: auth(w.apiKeyX) }), 404, 'not-found');
    const counts = await w.app.request('/api/v1/publisher/allocation-counts?subscriptionId=INDIV-10', {
      headers: auth(w.apiKeyX),
    });
    assert.deepEqual(((await counts.json()) as { items: unknown[] }).items, [
      {
        uai: S1,
        subscriptionId: 'INDIV-10',
        resourceId: 'ark:/11111/maths',
        counts: { ELEVE: 0, ENSEIGNANT: 0, DOCUMENTALISTE: 0, 'AUTRE PERSONNEL': 0 },
      },
    ]);
  });

  it('refuses other distributors, foreign resources, missing credentials and bad bodies with problems', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    await assertProblem(await w.app.request(`${BASE}/J-2`, send('PUT', w.apiKeyY, body('J-2'))), 403, 'forbidden');
    await assertProblem(
      await w.app.request(`${BASE}/J-2`, send('PUT', w.apiKeyX, body('J-2', { resourceId: 'ark:/22222/dico' }))),
      403,
      'forbidden',
    );
    await assertProblem(await w.app.request(`${BASE}/J-2`, send('PUT', w.apiKeyX, body('J-3'))), 400, 'validation');
    await assertProblem(
      await w.app.request(
        `${BASE}/J-2`,
        send('PUT', w.apiKeyX, body('J-2', { licences: { kind: 'global', count: -1 } })),
      ),
      400,
      'validation',
    );
    await assertProblem(
      await w.app.request(`${BASE}/J-2`, send('PUT', w.apiKeyX, body('AUTO_J-2'))),
      400,
      'validation',
    );
    await assertProblem(await w.app.request(BASE), 401, 'unauthenticated');
    await assertProblem(await w.app.request(BASE, { headers: auth('ogp_nope') }), 401, 'unauthenticated');
    await assertProblem(
      await w.app.request(`${BASE}/J-2`, {
        method: 'PUT',
        headers: { ...auth(w.apiKeyX), 'content-type': 'text/xml' },
        body: '<a/>',
      }),
      415,
      'unsupported-media-type',
    );
    assert.equal(await w.store.getSubscription('J-2'), undefined);
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const doc = (await (await w.app.request('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    };
    for (const path of [
      '/api/v1/publisher/subscriptions',
      '/api/v1/publisher/subscriptions/{id}',
      '/api/v1/schools/{uai}/allocations',
      '/api/v1/schools/{uai}/dashboard',
      '/api/v1/schools/{uai}/audit/{auditId}/undo',
      '/ws/abonnement/{id}',
      '/ws/abonnement/abonnements',
      '/decompteaffectations',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    assert.ok(doc.components.securitySchemes['publisherApiKey']);
    assert.ok(doc.components.securitySchemes['entAssertion']);
  });
});
