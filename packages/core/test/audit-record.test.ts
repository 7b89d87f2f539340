import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AUDIT_ACTIONS,
  auditRecordSchema,
  countByAudience,
  describeAuditTarget,
  parseTargetKey,
  readAuditRecord,
  type AuditNames,
} from '../src/index.js';

const names: AuditNames = {
  person: (id) => (id === 'e1' ? { name: 'Léa Martin', audience: 'ELEVE' } : undefined),
  group: (code) => (code === '5A' ? '5e A' : undefined),
};

const copy = (personId: string, audience: 'ELEVE' | 'ENSEIGNANT') => ({
  subscriptionId: 'ABO-1',
  uai: '0561641E',
  personId,
  audience,
  allocationId: 'AFF-1',
  assignedAt: '2026-09-01T08:00:00.000Z',
});

describe('audit records', () => {
  it('reads a record of version 2 whole, and refuses one whose kind does not match its action', () => {
    const record = {
      v: 2,
      kind: 'allocate',
      subscriptionId: 'ABO-1',
      targets: [{ kind: 'division', code: '5A' }],
      allocationIds: ['AFF-1'],
      assignedAt: '2026-09-01T08:00:00.000Z',
      granted: [{ personId: 'e1', allocationId: 'AFF-1', audience: 'ELEVE' }],
      counts: { ELEVE: 1 },
    };
    assert.deepEqual(readAuditRecord({ action: 'allocation.create', subjectId: 'ABO-1', after: record }), record);
    assert.equal(readAuditRecord({ action: 'allocation.withdraw', subjectId: 'ABO-1', after: record }), undefined);
    assert.equal(
      readAuditRecord({ action: 'allocation.create', subjectId: 'ABO-1', after: { ...record, counts: { X: 1 } } }),
      undefined,
    );
  });

  it('upgrades every shape of version 1 so that old rows still read', () => {
    const grant = readAuditRecord({
      action: 'allocation.create',
      subjectId: 'ABO-1',
      after: {
        subscriptionId: 'ABO-1',
        targets: [{ kind: 'division', code: '5A' }],
        allocationIds: ['AFF-1'],
        assignedAt: '2026-09-01T08:00:00.000Z',
        granted: [{ personId: 'e1', allocationId: 'AFF-1' }],
      },
    });
    assert.equal(grant?.kind, 'allocate');
    assert.deepEqual(grant?.targets, [{ kind: 'division', code: '5A' }]);
    const withdrawal = readAuditRecord({
      action: 'allocation.withdraw',
      subjectId: 'ABO-1',
      before: { subscriptionId: 'ABO-1', copies: [copy('e1', 'ELEVE'), copy('t1', 'ENSEIGNANT')] },
      after: { kept: [] },
    });
    assert.equal(withdrawal?.kind, 'withdraw');
    assert.deepEqual(withdrawal?.kind === 'withdraw' && withdrawal.counts, { ELEVE: 1, ENSEIGNANT: 1 });
    assert.deepEqual(
      withdrawal?.targets.map((t) => t.kind),
      ['person', 'person'],
    );
    const move = readAuditRecord({
      action: 'allocation.move',
      subjectId: 'ABO-1',
      before: { subscriptionId: 'ABO-1', copies: [copy('e1', 'ELEVE')] },
      after: {
        subscriptionId: 'ABO-1',
        targets: [{ kind: 'person', personId: 'e2' }],
        allocationIds: [],
        assignedAt: '2026-09-01T08:00:00.000Z',
        granted: [],
      },
    });
    assert.deepEqual(move?.kind === 'move' && move.releasedCounts, { ELEVE: 1 });
    assert.deepEqual(readAuditRecord({ action: 'delegation.grant', subjectId: 'prof-1', after: { uai: 'x' } }), {
      v: 2,
      kind: 'delegate',
      delegateId: 'prof-1',
      targets: [{ kind: 'person', personId: 'prof-1' }],
    });
    const undo = readAuditRecord({
      action: 'undo',
      subjectId: 'ABO-1',
      before: { auditId: 'AUD-1', action: 'allocation.create' },
    });
    assert.deepEqual(undo?.kind === 'undo' && [undo.auditId, undo.undid], ['AUD-1', 'allocate']);
    // Every upgrade is a valid record of today.
    for (const r of [grant, withdrawal, move, undo]) assert.ok(auditRecordSchema.safeParse(r).success);
  });

  it('reads nothing from rows that say too little, or from other actions', () => {
    assert.equal(
      readAuditRecord({ action: 'allocation.create', subjectId: 'x', after: { subscriptionId: 'x' } }),
      undefined,
    );
    assert.equal(readAuditRecord({ action: 'allocation.withdraw', subjectId: 'x' }), undefined);
    assert.equal(
      readAuditRecord({ action: 'undo', subjectId: 'x', before: { auditId: 'a', action: 'feed.apply' } }),
      undefined,
    );
    assert.equal(readAuditRecord({ action: 'feed.apply', subjectId: 'x', after: { v: 2 } }), undefined);
    assert.equal(AUDIT_ACTIONS.allocate, 'allocation.create');
  });

  it('names targets in one place: population, name, or the id when the directory no longer knows it', () => {
    assert.deepEqual(describeAuditTarget({ kind: 'division', code: '5A' }, names), {
      key: 'division:5A',
      kind: 'division',
      name: '5e A',
      population: ['ELEVE'],
    });
    assert.deepEqual(describeAuditTarget({ kind: 'level', mefStat4: '1011' }, names).population, ['ELEVE']);
    assert.deepEqual(parseTargetKey('division:5A@ELEVE+ENSEIGNANT'), {
      kind: 'division',
      code: '5A',
      audiences: ['ELEVE', 'ENSEIGNANT'],
    });
    assert.deepEqual(parseTargetKey('subjectTeachers:FR@5A+5B'), {
      kind: 'subjectTeachers',
      subject: 'FR',
      divisions: ['5A', '5B'],
    });
    assert.deepEqual(parseTargetKey('level:1011'), { kind: 'level', mefStat4: '1011' });
    assert.deepEqual(describeAuditTarget({ kind: 'person', personId: 'e1' }, names), {
      key: 'person:e1',
      kind: 'person',
      name: 'Léa Martin',
      population: ['ELEVE'],
    });
    assert.equal(describeAuditTarget({ kind: 'person', personId: 'gone' }, names).name, 'gone');
    assert.deepEqual(describeAuditTarget({ kind: 'audience', audience: 'ENSEIGNANT' }, names).population, [
      'ENSEIGNANT',
    ]);
    assert.equal(describeAuditTarget({ kind: 'group', code: 'LAT' }, names).name, 'LAT');
  });

  it('parses target keys back, and refuses what names no target', () => {
    assert.deepEqual(parseTargetKey('division:5A'), { kind: 'division', code: '5A' });
    assert.deepEqual(parseTargetKey('person:e1'), { kind: 'person', personId: 'e1' });
    assert.deepEqual(parseTargetKey('audience:ELEVE'), { kind: 'audience', audience: 'ELEVE' });
    for (const bad of ['5A', ':5A', 'audience:NOBODY', 'planet:earth', 'division:'])
      assert.equal(parseTargetKey(bad), undefined);
    assert.deepEqual(countByAudience([{ audience: 'ELEVE' }, {}, { audience: 'ELEVE' }]), { ELEVE: 2 });
  });
});
