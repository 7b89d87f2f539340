import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEAD_A, ORIGIN_A, PROF_A, pupil, PUPIL_A, RESP_A, S1 } from '../helpers/fixtures.js';
import { buildWorld, failure, holders } from '../helpers/world.js';

describe('console directory, preview and managed schools', () => {
  it('lists staff only on request (the people a role may be delegated to), counted without the pupils', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 12 });
    const all = await w.service.allocation.directory(HEAD_A, S1, { kind: 'person', limit: 200 });
    const staff = await w.service.allocation.directory(HEAD_A, S1, { kind: 'person', staff: 'true', limit: 2 });
    const expected = all.people.filter((p) => p.audience !== 'ELEVE');
    assert.ok(expected.length >= 3 && expected.length < all.people.length);
    assert.equal(staff.totalPeople, expected.length);
    assert.ok(staff.people.length === 2 && staff.people.every((p) => p.audience !== 'ELEVE'));
    const found = await w.service.allocation.directory(HEAD_A, S1, { search: 'eleve', kind: 'person', staff: 'true' });
    assert.deepEqual(found.people, [], 'pupils never come back as staff');
    await assert.rejects(
      w.service.allocation.directory(HEAD_A, S1, { staff: 'yes' }),
      (e: { code?: string }) => e.code === 'validation',
    );
  });

  it('lists the subjects someone teaches, with the divisions and groups where they are taught, searched', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    await w.store.putSubjects([
      { uai: S1, code: '020700', label: 'FRANCAIS' },
      { uai: S1, code: '061300', label: 'MATHEMATIQUES' },
      { uai: S1, code: '999999', label: 'NOBODY TEACHES IT' },
    ]);
    await w.store.putTeachings([
      { uai: S1, groupCode: '6A', personId: 'prof-a', subject: '020700' },
      { uai: S1, groupCode: '3A', personId: 'prof-a', subject: '020700' },
      { uai: S1, groupCode: 'LATIN', personId: 'prof-a', subject: '020700' },
      { uai: S1, groupCode: '6A', personId: 'head-a', subject: '061300' },
    ]);
    const all = await w.service.allocation.directory(HEAD_A, S1, {});
    assert.deepEqual(all.subjects, [
      {
        code: '020700',
        label: 'FRANCAIS',
        divisions: [
          { code: '3A', label: '3e A' },
          { code: '6A', label: '6e A' },
          { code: 'LATIN', label: 'Latin' },
        ],
        teachers: 1,
      },
      { code: '061300', label: 'MATHEMATIQUES', divisions: [{ code: '6A', label: '6e A' }], teachers: 1 },
    ]);
    const found = await w.service.allocation.directory(HEAD_A, S1, { search: 'mathé' });
    assert.deepEqual(
      found.subjects.map((s) => s.code),
      ['061300'],
    );
    assert.deepEqual((await w.service.allocation.directory(HEAD_A, S1, { kind: 'person' })).subjects, []);
    assert.deepEqual((await w.service.allocation.directory(HEAD_A, S1, { search: 'zzz' })).subjects, []);
    assert.equal((await failure(w.service.allocation.directory(PUPIL_A, S1, {}))).code, 'forbidden');
  });

  it('searches divisions, groups and a page of people, each person with the subscriptions they hold', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 12 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: pupil(1) }],
    });
    const all = await w.service.allocation.directory(HEAD_A, S1, { limit: 5 });
    assert.deepEqual(
      all.groups.map((g) => [g.kind, g.code, g.members]),
      [
        ['division', '3A', 1],
        ['division', '6A', 12],
        ['group', 'LATIN', 0],
      ],
    );
    assert.equal(all.people.length, 5);
    assert.ok(all.totalPeople >= 12);
    const one = await w.service.allocation.directory(HEAD_A, S1, { search: 'eleve1', kind: 'person' });
    assert.deepEqual(one.groups, []);
    const p1 = one.people.find((p) => p.id === pupil(1));
    assert.deepEqual(p1?.subscriptionIds, ['INDIV-10']);
    assert.equal(p1?.audience, 'ELEVE');
    const named = await w.service.allocation.directory(HEAD_A, S1, { personIds: `${pupil(2)},nobody` });
    assert.deepEqual(
      named.people.map((p) => p.id),
      [pupil(2)],
    );
    assert.equal((await failure(w.service.allocation.directory(PUPIL_A, S1, {}))).code, 'forbidden');
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [
        { kind: 'person', personId: pupil(3) },
        { kind: 'person', personId: pupil(12) },
      ],
    });
    const holders = await w.service.allocation.directory(HEAD_A, S1, { holding: 'INDIV-10', limit: 2 });
    assert.deepEqual(
      [holders.groups, holders.totalPeople, holders.people.map((p) => p.id)],
      [[], 3, [pupil(1), pupil(12)]],
    );
    const next = await w.service.allocation.directory(HEAD_A, S1, { holding: 'INDIV-10', limit: 2, offset: 2 });
    assert.deepEqual(
      next.people.map((p) => p.id),
      [pupil(3)],
    );
    const found = await w.service.allocation.directory(HEAD_A, S1, { holding: 'INDIV-10', search: 'élève12' });
    assert.deepEqual(
      found.people.map((p) => p.id),
      [pupil(12)],
    );
  });

  it('previews what an allocation consumes and the refusal it would meet, changing nothing', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 12 });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: pupil(1) }],
    });
    const ok = await w.service.allocation.preview(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [
        { kind: 'person', personId: pupil(1) },
        { kind: 'person', personId: pupil(2) },
      ],
    });
    assert.deepEqual(ok.consumption, [{ pool: 'GLOBAL', count: 1, remaining: 9 }]);
    assert.equal(ok.alreadyHolding, 1);
    assert.equal(ok.refusal, undefined);
    const no = await w.service.allocation.preview(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    assert.equal(no.refusal?.code, 'insufficient-licences');
    assert.equal(no.refusal?.['remaining'], 9);
    assert.deepEqual(await holders(w.store, 'INDIV-10'), [pupil(1)]);
    const move = await w.service.allocation.preview(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: pupil(2) }],
      fromPersonIds: [pupil(1)],
    });
    assert.deepEqual(move.consumption, [{ pool: 'GLOBAL', count: 1, remaining: 10 }]);
    const nobody = await w.service.allocation.preview(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: pupil(2) }],
      fromPersonIds: [pupil(5)],
    });
    assert.equal(nobody.refusal?.code, 'not-holding');
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'person', personId: pupil(1) }],
    });
    await w.store.markCopyOpened('NT-5', pupil(1), w.clock.now().toISOString());
    const opened = await w.service.allocation.preview(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'person', personId: pupil(2) }],
      fromPersonIds: [pupil(1)],
    });
    assert.deepEqual(opened.refusal, { code: 'not-withdrawable', personId: pupil(1) });
    const http = await w.app.request(`/api/v1/schools/${S1}/allocations/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(http.status, 401);
  });

  it('lists the schools a person manages or was delegated', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    assert.deepEqual(
      (await w.service.allocation.schools(HEAD_A)).map((s) => [s.uai, s.role]),
      [[S1, 'manager']],
    );
    assert.deepEqual(
      (await w.service.allocation.schools(RESP_A)).map((s) => [s.uai, s.role]),
      [[S1, 'manager']],
    );
    assert.deepEqual(await w.service.allocation.schools(PROF_A), []);
    await w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'prof-a' });
    assert.deepEqual(
      (await w.service.allocation.schools(PROF_A)).map((s) => [s.uai, s.role]),
      [[S1, 'delegate']],
    );
  });

  it('answers over HTTP with CORS for the ENT’s origins, like the other console routes', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    const headers = {
      authorization: `Bearer ${await w.assertion({ sub: 'head-a', uai: S1 })}`,
      'content-type': 'application/json',
      origin: ORIGIN_A,
    };
    for (const [path, init] of [
      ['/api/v1/schools', {}],
      [`/api/v1/schools/${S1}/directory?search=6a`, {}],
      [
        `/api/v1/schools/${S1}/allocations/preview`,
        {
          method: 'POST',
          body: JSON.stringify({ subscriptionId: 'INDIV-10', targets: [{ kind: 'division', code: '6A' }] }),
        },
      ],
    ] as const) {
      const res = await w.app.request(path, { ...init, headers });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN_A, path);
      assert.equal(res.headers.get('cache-control'), 'no-store', path);
    }
    const pre = await w.app.request(`/api/v1/schools/${S1}/allocations/preview`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN_A, 'access-control-request-method': 'POST' },
    });
    assert.equal(pre.status, 204);
    const evil = await w.app.request('/api/v1/schools', { headers: { ...headers, origin: 'https://evil.test' } });
    assert.equal(evil.status, 403);
  });
});
