import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resourceSchema } from '@opengar/core';
import { createHttpApp } from '../../src/index.js';
import { resourceBody } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { assertProblem, bearer, jsonInit } from './helpers.js';

describe('operator routes: a resource’s grain origins', () => {
  it('registers, reads back and changes grainOrigins; refuses a path, http off loopback, duplicates; operator only', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    const op = bearer(w.operatorSecret);
    const id = 'ark:/33333/manuel';
    const body = (grainOrigins: unknown) => resourceBody({ id, publisherId: 'X', grainOrigins } as never);
    const created = await app.request(
      '/api/v1/admin/resources',
      jsonInit('POST', body(['https://lecture.x.test']), op),
    );
    assert.equal(created.status, 201);
    const url = `/api/v1/admin/resources/${encodeURIComponent(id)}`;
    const read = resourceSchema.parse(await (await app.request(url, { headers: op })).json());
    assert.deepEqual(read.grainOrigins, ['https://lecture.x.test']);
    assert.equal((await app.request(url, jsonInit('PUT', body([]), op))).status, 200);
    assert.deepEqual(resourceSchema.parse(await (await app.request(url, { headers: op })).json()).grainOrigins, []);
    for (const bad of [
      ['https://lecture.x.test/livre'],
      ['http://lecture.x.test'],
      ['https://lecture.x.test', 'https://lecture.x.test'],
      ['javascript:alert(1)'],
      Array.from({ length: 11 }, (_, i) => `https://l${i}.x.test`),
    ]) {
      const p = await assertProblem(await app.request(url, jsonInit('PUT', body(bad), op)), 400, 'validation');
      assert.ok(
        p.errors?.some((e) => e.pointer.startsWith('/grainOrigins')),
        JSON.stringify(p.errors),
      );
    }
    await assertProblem(await app.request(url, jsonInit('PUT', body([]), {})), 401, 'unauthenticated');
  });
});
