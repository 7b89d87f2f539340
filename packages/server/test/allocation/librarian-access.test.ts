// The school's librarian (National_doc there) reads the console's subscriptions, allocations, directory and
// notifications, and is refused every change and every manager-only view, over the service and over HTTP.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { managedSchoolListSchema, schoolSubscriptionListSchema } from '@opengar/core';
import { assertProblem } from '../http/helpers.js';
import { DOC_A, HEAD_A, PROF_A, S1, S2, buildAllocationWorld, failure, pupil, type AllocationWorld } from './world.js';

const BASE = `/api/v1/schools/${S1}`;
const auth = async (w: AllocationWorld, sub: string) => ({
  authorization: `Bearer ${await w.assertion({ sub, uai: S1 })}`,
  'content-type': 'application/json',
});

describe('the librarian reads, never allocates', () => {
  it('lists the school as `librarian` and reads subscriptions, allocations, directory and notifications', async () => {
    const w = await buildAllocationWorld({ pupils: 2 });
    const s = w.service.allocation;
    await s.allocate(HEAD_A, S1, { subscriptionId: 'INDIV-10', targets: [{ kind: 'division', code: '6A' }] });
    assert.deepEqual(
      (await s.schools(DOC_A)).map((x) => [x.uai, x.role]),
      [[S1, 'librarian']],
    );
    const subs = await s.subscriptions(DOC_A, S1);
    assert.deepEqual(subs, await s.subscriptions(HEAD_A, S1));
    assert.ok(subs.some((x) => x.subscription.id === 'INDIV-10'));
    // An expired subscription stays listed (the console shows it as expired), never silently dropped.
    assert.equal(subs.find((x) => x.subscription.id === 'ABO-OLD-S1')?.valid, false);
    assert.equal((await s.allocations(DOC_A, S1)).length, 1);
    const holders = await s.directory(DOC_A, S1, { kind: 'person', holding: 'INDIV-10' });
    assert.deepEqual(holders.people.map((p) => p.id).sort(), [pupil(1), pupil(2)]);
    assert.deepEqual(await w.service.notifications.list(DOC_A, S1), []);
  });

  it('refuses allocation, withdrawal, preview, delegation, audit, undo and the dashboard to the librarian', async () => {
    const w = await buildAllocationWorld({ pupils: 1 });
    const s = w.service.allocation;
    const done = await s.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: pupil(1) }],
    });
    const body = { subscriptionId: 'INDIV-10', targets: [{ kind: 'person' as const, personId: 'doc-a' }] };
    const refused = [
      s.allocate(DOC_A, S1, body),
      s.preview(DOC_A, S1, body),
      s.withdraw(DOC_A, S1, { subscriptionId: 'INDIV-10', personIds: [pupil(1)] }),
      s.delegate(DOC_A, S1, { delegateId: 'prof-a' }),
      s.delegations(DOC_A, S1),
      s.audit(DOC_A, S1),
      s.undo(DOC_A, S1, done.auditId),
      s.dashboard(DOC_A, S1),
    ];
    for (const p of refused) assert.equal((await failure(p)).code, 'forbidden');
    // Nothing changed: the pupil keeps the copy, the librarian got none.
    assert.deepEqual(
      (await w.store.listCopies({ subscriptionId: 'INDIV-10' })).map((c) => c.personId),
      [pupil(1)],
    );
  });

  it('refuses a teacher who is neither librarian nor delegate, and a librarian of another school', async () => {
    const w = await buildAllocationWorld({ pupils: 0 });
    assert.equal((await failure(w.service.allocation.subscriptions(PROF_A, S1))).code, 'forbidden');
    assert.deepEqual(await w.service.allocation.schools(PROF_A), []);
    assert.equal((await failure(w.service.notifications.list(PROF_A, S1))).code, 'forbidden');
    assert.equal((await failure(w.service.allocation.subscriptions(DOC_A, S2))).code, 'not-found');
  });

  it('over HTTP: reads as librarian, allocation answers a 403 problem', async () => {
    const w = await buildAllocationWorld({ pupils: 1 });
    const schools = await w.app.request('/api/v1/schools', { headers: await auth(w, 'doc-a') });
    assert.equal(schools.status, 200);
    assert.equal(managedSchoolListSchema.parse(await schools.json()).items[0]?.role, 'librarian');
    const list = await w.app.request(`${BASE}/subscriptions`, { headers: await auth(w, 'doc-a') });
    assert.equal(list.status, 200);
    assert.ok(schoolSubscriptionListSchema.parse(await list.json()).items.some((x) => x.subscription.id === 'NT-5'));
    const res = await w.app.request(`${BASE}/allocations`, {
      method: 'POST',
      headers: await auth(w, 'doc-a'),
      body: JSON.stringify({ subscriptionId: 'INDIV-10', targets: [{ kind: 'person', personId: pupil(1) }] }),
    });
    await assertProblem(res, 403, 'forbidden');
    const dashboard = await w.app.request(`${BASE}/dashboard`, { headers: await auth(w, 'doc-a') });
    await assertProblem(dashboard, 403, 'forbidden');
  });
});
