import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContractContext } from './contract.js';
import { COLLEGE, LYCEE } from './fixtures.js';

export function teachingContract({ withStore }: ContractContext): void {
  test('subjects round-trip, relabel and go, per school', () =>
    withStore(async (store) => {
      await store.putSubjects([
        { uai: COLLEGE, code: '030201', label: 'ANGLAIS LV1' },
        { uai: COLLEGE, code: '020700', label: 'FRANCAIS' },
        { uai: LYCEE, code: '020700', label: 'FRANCAIS' },
      ]);
      await store.putSubjects([{ uai: COLLEGE, code: '020700', label: 'FRANÇAIS' }]);
      await store.putSubjects([]);
      assert.deepEqual(await store.listSubjects(COLLEGE), [
        { uai: COLLEGE, code: '020700', label: 'FRANÇAIS' },
        { uai: COLLEGE, code: '030201', label: 'ANGLAIS LV1' },
      ]);
      await store.deleteSubjects([{ uai: COLLEGE, code: '030201' }]);
      assert.deepEqual(
        (await store.listSubjects(COLLEGE)).map((s) => s.code),
        ['020700'],
      );
      assert.equal((await store.listSubjects(LYCEE)).length, 1);
    }));

  test('teachings are kept once, found by person, subject and group, and deleted exactly', () =>
    withStore(async (store) => {
      const fr5a = { uai: COLLEGE, groupCode: '5A', personId: 'ens-1', subject: '020700' };
      const fr5b = { uai: COLLEGE, groupCode: '5B', personId: 'ens-1', subject: '020700' };
      const en5a = { uai: COLLEGE, groupCode: '5A', personId: 'ens-2', subject: '030201' };
      const other = { uai: LYCEE, groupCode: '5A', personId: 'ens-1', subject: '020700' };
      await store.putTeachings([fr5a, fr5b, en5a, other]);
      await store.putTeachings([fr5a]);
      await store.putTeachings([]);
      assert.deepEqual(await store.listTeachings({ uai: COLLEGE }), [fr5a, fr5b, en5a]);
      assert.deepEqual(await store.listTeachings({ uai: COLLEGE, personId: 'ens-1' }), [fr5a, fr5b]);
      assert.deepEqual(await store.listTeachings({ uai: COLLEGE, subject: '030201' }), [en5a]);
      assert.deepEqual(await store.listTeachings({ uai: COLLEGE, groupCode: '5A' }), [fr5a, en5a]);
      await store.transaction(async (tx) => {
        await tx.deleteTeachings([fr5b]);
      });
      assert.deepEqual(await store.listTeachings({ uai: COLLEGE, personId: 'ens-1' }), [fr5a]);
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.deleteTeachings([fr5a]);
          throw new Error('rolled back');
        }),
      );
      assert.deepEqual(await store.listTeachings({ uai: LYCEE }), [other]);
      assert.deepEqual(await store.listTeachings({ uai: COLLEGE, personId: 'ens-1' }), [fr5a]);
    }));
}
