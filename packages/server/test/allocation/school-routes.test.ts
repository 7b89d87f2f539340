// The allocation console over HTTP: answers match the API schemas, licence refusals are problems with their own
// codes, and browsers of the ENT's registered origins may call it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allocationListSchema,
  allocationResultSchema,
  auditListSchema,
  undoPreviewSchema,
  dashboardSchema,
  delegationListSchema,
  schoolSubscriptionListSchema,
} from '@opengar/core';
import { assertProblem } from '../http/helpers.js';
import { ORIGIN_A, pupil, S1 } from '../helpers/fixtures.js';
import { type AllocationWorld, buildWorld } from '../helpers/world.js';

const BASE = `/api/v1/schools/${S1}`;

async function as(w: AllocationWorld, sub: string, extra: Record<string, string> = {}) {
  return {
    authorization: `Bearer ${await w.assertion({ sub, uai: S1 })}`,
    'content-type': 'application/json',
    ...extra,
  };
}

describe('allocation console routes', () => {
  it('allocates, lists, withdraws, undoes and shows the dashboard', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 3 });
    const res = await w.app.request(`${BASE}/allocations`, {
      method: 'POST',
      headers: await as(w, 'head-a'),
      body: JSON.stringify({ subscriptionId: 'INDIV-10', targets: [{ kind: 'division', code: '6A' }] }),
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const result = allocationResultSchema.parse(await res.json());
    assert.deepEqual(result.granted.sort(), [pupil(1), pupil(2), pupil(3)]);
    const subs = schoolSubscriptionListSchema.parse(
      await (await w.app.request(`${BASE}/subscriptions`, { headers: await as(w, 'head-a') })).json(),
    );
    assert.deepEqual(subs.items.find((s) => s.subscription.id === 'INDIV-10')?.usage, [
      { pool: 'GLOBAL', licences: 10, used: 3, remaining: 7 },
    ]);
    const allocations = allocationListSchema.parse(
      await (
        await w.app.request(`${BASE}/allocations?subscriptionId=INDIV-10`, { headers: await as(w, 'head-a') })
      ).json(),
    );
    assert.deepEqual(
      allocations.items.map((a) => [a.target, a.copies]),
      [[{ kind: 'division', code: '6A' }, 3]],
    );
    const wd = await w.app.request(`${BASE}/allocations/withdraw`, {
      method: 'POST',
      headers: await as(w, 'head-a'),
      body: JSON.stringify({ subscriptionId: 'INDIV-10', personIds: [pupil(1)] }),
    });
    const { auditId } = allocationResultSchema.parse(await wd.json());
    const undo = await w.app.request(`${BASE}/audit/${auditId}/undo`, {
      method: 'POST',
      headers: await as(w, 'head-a'),
    });
    assert.equal(undo.status, 200);
    await assertProblem(
      await w.app.request(`${BASE}/audit/${auditId}/undo`, { method: 'POST', headers: await as(w, 'head-a') }),
      409,
      'conflict',
    );
    const audit = auditListSchema.parse(
      await (await w.app.request(`${BASE}/audit?limit=500`, { headers: await as(w, 'head-a') })).json(),
    );
    assert.ok(audit.items.some((e) => e.action === 'undo'));
    const firstPage = auditListSchema.parse(
      await (await w.app.request(`${BASE}/audit?limit=1`, { headers: await as(w, 'head-a') })).json(),
    );
    assert.equal(firstPage.items[0]?.id, audit.items[0]?.id);
    const undoRow = audit.items.find((e) => e.kind === 'undo');
    assert.deepEqual(undoRow?.undid, { auditId, kind: 'withdraw' });
    const next = await w.app.request(`${BASE}/audit?limit=1&cursor=${firstPage.next}`, {
      headers: await as(w, 'head-a'),
    });
    assert.equal(auditListSchema.parse(await next.json()).items[0]?.id, audit.items[1]?.id);
    const preview = await w.app.request(`${BASE}/audit/${auditId}/undo`, { headers: await as(w, 'head-a') });
    assert.equal(preview.status, 200);
    assert.deepEqual(undoPreviewSchema.parse(await preview.json()).reason?.code, 'conflict');
    const csv = await w.app.request(`${BASE}/audit.csv?subscriptionId=INDIV-10`, { headers: await as(w, 'head-a') });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="historique-/);
    assert.match(await csv.text(), /;Annulation;/);
    await assertProblem(
      await w.app.request(`${BASE}/audit.csv?target=x`, { headers: await as(w, 'head-a') }),
      400,
      'validation',
    );
    await assertProblem(
      await w.app.request(`${BASE}/audit/nope/undo`, { headers: await as(w, 'head-a') }),
      404,
      'not-found',
    );
    const d = dashboardSchema.parse(
      await (await w.app.request(`${BASE}/dashboard`, { headers: await as(w, 'head-a') })).json(),
    );
    assert.equal(d.allocatedPerAudience['ELEVE'], 3 + 2);
    await assertProblem(
      await w.app.request(`${BASE}/audit?limit=0`, { headers: await as(w, 'head-a') }),
      400,
      'validation',
    );
  });

  it('answers licence refusals with insufficient-licences (and remaining) or not-withdrawable', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 6 });
    const res = await w.app.request(`${BASE}/allocations`, {
      method: 'POST',
      headers: await as(w, 'head-a'),
      body: JSON.stringify({ subscriptionId: 'NT-5', targets: [{ kind: 'division', code: '6A' }] }),
    });
    const p = await assertProblem(res, 409, 'insufficient-licences');
    assert.equal(p['remaining'], 5);
    assert.equal(p['requested'], 6);
    await w.service.allocation.allocate({ kind: 'ent-user', entId: 'ENTA', personId: 'head-a' }, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'person', personId: pupil(1) }],
    });
    await w.store.markCopyOpened('NT-5', pupil(1), w.clock.now().toISOString());
    const wd = await w.app.request(`${BASE}/allocations/withdraw`, {
      method: 'POST',
      headers: await as(w, 'head-a'),
      body: JSON.stringify({ subscriptionId: 'NT-5', personIds: [pupil(1)] }),
    });
    assert.equal((await assertProblem(wd, 409, 'not-withdrawable'))['personId'], pupil(1));
  });

  it('delegates and revokes over HTTP', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const g = await w.app.request(`${BASE}/delegations`, {
      method: 'POST',
      headers: await as(w, 'head-a'),
      body: JSON.stringify({ delegateId: 'prof-a' }),
    });
    assert.equal(g.status, 201);
    const list = delegationListSchema.parse(
      await (await w.app.request(`${BASE}/delegations`, { headers: await as(w, 'prof-a') })).json(),
    );
    assert.deepEqual(
      list.items.map((d) => d.delegateId),
      ['prof-a'],
    );
    await assertProblem(
      await w.app.request(`${BASE}/delegations`, {
        method: 'POST',
        headers: await as(w, 'prof-a'),
        body: JSON.stringify({ delegateId: 'doc-a' }),
      }),
      403,
      'forbidden',
    );
    assert.equal(
      (await w.app.request(`${BASE}/delegations/prof-a`, { method: 'DELETE', headers: await as(w, 'head-a') })).status,
      200,
    );
    await assertProblem(
      await w.app.request(`${BASE}/delegations`, { headers: await as(w, 'prof-a') }),
      403,
      'forbidden',
    );
  });

  it('lets the ENT’s registered origins call it from a browser, and no other', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const pre = await w.app.request(`${BASE}/allocations`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN_A, 'access-control-request-method': 'POST' },
    });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
    const ok = await w.app.request(`${BASE}/subscriptions`, { headers: await as(w, 'head-a', { origin: ORIGIN_A }) });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN_A);
    await assertProblem(
      await w.app.request(`${BASE}/subscriptions`, { headers: await as(w, 'head-a', { origin: 'https://evil.test' }) }),
      403,
      'forbidden',
    );
  });
});
