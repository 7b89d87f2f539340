import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredClassRequest, StoredPin } from '../../src/store/types-classroom.js';
import type { ContractContext } from './contract.js';
import { COLLEGE, ENT_ID, LYCEE, RESOURCE } from './fixtures.js';

const pin = (id: string, over: Partial<StoredPin> = {}): StoredPin => ({
  id,
  entId: ENT_ID,
  uai: COLLEGE,
  teacherId: 'ens-1',
  resourceId: RESOURCE,
  groupCodes: ['6A'],
  until: '2027-01-31',
  untilAt: '2027-01-31T22:59:59.000Z',
  createdAt: '2026-10-01T08:00:00.000Z',
  ...over,
});

const request = (id: string, over: Partial<StoredClassRequest> = {}): StoredClassRequest => ({
  id,
  entId: ENT_ID,
  uai: COLLEGE,
  teacherId: 'ens-1',
  resourceId: RESOURCE,
  groupCode: '6A',
  status: 'pending',
  createdAt: '2026-10-01T08:00:00.000Z',
  ...over,
});

export function classroomContract({ withStore }: ContractContext): void {
  test('pins round-trip, are found by teacher, group and end, newest first, and go', () =>
    withStore(async (store) => {
      const a = pin('p-a', { note: 'Chapitre 3 « Les fractions »' });
      const b = pin('p-b', { teacherId: 'ens-2', groupCodes: ['6B', 'LAT'], createdAt: '2026-10-02T08:00:00.000Z' });
      const old = pin('p-old', { until: '2026-10-10', untilAt: '2026-10-10T21:59:59.000Z' });
      const other = pin('p-lycee', { uai: LYCEE });
      for (const p of [a, b, old, other]) await store.putPin(p);
      assert.deepEqual(await store.getPin('p-a'), a);
      assert.equal(await store.getPin('nope'), undefined);
      assert.deepEqual(
        (await store.listPins({ uai: COLLEGE })).map((p) => p.id),
        ['p-b', 'p-old', 'p-a'],
      );
      assert.deepEqual(
        (await store.listPins({ uai: COLLEGE, teacherId: 'ens-2' })).map((p) => p.id),
        ['p-b'],
      );
      assert.deepEqual(
        (await store.listPins({ uai: COLLEGE, groupCodes: ['LAT', '5C'] })).map((p) => p.id),
        ['p-b'],
      );
      assert.deepEqual(await store.listPins({ uai: COLLEGE, groupCodes: [] }), []);
      assert.deepEqual(
        (await store.listPins({ uai: COLLEGE, activeAt: '2026-11-01T00:00:00Z' })).map((p) => p.id),
        ['p-b', 'p-a'],
      );
      await store.putPin({ ...a, groupCodes: ['6A', '6B'] });
      assert.deepEqual((await store.getPin('p-a'))?.groupCodes, ['6A', '6B']);
      assert.equal(await store.deletePin('p-a'), true);
      assert.equal(await store.deletePin('p-a'), false);
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.deletePin('p-b');
          throw new Error('rolled back');
        }),
      );
      assert.ok(await store.getPin('p-b'));
      assert.deepEqual(
        (await store.listPins({ uai: LYCEE })).map((p) => p.id),
        ['p-lycee'],
      );
    }));

  test('class requests round-trip, change state, and are listed by teacher and status', () =>
    withStore(async (store) => {
      const r1 = request('r-1', { message: 'Pour le projet lecture' });
      const r2 = request('r-2', { teacherId: 'ens-2', createdAt: '2026-10-03T08:00:00.000Z' });
      await store.putClassRequest(r1);
      await store.putClassRequest(r2);
      await store.putClassRequest(request('r-3', { uai: LYCEE }));
      assert.deepEqual(await store.getClassRequest('r-1'), r1);
      assert.deepEqual(
        (await store.listClassRequests({ uai: COLLEGE })).map((r) => r.id),
        ['r-2', 'r-1'],
      );
      const decided = {
        ...r1,
        status: 'declined' as const,
        decidedAt: '2026-10-04T08:00:00.000Z',
        decidedBy: 'dir-1',
        answer: 'Plus de licences',
      };
      await store.putClassRequest(decided);
      assert.deepEqual(await store.getClassRequest('r-1'), decided);
      assert.deepEqual(
        (await store.listClassRequests({ uai: COLLEGE, status: 'pending' })).map((r) => r.id),
        ['r-2'],
      );
      assert.deepEqual(
        (await store.listClassRequests({ uai: COLLEGE, teacherId: 'ens-1' })).map((r) => r.status),
        ['declined'],
      );
    }));
}
