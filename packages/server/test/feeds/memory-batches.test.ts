import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryStore } from '../../src/store/index.js';

test('an académie-sized batch in one memory transaction (the undo journal is written a slice at a time), and its rollback', async () => {
  const store = createMemoryStore();
  const ms = Array.from({ length: 130_000 }, (_, i) => ({
    uai: '0561641E',
    groupCode: `D${i % 100}`,
    personId: `p${i}`,
  }));
  await store.transaction((tx) => tx.putMemberships(ms));
  assert.equal((await store.listMemberships({ uai: '0561641E', groupCode: 'D7' })).length, 1300);
  await assert.rejects(
    store.transaction(async (tx) => {
      await tx.deleteMemberships(ms);
      throw new Error('abort');
    }),
    /abort/,
  );
  assert.equal((await store.listMemberships({ uai: '0561641E', groupCode: 'D7' })).length, 1300, 'rolled back whole');
});
