import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOC_A, HEAD_A, HEAD_B, PROF_A, PUPIL_A, RESP_A, S1, S2 } from '../helpers/fixtures.js';
import { buildWorld, failure } from '../helpers/world.js';

describe('delegation of the allocation-manager role', () => {
  it('the head and RespAff managers delegate to staff of their school, and revoke; changes are audited', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const d = await w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'prof-a' });
    assert.equal(d.grantedBy, 'head-a');
    await w.service.allocation.delegate(RESP_A, S1, { delegateId: 'doc-a' });
    assert.deepEqual((await w.service.allocation.delegations(PROF_A, S1)).map((x) => x.delegateId).sort(), [
      'doc-a',
      'prof-a',
    ]);
    await w.service.allocation.revokeDelegation(RESP_A, S1, 'prof-a');
    assert.equal((await failure(w.service.allocation.delegations(PROF_A, S1))).code, 'forbidden');
    const actions = (await w.store.listAudit({ uai: S1, limit: 1000 }))
      .filter((a) => a.subjectType === 'delegation')
      .map((a) => a.action);
    assert.deepEqual(actions.sort(), ['delegation.grant', 'delegation.grant', 'delegation.revoke']);
  });

  it('refuses pupils, people of other schools, repeats, and delegation by a delegate', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    assert.equal(
      (await failure(w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'eleve-a' }))).code,
      'validation',
    );
    assert.equal(
      (await failure(w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'eleve-b' }))).code,
      'validation',
    );
    assert.equal(
      (await failure(w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'respaff-a' }))).code,
      'conflict',
    );
    await w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'prof-a' });
    assert.equal((await failure(w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'prof-a' }))).code, 'conflict');
    assert.equal((await failure(w.service.allocation.delegate(PROF_A, S1, { delegateId: 'doc-a' }))).code, 'forbidden');
    assert.equal((await failure(w.service.allocation.revokeDelegation(PROF_A, S1, 'prof-a'))).code, 'forbidden');
    assert.equal(
      (await failure(w.service.allocation.delegate(PUPIL_A, S1, { delegateId: 'doc-a' }))).code,
      'forbidden',
    );
    assert.equal((await failure(w.service.allocation.revokeDelegation(HEAD_A, S1, 'doc-a'))).code, 'not-found');
  });

  it('managers act only for their own schools', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    assert.equal(
      (await failure(w.service.allocation.delegate(HEAD_B, S1, { delegateId: 'prof-a' }))).code,
      'not-found',
    );
    assert.equal(
      (await failure(w.service.allocation.delegate(HEAD_A, S2, { delegateId: 'eleve-b' }))).code,
      'not-found',
    );
    assert.equal((await failure(w.service.allocation.delegations(HEAD_A, '0000003A'))).code, 'forbidden');
    assert.equal(
      (
        await failure(
          w.service.allocation.delegate({ kind: 'operator', operatorId: 'o' }, S1, { delegateId: 'prof-a' }),
        )
      ).code,
      'forbidden',
    );
    assert.equal((await failure(w.service.allocation.delegate(HEAD_B, S2, { delegateId: 'head-b' }))).code, 'conflict');
    assert.equal((await w.service.allocation.delegations(HEAD_B, S2)).length, 0);
  });

  it('a delegation change can be undone by a manager, not by a delegate', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const g = await w.service.allocation.delegate(HEAD_A, S1, { delegateId: 'doc-a' });
    assert.equal((await failure(w.service.allocation.undo(DOC_A, S1, g.auditId))).code, 'forbidden');
    await w.service.allocation.undo(HEAD_A, S1, g.auditId);
    assert.equal((await failure(w.service.allocation.delegations(DOC_A, S1))).code, 'forbidden');
  });
});
