import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entSchema, publisherCreatedSchema, resourceListSchema, resourceSchema, schoolListSchema } from '@opengar/core';
import { createHttpApp } from '../../src/index.js';
import { resourceBody } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { assertProblem, bearer, jsonInit } from './helpers.js';

describe('operator routes', () => {
  it('registers an ENT, a school, a publisher and a resource, and reads them back', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    const op = bearer(w.operatorSecret);

    const ent = await app.request(
      '/api/v1/admin/ents',
      jsonInit(
        'POST',
        { id: 'ENTC', name: 'ENT C', jwksUri: 'https://ent-c.test/jwks.json', origins: ['https://ent-c.test'] },
        op,
      ),
    );
    assert.equal(ent.status, 201);
    assert.equal(ent.headers.get('location'), '/api/v1/admin/ents/ENTC');
    assert.deepEqual(entSchema.parse(await ent.json()).origins, ['https://ent-c.test']);

    const school = await app.request(
      '/api/v1/admin/schools',
      jsonInit('POST', { uai: '0000004C', entId: 'ENTC', name: 'École C', degree: '1D' }, op),
    );
    assert.equal(school.status, 201);
    const listed = schoolListSchema.parse(
      await (await app.request('/api/v1/admin/schools?entId=ENTC', { headers: op })).json(),
    );
    assert.deepEqual(
      listed.items.map((s) => s.uai),
      ['0000004C'],
    );

    const pub = await app.request(
      '/api/v1/admin/publishers',
      jsonInit('POST', { id: 'Z', name: 'Éditions Z', distributorIds: ['Z_1'] }, op),
    );
    assert.equal(pub.status, 201);
    const { apiKey, publisher } = publisherCreatedSchema.parse(await pub.json());
    assert.equal(publisher.apiKeyCount, 1);
    assert.equal((await w.service.identity.authenticatePublisher({ apiKey })).publisherId, 'Z');
    const readPub = await (await app.request('/api/v1/admin/publishers/Z', { headers: op })).text();
    assert.ok(!readPub.includes(apiKey) && !readPub.includes('apiKeyHashes'));

    const id = 'ark:/33333/sciences';
    const res = await app.request(
      '/api/v1/admin/resources',
      jsonInit('POST', resourceBody({ id, publisherId: 'Z', declaredAttributes: ['UAI', 'PRO'] }), op),
    );
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('location'), `/api/v1/admin/resources/${encodeURIComponent(id)}`);
    const read = resourceSchema.parse(await (await app.request(res.headers.get('location')!, { headers: op })).json());
    assert.deepEqual(read.declaredAttributes, ['UAI', 'PRO']);

    const upd = await app.request(
      `/api/v1/admin/resources/${encodeURIComponent(id)}`,
      jsonInit('PUT', resourceBody({ id, publisherId: 'Z', name: 'Sciences' }), op),
    );
    assert.equal(upd.status, 200);
    const all = resourceListSchema.parse(await (await app.request('/api/v1/admin/resources', { headers: op })).json());
    assert.equal(all.items.find((r) => r.id === id)?.name, 'Sciences');
  });

  it('answers 404 for an unknown record and 400 for an unknown list filter', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    const op = bearer(w.operatorSecret);
    await assertProblem(await app.request('/api/v1/admin/schools/0000009Z', { headers: op }), 404, 'not-found');
    await assertProblem(
      await app.request(`/api/v1/admin/resources/${encodeURIComponent('ark:/0/none')}`, { headers: op }),
      404,
      'not-found',
    );
    const p = await assertProblem(await app.request('/api/v1/admin/ents?all=1', { headers: op }), 400, 'validation');
    assert.deepEqual(
      p.errors?.map((e) => e.pointer),
      ['/all'],
    );
  });
});
