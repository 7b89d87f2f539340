import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ltiPlatformSchema } from '@opengar/core';
import { createHttpApp } from '../../src/index.js';
import { S1, S2 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { assertProblem, bearer, jsonInit } from './helpers.js';

const body = (over: Record<string, unknown> = {}) => ({
  id: 'moodle-a',
  name: 'Moodle A',
  issuer: 'https://moodle-a.test',
  clientIds: ['c-1'],
  authEndpoint: 'https://moodle-a.test/mod/lti/auth.php',
  jwksUrl: 'https://moodle-a.test/mod/lti/certs.php',
  deploymentIds: ['1'],
  entIds: ['ENTA'],
  schools: [S1],
  ...over,
});

describe('operator routes: LTI platforms', () => {
  it('registers, reads, lists, replaces and removes a platform; operator only', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    const op = bearer(w.operatorSecret);
    const created = await app.request('/api/v1/admin/lti-platforms', jsonInit('POST', body(), op));
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal(created.headers.get('location'), '/api/v1/admin/lti-platforms/moodle-a');
    const url = '/api/v1/admin/lti-platforms/moodle-a';
    assert.deepEqual(ltiPlatformSchema.parse(await (await app.request(url, { headers: op })).json()), body());
    const list = (await (await app.request('/api/v1/admin/lti-platforms', { headers: op })).json()) as {
      items: unknown[];
    };
    assert.equal(list.items.length, 1);
    const replaced = await app.request(url, jsonInit('PUT', body({ deploymentIds: ['1', '2'] }), op));
    assert.equal(replaced.status, 200);
    await assertProblem(
      await app.request('/api/v1/admin/lti-platforms', jsonInit('POST', body(), op)),
      409,
      'conflict',
    );
    const sameIssuer = body({ id: 'moodle-b' });
    await assertProblem(
      await app.request('/api/v1/admin/lti-platforms', jsonInit('POST', sameIssuer, op)),
      409,
      'conflict',
    );
    await assertProblem(await app.request(url, { headers: {} }), 401, 'unauthenticated');
    await assertProblem(await app.request(url, { method: 'DELETE', headers: {} }), 401, 'unauthenticated');
    assert.equal((await app.request(url, { method: 'DELETE', headers: op })).status, 204);
    await assertProblem(await app.request(url, { method: 'DELETE', headers: op }), 404, 'not-found');
    await assertProblem(await app.request(url, { headers: op }), 404, 'not-found');
  });

  it('refuses both or no key sources, unknown ENTs, schools of another ENT, http off loopback, bad ids', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    const op = bearer(w.operatorSecret);
    const cases: [Record<string, unknown>, string][] = [
      [{ jwks: { keys: [{ kty: 'RSA', kid: 'k', n: 'x', e: 'AQAB' }] } }, '/jwksUrl'],
      [{ jwksUrl: undefined }, '/jwksUrl'],
      [{ entIds: ['NOPE'] }, '/entIds/0'],
      [{ schools: [S2] }, '/schools/0'],
      [{ issuer: 'http://moodle-a.test' }, '/issuer'],
      [{ authEndpoint: 'javascript:alert(1)' }, '/authEndpoint'],
      [{ clientIds: [] }, '/clientIds'],
      [{ clientIds: ['a b'] }, '/clientIds/0'],
      [{ deploymentIds: ['1', '1'] }, '/deploymentIds'],
      [{ id: '../x' }, '/id'],
      [{ extra: true }, ''],
    ];
    for (const [over, pointer] of cases) {
      const res = await app.request('/api/v1/admin/lti-platforms', jsonInit('POST', body(over), op));
      const p = await assertProblem(res, 400, 'validation');
      assert.ok(
        p.errors?.some((e) => e.pointer === pointer || (pointer === '' && e.pointer !== undefined)),
        `${JSON.stringify(over)} → ${JSON.stringify(p.errors)}`,
      );
    }
    assert.equal(await w.store.getLtiPlatform('moodle-a'), undefined, 'nothing written');
  });
});
