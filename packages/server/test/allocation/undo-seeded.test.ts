// Undo of changes the service did not make itself this run: the demo seed's allocations, and an entry whose record
// lacks what an undo needs (refused as a conflict, never a crash).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStore, type Actor } from '../../src/index.js';
import { seedDemo } from '../../src/seed/index.js';
import { failure } from '../helpers/world.js';
import { createTestService } from '../helpers/service.js';
import { TestClock } from '../helpers/clock.js';

const COLLEGE = '0561641E';
const HEAD: Actor = { kind: 'ent-user', entId: 'ENT-DEMO', personId: 'dir-001' };

async function demoWorld() {
  const store = createMemoryStore();
  await seedDemo(store);
  const entries = (await store.listAudit({ uai: COLLEGE, limit: 500 })).filter((e) => e.action === 'allocation.create');
  const transferable = new Set(
    (await store.listSubscriptions({ uai: COLLEGE })).filter((s) => s.category === 'transferable').map((s) => s.id),
  );
  const entry = entries.find((e) => {
    const after = e.after as { subscriptionId?: string; granted?: unknown[] };
    return transferable.has(after.subscriptionId ?? '') && (after.granted?.length ?? 0) > 0;
  })!;
  const service = createTestService({ store, clock: new TestClock(Date.parse(entry.at) + 3_600_000) });
  return { store, service, entry };
}

describe('undo of seeded and malformed audit entries', () => {
  it("undoes one of the demo seed's allocations like any other", async () => {
    const { store, service, entry } = await demoWorld();
    const after = entry.after as { subscriptionId: string; granted: { personId: string }[] };
    const before = (await store.listCopies({ subscriptionId: after.subscriptionId })).length;
    await service.allocation.undo(HEAD, COLLEGE, entry.id);
    assert.equal(
      (await store.listCopies({ subscriptionId: after.subscriptionId })).length,
      before - after.granted.length,
    );
    assert.equal((await failure(service.allocation.undo(HEAD, COLLEGE, entry.id))).code, 'conflict');
  });

  it('refuses, as a conflict, to undo an entry that did not record what an undo needs', async () => {
    const { store, service, entry } = await demoWorld();
    await store.appendAudit({
      ...entry,
      id: 'audit-legacy',
      after: { subscriptionId: 'x', target: { kind: 'division', code: '6A' }, copies: 3 },
    });
    const f = await failure(service.allocation.undo(HEAD, COLLEGE, 'audit-legacy'));
    assert.equal(f.code, 'conflict');
  });
});
