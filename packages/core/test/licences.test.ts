import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkAllocation,
  checkWithdrawal,
  expandTarget,
  isOverAllocated,
  licenceUsage,
  planMembershipChange,
  poolFor,
  targetKey,
  type Candidate,
} from '../src/index.js';
import { UAI, copy, person, subscription } from './fixtures.js';

const pupils = (n: number, from = 0): Candidate[] =>
  Array.from({ length: n }, (_, i) => ({ personId: `e${from + i}`, audience: 'ELEVE' as const }));

describe('licence accounting', () => {
  it('uses one global pool across audiences with nbLicenceGlobale', () => {
    const sub = subscription('s', 'r', { licences: { kind: 'global', count: 3 } });
    assert.equal(poolFor(sub, 'ELEVE'), 'GLOBAL');
    assert.equal(poolFor(sub, 'DOCUMENTALISTE'), undefined);
    assert.deepEqual(licenceUsage(sub, [copy('s', 'e1'), copy('s', 't1', 'ENSEIGNANT')]), [
      { pool: 'GLOBAL', licences: 3, used: 2, remaining: 1 },
    ]);
  });

  it('uses one pool per audience with the four counts', () => {
    const sub = subscription('s', 'r', {
      licences: {
        kind: 'perAudience',
        counts: { ELEVE: 2, ENSEIGNANT: 'ILLIMITE', DOCUMENTALISTE: 0, 'AUTRE PERSONNEL': 0 },
      },
    });
    const fit = checkAllocation(sub, [copy('s', 'e1')], [...pupils(1, 5), { personId: 't1', audience: 'ENSEIGNANT' }]);
    assert.equal(fit.ok, true);
    const over = checkAllocation(sub, [copy('s', 'e1')], pupils(2, 5));
    assert.deepEqual(over, { ok: false, reason: 'insufficient_licences', pool: 'ELEVE', requested: 2, remaining: 1 });
  });

  it('is all or nothing: a division of 30 does not fit in 10 remaining copies', () => {
    const sub = subscription('s', 'r', { licences: { kind: 'global', count: 10 } });
    const r = checkAllocation(sub, [], pupils(30));
    assert.deepEqual(r, { ok: false, reason: 'insufficient_licences', pool: 'GLOBAL', requested: 30, remaining: 10 });
  });

  it('never charges a person twice', () => {
    const sub = subscription('s', 'r', { licences: { kind: 'global', count: 2 } });
    const r = checkAllocation(sub, [copy('s', 'e0')], [...pupils(2), ...pupils(2)]);
    assert.ok(r.ok);
    assert.deepEqual(r.grant, [{ personId: 'e1', audience: 'ELEVE' }]);
    assert.deepEqual(r.alreadyHolding, ['e0']);
    assert.deepEqual(r.consumption, [{ pool: 'GLOBAL', count: 1 }]);
  });

  it('ILLIMITE never runs out', () => {
    const sub = subscription('s', 'r', { licences: { kind: 'global', count: 'ILLIMITE' } });
    const r = checkAllocation(sub, [], pupils(5000));
    assert.ok(r.ok);
    assert.equal(r.grant.length, 5000);
  });

  it('refuses audiences outside publicCible in strict mode, skips them on request', () => {
    const sub = subscription('s', 'r', { audiences: ['ELEVE'] });
    const mixed = [...pupils(2), { personId: 't1', audience: 'ENSEIGNANT' as const }];
    assert.deepEqual(checkAllocation(sub, [], mixed), {
      ok: false,
      reason: 'audience_not_covered',
      audience: 'ENSEIGNANT',
      personIds: ['t1'],
    });
    const skip = checkAllocation(sub, [], mixed, { mode: 'skip-uncovered' });
    assert.ok(skip.ok);
    assert.equal(skip.grant.length, 2);
  });

  it('refuses people not at the school and empty targets', () => {
    const sub = subscription('s', 'r');
    assert.deepEqual(checkAllocation(sub, [], [{ personId: 'gone', audience: undefined }]), {
      ok: false,
      reason: 'not_at_school',
      personIds: ['gone'],
    });
    assert.deepEqual(checkAllocation(sub, [], []), { ok: false, reason: 'empty_target' });
  });

  it('an over-allocated subscription takes no new copies but keeps the existing ones', () => {
    const sub = subscription('s', 'r', { licences: { kind: 'global', count: 1 } });
    const copies = [copy('s', 'e1'), copy('s', 'e2')];
    assert.equal(isOverAllocated(sub, copies), true);
    assert.deepEqual(checkAllocation(sub, copies, pupils(1, 9)), {
      ok: false,
      reason: 'over_allocated',
      pool: 'GLOBAL',
      used: 2,
      licences: 1,
    });
    assert.equal(licenceUsage(sub, copies)[0]!.remaining, -1);
  });

  it('withdrawal: transferable always; non transferable only before first opening', () => {
    assert.deepEqual(checkWithdrawal({ category: 'transferable' }, { firstOpenedAt: '2026-09-03T10:00:00Z' }), {
      ok: true,
    });
    assert.deepEqual(checkWithdrawal({ category: 'non transferable' }, {}), { ok: true });
    assert.deepEqual(checkWithdrawal({ category: 'non transferable' }, { firstOpenedAt: '2026-09-03T10:00:00Z' }), {
      ok: false,
      reason: 'non_transferable_opened',
      openedAt: '2026-09-03T10:00:00Z',
    });
  });
});

describe('ETABL allocations follow membership', () => {
  const sub = subscription('s', 'r', {
    type: 'ETABL',
    category: 'non transferable',
    licences: { kind: 'global', count: 3 },
  });

  it('grants newcomers while the pool lasts and reports the rest beyond the pool', () => {
    const plan = planMembershipChange(sub, [copy('s', 'e0'), copy('s', 'e1')], pupils(3, 2), []);
    assert.deepEqual(
      plan.grant.map((g) => g.personId),
      ['e2'],
    );
    assert.deepEqual(
      plan.beyondPool.map((g) => g.personId),
      ['e3', 'e4'],
    );
  });

  it('releases leavers, except opened non-transferable copies, and reuses the freed copies', () => {
    const copies = [
      copy('s', 'e0', 'ELEVE', { firstOpenedAt: '2026-09-05T08:00:00Z' }),
      copy('s', 'e1'),
      copy('s', 'e2'),
    ];
    const plan = planMembershipChange(sub, copies, pupils(2, 10), ['e0', 'e1']);
    assert.deepEqual(plan.keep, ['e0']);
    assert.deepEqual(plan.release, ['e1']);
    assert.deepEqual(
      plan.grant.map((g) => g.personId),
      ['e10'],
    );
    assert.deepEqual(
      plan.beyondPool.map((g) => g.personId),
      ['e11'],
    );
  });

  it('refuses INDIV subscriptions (snapshots)', () => {
    assert.throws(() => planMembershipChange({ ...sub, type: 'INDIV' }, [], [], []), TypeError);
  });
});

describe('targets', () => {
  const dir = {
    uai: UAI,
    people: [
      person('e1', 'National_elv'),
      person('e2', 'National_elv'),
      person('t1', 'National_ens'),
      person('d1', 'National_doc'),
    ],
    memberships: [
      { uai: UAI, groupCode: '3A', personId: 'e1' },
      { uai: UAI, groupCode: '3A', personId: 't1' },
      { uai: UAI, groupCode: '3A', personId: 'e1' },
      { uai: '0000000X', groupCode: '3A', personId: 'e2' },
    ],
  };

  it('expands an audience, a division, a group and a person', () => {
    assert.deepEqual(
      expandTarget({ kind: 'audience', audience: 'ELEVE' }, dir).map((c) => c.personId),
      ['e1', 'e2'],
    );
    // A class is its pupils unless its teachers are asked for.
    assert.deepEqual(expandTarget({ kind: 'division', code: '3A' }, dir), [{ personId: 'e1', audience: 'ELEVE' }]);
    assert.deepEqual(expandTarget({ kind: 'division', code: '3A', audiences: ['ELEVE', 'ENSEIGNANT'] }, dir), [
      { personId: 'e1', audience: 'ELEVE' },
      { personId: 't1', audience: 'ENSEIGNANT' },
    ]);
    assert.deepEqual(expandTarget({ kind: 'division', code: '3A', audiences: ['ENSEIGNANT'] }, dir), [
      { personId: 't1', audience: 'ENSEIGNANT' },
    ]);
    assert.deepEqual(expandTarget({ kind: 'person', personId: 'nobody' }, dir), [
      { personId: 'nobody', audience: undefined },
    ]);
    assert.equal(targetKey({ kind: 'group', code: 'LV2-ESP' }), 'group:LV2-ESP');
  });
});

describe('over-allocation and membership', () => {
  it('grants no joiner in any pool while one pool is over-allocated', () => {
    const sub = subscription('s', 'r', {
      type: 'ETABL',
      audiences: ['ELEVE', 'DOCUMENTALISTE'],
      licences: {
        kind: 'perAudience',
        counts: { ELEVE: 0, ENSEIGNANT: 0, DOCUMENTALISTE: 'ILLIMITE', 'AUTRE PERSONNEL': 0 },
      },
    });
    const plan = planMembershipChange(sub, [copy('s', 'e0')], [{ personId: 'd1', audience: 'DOCUMENTALISTE' }], []);
    assert.deepEqual(plan.grant, []);
    assert.deepEqual(plan.beyondPool, [{ personId: 'd1', audience: 'DOCUMENTALISTE', pool: 'DOCUMENTALISTE' }]);
  });
});
