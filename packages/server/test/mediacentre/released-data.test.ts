// « Données transmises » over HTTP: the person's own list, the school's per resource for its managers, and refusals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { R_DICO, R_MATHS, S1, S2, S3 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('GET /api/v1/me/released-data', () => {
  it('answers the pupil’s own list, in tu, from the hand-off’s release', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const q = `resource=${encodeURIComponent(R_MATHS)}&uai=${S1}`;
    const res = await w.app.request(`/api/v1/me/released-data?${q}`, bearer(await w.assertion()));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), {
      uai: S1,
      resourceId: R_MATHS,
      address: 'tu',
      attributes: ['IDO', 'UAI', 'PRO', 'NOM', 'PRE', 'DIV', 'GRO'],
    });
    const teacher = await w.app.request(
      `/api/v1/me/released-data?resource=${encodeURIComponent(R_DICO)}`,
      bearer(await w.assertion({ sub: 'prof-a', uai: S1 })),
    );
    assert.deepEqual(await teacher.json(), {
      uai: S1,
      resourceId: R_DICO,
      address: 'vous',
      attributes: ['IDO', 'UAI'],
    });
  });

  it('refuses a school the person is not at, an unknown resource, a bad query and no credential', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const ask = async (q: string, token?: string) =>
      (await w.app.request(`/api/v1/me/released-data?${q}`, token ? bearer(token) : {})).status;
    const r = encodeURIComponent(R_MATHS);
    assert.equal(await ask(`resource=${r}&uai=${S2}`, await w.assertion()), 404);
    assert.equal(await ask(`resource=${r}&uai=${S3}`, await w.assertion({ sub: 'prof-a' })), 403);
    assert.equal(await ask(`resource=${encodeURIComponent('ark:/0/none')}&uai=${S1}`, await w.assertion()), 404);
    assert.equal(await ask(`uai=${S1}`, await w.assertion()), 400);
    assert.equal(await ask(`resource=${r}&extra=1`, await w.assertion()), 400);
    assert.equal(await ask(`resource=${r}`), 401);
  });
});

describe('GET /api/v1/schools/{uai}/released-data', () => {
  it('gives a school’s managers, per resource, what it receives about a pupil and about staff', async () => {
    const w = await buildWorld({ data: 'allocation' });
    const res = await w.app.request(
      `/api/v1/schools/${S1}/released-data`,
      bearer(await w.assertion({ sub: 'head-a' })),
    );
    assert.equal(res.status, 200);
    const body = (await res.json()) as { resources: { resourceId: string; pupil: string[]; staff: string[] }[] };
    assert.ok(body.resources.length > 0);
    for (const r of body.resources) {
      assert.equal(r.pupil[0], 'IDO');
      assert.ok(!r.pupil.includes('P_MEL') && !r.pupil.includes('P_MS4'));
      assert.ok(!r.staff.includes('E_MS4'));
    }
    const librarian = await w.app.request(
      `/api/v1/schools/${S1}/released-data`,
      bearer(await w.assertion({ sub: 'doc-a' })),
    );
    assert.equal(librarian.status, 200);
  });

  it('refuses pupils, teachers, other schools and anonymous callers', async () => {
    const w = await buildWorld({ data: 'allocation' });
    const ask = async (uai: string, sub?: string) =>
      (await w.app.request(`/api/v1/schools/${uai}/released-data`, sub ? bearer(await w.assertion({ sub })) : {}))
        .status;
    assert.equal(await ask(S1, 'eleve-a'), 403);
    assert.equal(await ask(S1, 'prof-a'), 403);
    assert.equal(await ask(S2, 'head-a'), 404);
    assert.equal(await ask(S1), 401);
  });
});
