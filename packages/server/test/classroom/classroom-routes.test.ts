// The teacher routes over HTTP: bad input is a problem (400/413/415) with a pointer, never a crash or a write; the
// médiacentre's CORS lets a registered ENT origin post and delete; answers are `no-store`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ORIGIN_A, R_MATHS, S1 } from '../helpers/fixtures.js';
import { buildClassroomWorld } from './world.js';

describe('teacher routes over HTTP', () => {
  it('answers bad bodies with problems and writes nothing', async () => {
    const w = await buildClassroomWorld();
    const auth = { authorization: `Bearer ${await w.assertion({ sub: 'prof-a', uai: S1 })}` };
    const post = (body: string, type = 'application/json') =>
      w.app.request('/api/v1/me/pins', { method: 'POST', headers: { ...auth, 'content-type': type }, body });
    const cases: [Response, number][] = [
      [await post('{"uai":'), 400],
      [await post('{}', 'text/plain'), 415],
      [
        await post(JSON.stringify({ uai: S1, resourceId: R_MATHS, groupCodes: ['6A'], until: '2026-02-01', extra: 1 })),
        400,
      ],
      [await post(JSON.stringify({ uai: S1, resourceId: R_MATHS, groupCodes: ['6A'], until: 'demain' })), 400],
      [
        await post(
          JSON.stringify({
            uai: S1,
            resourceId: R_MATHS,
            groupCodes: ['6A'],
            until: '2026-02-01',
            note: 'x'.repeat(2_000_000),
          }),
        ),
        413,
      ],
    ];
    for (const [res, status] of cases) {
      assert.equal(res.status, status, await res.clone().text());
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    }
    const bad = (await cases[3]![0].json()) as { errors?: { pointer: string }[] };
    assert.ok(
      bad.errors?.some((i) => i.pointer === '/until'),
      JSON.stringify(bad),
    );
    assert.deepEqual(await w.store.listPins({ uai: S1 }), []);
  });

  it('pins, lists and removes over HTTP, no-store, from a registered origin', async () => {
    const w = await buildClassroomWorld();
    const auth = { authorization: `Bearer ${await w.assertion({ sub: 'prof-a', uai: S1 })}`, origin: ORIGIN_A };
    const pre = await w.app.request('/api/v1/me/pins/x', {
      method: 'OPTIONS',
      headers: { origin: ORIGIN_A, 'access-control-request-method': 'DELETE' },
    });
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /DELETE/);
    const made = await w.app.request('/api/v1/me/pins', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ uai: S1, resourceId: R_MATHS, groupCodes: ['6A'], until: '2026-02-01' }),
    });
    assert.equal(made.status, 201);
    const { id } = (await made.json()) as { id: string };
    const list = await w.app.request(`/api/v1/me/pins?uai=${S1}`, { headers: auth });
    assert.equal(list.headers.get('cache-control'), 'no-store');
    assert.equal(((await list.json()) as { items: unknown[] }).items.length, 1);
    const gone = await w.app.request(`/api/v1/me/pins/${id}?uai=${S1}`, { method: 'DELETE', headers: auth });
    assert.equal(gone.status, 204);
    const again = await w.app.request(`/api/v1/me/pins/${id}?uai=${S1}`, { method: 'DELETE', headers: auth });
    assert.equal(again.status, 404);
    const noUai = await w.app.request(`/api/v1/me/pins/${id}`, { method: 'DELETE', headers: auth });
    assert.ok([400, 404].includes(noUai.status));
  });
});
