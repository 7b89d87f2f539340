// Targets with a population, levels and subject teachers: expansion, keys, previews, advice and membership following.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adviseRefusal,
  allocationTargetSchema,
  checkAllocation,
  expandTarget,
  followMembership,
  normalizeTarget,
  personFacts,
  previewByAudience,
  sameTarget,
  targetAudiences,
  targetKey,
  type AllocationTarget,
  type SchoolDirectory,
} from '../src/index.js';
import { UAI, copy, person, subscription } from './fixtures.js';

const dir: SchoolDirectory = {
  uai: UAI,
  people: [
    person('e1', 'National_elv', UAI, { mefs: [{ uai: UAI, code: 'MEF5' }] }),
    person('e2', 'National_elv', UAI, { mefs: [{ uai: UAI, code: 'MEF5' }] }),
    person('e3', 'National_elv', UAI, { mefs: [{ uai: UAI, code: '10010012110' }] }),
    person('t1', 'National_ens'),
    person('t2', 'National_ens'),
    person('d1', 'National_doc'),
  ],
  memberships: [
    { uai: UAI, groupCode: '5A', personId: 'e1' },
    { uai: UAI, groupCode: '5B', personId: 'e2' },
    { uai: UAI, groupCode: '6A', personId: 'e3' },
    { uai: UAI, groupCode: '5A', personId: 't1' },
    { uai: UAI, groupCode: '5A', personId: 'd1' },
  ],
  mefs: [{ code: 'MEF5', mefStat11: '10110001110' }],
  teachings: [
    { uai: UAI, personId: 't1', groupCode: '5A', subject: 'FRANC' },
    { uai: UAI, personId: 't2', groupCode: '5B', subject: 'FRANC' },
    { uai: UAI, personId: 't2', groupCode: '6A', subject: 'MATHS' },
    { uai: '0000000X', personId: 't1', groupCode: '6A', subject: 'MATHS' },
  ],
};
const ids = (t: AllocationTarget) => expandTarget(t, dir).map((c) => c.personId);

describe('targets with a population', () => {
  it('gives a class to its pupils unless other audiences are asked for', () => {
    assert.deepEqual(ids({ kind: 'division', code: '5A' }), ['e1']);
    assert.deepEqual(ids({ kind: 'division', code: '5A', audiences: ['ENSEIGNANT', 'ELEVE'] }), ['e1', 't1']);
    assert.deepEqual(ids({ kind: 'division', code: '5A', audiences: ['DOCUMENTALISTE'] }), ['d1']);
    assert.deepEqual(targetAudiences({ kind: 'group', code: 'G', audiences: ['ENSEIGNANT', 'ELEVE'] }), [
      'ELEVE',
      'ENSEIGNANT',
    ]);
  });

  it('gives a level to every pupil whose MEF is at it (by the school MEF table, else the code)', () => {
    assert.deepEqual(ids({ kind: 'level', mefStat4: '1011' }), ['e1', 'e2']);
    assert.deepEqual(ids({ kind: 'level', mefStat4: '1001' }), ['e3']);
    assert.deepEqual(ids({ kind: 'level', mefStat4: '2001' }), []);
  });

  it('gives the teachers of a subject in the chosen divisions only, at this school', () => {
    assert.deepEqual(ids({ kind: 'subjectTeachers', subject: 'FRANC', divisions: ['5A', '5B'] }), ['t1', 't2']);
    assert.deepEqual(ids({ kind: 'subjectTeachers', subject: 'FRANC', divisions: ['5A'] }), ['t1']);
    assert.deepEqual(ids({ kind: 'subjectTeachers', subject: 'MATHS', divisions: ['6A'] }), ['t2']);
  });

  it('keys a class of pupils as before, and tells populations apart', () => {
    assert.equal(targetKey({ kind: 'division', code: '5A' }), 'division:5A');
    assert.equal(targetKey({ kind: 'division', code: '5A', audiences: ['ELEVE'] }), 'division:5A');
    assert.equal(
      targetKey({ kind: 'division', code: '5A', audiences: ['ENSEIGNANT', 'ELEVE'] }),
      'division:5A@ELEVE+ENSEIGNANT',
    );
    assert.equal(targetKey({ kind: 'level', mefStat4: '1011' }), 'level:1011');
    assert.ok(
      sameTarget(
        { kind: 'subjectTeachers', subject: 'FRANC', divisions: ['5B', '5A'] },
        { kind: 'subjectTeachers', subject: 'FRANC', divisions: ['5A', '5B'] },
      ),
    );
    assert.ok(
      !sameTarget({ kind: 'division', code: '5A' }, { kind: 'division', code: '5A', audiences: ['ENSEIGNANT'] }),
    );
  });

  it('validates the new targets', () => {
    assert.ok(allocationTargetSchema.safeParse({ kind: 'level', mefStat4: '1011' }).success);
    assert.ok(!allocationTargetSchema.safeParse({ kind: 'level', mefStat4: '5e' }).success);
    assert.ok(!allocationTargetSchema.safeParse({ kind: 'division', code: '5A', audiences: [] }).success);
    assert.ok(
      !allocationTargetSchema.safeParse({ kind: 'division', code: '5A', audiences: ['ELEVE', 'ELEVE'] }).success,
    );
    assert.ok(!allocationTargetSchema.safeParse({ kind: 'subjectTeachers', subject: 'FR', divisions: [] }).success);
  });
});

describe('preview per audience and advice', () => {
  const sub = subscription('s', 'r', {
    licences: { kind: 'perAudience', counts: { ELEVE: 40, ENSEIGNANT: 2, DOCUMENTALISTE: 0, 'AUTRE PERSONNEL': 0 } },
    audiences: ['ELEVE', 'ENSEIGNANT'],
  });

  it('says per audience what an allocation takes and leaves', () => {
    const candidates = expandTarget(
      { kind: 'division', code: '5A', audiences: ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE'] },
      dir,
    );
    assert.deepEqual(previewByAudience(sub, [copy('s', 'e1')], candidates), [
      {
        audience: 'ELEVE',
        people: 1,
        alreadyHolding: 1,
        takes: 0,
        covered: true,
        pool: 'ELEVE',
        remainingBefore: 39,
        remainingAfter: 39,
      },
      {
        audience: 'ENSEIGNANT',
        people: 1,
        alreadyHolding: 0,
        takes: 1,
        covered: true,
        pool: 'ENSEIGNANT',
        remainingBefore: 2,
        remainingAfter: 1,
      },
      { audience: 'DOCUMENTALISTE', people: 1, alreadyHolding: 0, takes: 0, covered: false },
    ]);
  });

  it('advises giving the pupils only, fewer targets, or freeing leavers’ copies', () => {
    const copies = [copy('s', 'x1', 'ENSEIGNANT'), copy('s', 'x2', 'ENSEIGNANT')];
    const expanded = [
      expandTarget({ kind: 'division', code: '5A', audiences: ['ELEVE', 'ENSEIGNANT'] }, dir),
      expandTarget({ kind: 'division', code: '5B' }, dir),
    ];
    const fit = checkAllocation(sub, copies, expanded.flat(), { mode: 'skip-uncovered' });
    assert.equal(fit.ok, false);
    if (fit.ok) return;
    assert.deepEqual(adviseRefusal(sub, copies, expanded, fit, [copies[0]!]), [
      { kind: 'only-audience', audience: 'ELEVE', takes: 2 },
      { kind: 'fewer-targets', targetIndexes: [1] },
      { kind: 'free-copies', pool: 'ENSEIGNANT', count: 1, enough: true },
    ]);
  });

  it('advises withdrawing from an over-allocated pool, and nothing for other refusals', () => {
    const small = subscription('s', 'r', { licences: { kind: 'global', count: 1 } });
    const copies = [copy('s', 'x1'), copy('s', 'x2')];
    const fit = checkAllocation(small, copies, [{ personId: 'e1', audience: 'ELEVE' }]);
    assert.ok(!fit.ok);
    if (fit.ok) return;
    assert.deepEqual(adviseRefusal(small, copies, [[]], fit), [{ kind: 'withdraw', pool: 'GLOBAL', count: 1 }]);
    assert.deepEqual(adviseRefusal(small, copies, [[]], { ok: false, reason: 'empty_target' }), []);
  });
});

describe('membership following with the new targets', () => {
  it('gives joiners of a level a copy and takes back the copy of a pupil who left it', () => {
    const sub = subscription('s', 'r', { type: 'ETABL', licences: { kind: 'global', count: 10 } });
    const allocations = [{ id: 'lvl', target: { kind: 'level', mefStat4: '1011' } as AllocationTarget }];
    const facts = personFacts(dir);
    // e3 (6e) holds a copy from the level allocation: the feed says they are not at 1011 any more.
    const plan = followMembership(
      sub,
      allocations,
      [copy('s', 'e3', 'ELEVE', { allocationId: 'lvl' })],
      [facts.get('e1')!, facts.get('e3')!, facts.get('t1')!],
    );
    assert.deepEqual(plan.grant, [{ personId: 'e1', audience: 'ELEVE' }]);
    assert.deepEqual(plan.release, ['e3']);
    assert.equal(plan.allocationOf.get('e1'), 'lvl');
  });

  it('leaves a class’s teachers alone when the class was given to its pupils', () => {
    const sub = subscription('s', 'r', { type: 'ETABL' });
    const facts = personFacts(dir);
    const plan = followMembership(sub, [{ id: 'a', target: { kind: 'division', code: '5A' } }], [], [facts.get('t1')!]);
    assert.deepEqual(plan.grant, []);
  });
});

describe('normalizeTarget', () => {
  it('writes equal targets alike', () => {
    assert.deepEqual(normalizeTarget({ kind: 'division', code: '5A', audiences: ['ELEVE'] }), {
      kind: 'division',
      code: '5A',
    });
    assert.deepEqual(normalizeTarget({ kind: 'group', code: 'G', audiences: ['ENSEIGNANT', 'ELEVE'] }), {
      kind: 'group',
      code: 'G',
      audiences: ['ELEVE', 'ENSEIGNANT'],
    });
    assert.deepEqual(normalizeTarget({ kind: 'subjectTeachers', subject: 'F', divisions: ['5B', '5A'] }), {
      kind: 'subjectTeachers',
      subject: 'F',
      divisions: ['5A', '5B'],
    });
  });
});
