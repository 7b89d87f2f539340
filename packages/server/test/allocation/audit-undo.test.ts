import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEAD_A, pupil, S1 } from '../helpers/fixtures.js';
import { buildWorld, failure, holders } from '../helpers/world.js';

describe('audit trail and undo', () => {
  it('records who, when, where, before and after of every allocation change', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    w.clock.advance(1000);
    const r = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    const [entry] = (await w.service.allocation.audit(HEAD_A, S1, { limit: '1' })).items;
    assert.equal(entry!.id, r.auditId);
    assert.equal(entry!.actor, 'head-a');
    assert.equal(entry!.uai, S1);
    assert.equal(entry!.action, 'allocation.create');
    assert.equal(entry!.at, w.clock.now().toISOString());
    assert.equal(entry!.undoable, true);
    assert.deepEqual((entry!.after as { granted: { personId: string }[] }).granted.map((c) => c.personId).sort(), [
      pupil(1),
      pupil(2),
    ]);
  });

  it('undoes an allocation, a withdrawal and a move; each undo is audited and cannot be repeated', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 3 });
    const a = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    const wd = await w.service.allocation.withdraw(HEAD_A, S1, { subscriptionId: 'INDIV-10', personIds: [pupil(1)] });
    await w.service.allocation.undo(HEAD_A, S1, wd.auditId);
    assert.deepEqual(await holders(w.store, 'INDIV-10'), [pupil(1), pupil(2), pupil(3)]);
    const mv = await w.service.allocation.move(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      fromPersonIds: [pupil(2)],
      to: [{ kind: 'person', personId: 'prof-a' }],
    });
    await w.service.allocation.undo(HEAD_A, S1, mv.auditId);
    assert.deepEqual(await holders(w.store, 'INDIV-10'), [pupil(1), pupil(2), pupil(3)]);
    const u = await w.service.allocation.undo(HEAD_A, S1, a.auditId);
    assert.deepEqual(await holders(w.store, 'INDIV-10'), []);
    assert.equal((await w.store.getAudit(a.auditId))?.undoneBy, u.auditId);
    assert.equal((await w.store.getAudit(u.auditId))?.action, 'undo');
    assert.equal((await failure(w.service.allocation.undo(HEAD_A, S1, a.auditId))).code, 'conflict');
    assert.equal((await failure(w.service.allocation.undo(HEAD_A, S1, u.auditId))).code, 'conflict');
  });

  it('refuses an undo the rules no longer allow', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 6 });
    const a = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'person', personId: pupil(1) }],
    });
    await w.store.markCopyOpened('NT-5', pupil(1), w.clock.now().toISOString());
    assert.equal((await failure(w.service.allocation.undo(HEAD_A, S1, a.auditId))).problem, 'not-withdrawable');
    assert.deepEqual(await holders(w.store, 'NT-5'), [pupil(1)], 'a refused undo changes nothing');
    const take = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'person', personId: pupil(2) }],
    });
    const back = await w.service.allocation.withdraw(HEAD_A, S1, { subscriptionId: 'NT-5', personIds: [pupil(2)] });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [3, 4, 5, 6].map((i) => ({ kind: 'person' as const, personId: pupil(i) })),
    });
    // The pool is full again: giving pupil 2 their copy back would exceed it.
    assert.equal((await failure(w.service.allocation.undo(HEAD_A, S1, back.auditId))).problem, 'insufficient-licences');
    w.clock.advance(31 * 86_400_000);
    assert.equal((await failure(w.service.allocation.undo(HEAD_A, S1, take.auditId))).code, 'conflict');
    assert.equal((await failure(w.service.allocation.undo(HEAD_A, S1, 'no-such-entry'))).code, 'not-found');
  });
});
