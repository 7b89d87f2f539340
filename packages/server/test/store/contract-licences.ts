import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContractContext } from './contract.js';
import { rejectsAsMisuse, rejectsWithCode } from './contract-assert.js';
import {
  COLLEGE,
  DISTRIBUTOR,
  LYCEE,
  RESOURCE,
  allocation,
  auditEntry,
  copy,
  collegeSubscription,
} from './fixtures.js';
import { subscription } from '../helpers/fixtures.js';

export function licenceContract({ withStore }: ContractContext): void {
  test('two distributors may use one subscription id: the later one is keyed `id distributor`, copies follow the key', () =>
    withStore(async (store) => {
      const first = subscription({ ...collegeSubscription, id: 'ABO-PARTAGE' });
      const second = subscription({
        ...collegeSubscription,
        id: 'ABO-PARTAGE Y_0000000000000009',
        distributorId: 'Y_0000000000000009',
      });
      await store.insertSubscription(first);
      await store.insertSubscription(second);
      assert.deepEqual(await store.getSubscription(first.id), first);
      assert.deepEqual(await store.getSubscription(second.id), second);
      assert.deepEqual(
        (await store.listSubscriptions({ distributorIds: ['Y_0000000000000009'] })).map((s) => s.id),
        [second.id],
      );
      await store.insertCopies([copy('eleve-1', { subscriptionId: second.id })]);
      assert.equal((await store.listCopies({ subscriptionId: first.id })).length, 0);
      assert.equal((await store.listCopies({ subscriptionId: second.id })).length, 1);
    }));

  test('a subscription is inserted once (deleted ones included), updated only when it exists', () =>
    withStore(async (store) => {
      const sub = subscription(collegeSubscription);
      await store.insertSubscription(sub);
      assert.deepEqual(await store.getSubscription(sub.id), sub);
      await rejectsWithCode(store.insertSubscription({ ...sub, comment: 'autre' }), 'conflict');
      const deleted = { ...sub, deletedAt: '2026-01-10T10:00:00.000Z', updatedAt: '2026-01-10T10:00:00.000Z' };
      await store.updateSubscription(deleted);
      assert.deepEqual(await store.getSubscription(sub.id), deleted);
      await rejectsWithCode(store.insertSubscription(sub), 'conflict');
      await rejectsWithCode(
        store.updateSubscription(subscription({ ...collegeSubscription, id: 'ABO-INCONNU' })),
        'not-found',
      );
      assert.equal(await store.getSubscription('ABO-INCONNU'), undefined);
      // Per-audience counts with ILLIMITE survive the round trip.
      const perAudience = subscription({
        ...collegeSubscription,
        id: 'ABO-2026-0002',
        licences: {
          kind: 'perAudience',
          counts: { ELEVE: 120, ENSEIGNANT: 'ILLIMITE', DOCUMENTALISTE: 2, 'AUTRE PERSONNEL': 0 },
        },
        audiences: ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE'],
        comment: undefined,
        projectCode: undefined,
        endSchoolYear: undefined,
      });
      await store.insertSubscription(perAudience);
      const { comment: _c, projectCode: _p, endSchoolYear: _e, ...stored } = perAudience;
      assert.deepEqual(await store.getSubscription(perAudience.id), stored);
    }));

  test('subscriptions list by school, distributor, resource and project, sorted and paged', () =>
    withStore(async (store) => {
      const subs = [
        subscription({
          ...collegeSubscription,
          id: 'ABO-C',
          validUntil: '2027-08-15T23:59:59+02:00',
          createdAt: '2025-08-22T09:00:00.000Z',
        }),
        // 22:30 in Paris is 20:30Z, before B's 21:59:59Z although its text sorts after: order follows instants.
        subscription({
          ...collegeSubscription,
          id: 'ABO-A',
          validUntil: '2026-08-15T22:30:00+02:00',
          createdAt: '2025-08-21T09:00:00.000Z',
        }),
        subscription({
          ...collegeSubscription,
          id: 'ABO-B',
          validUntil: '2026-08-15T21:59:59Z',
          createdAt: '2025-08-23T09:00:00.000Z',
          projectCode: 'AUTRE',
        }),
        subscription({
          ...collegeSubscription,
          id: 'ABO-D',
          uai: LYCEE,
          distributorId: '400000000_0000000000000001',
          resourceId: 'ark:/67890/dico',
        }),
        subscription({ ...collegeSubscription, id: 'ABO-E', deletedAt: '2026-01-01T00:00:00.000Z' }),
      ];
      for (const s of subs) await store.insertSubscription(s);
      const ids = async (q: Parameters<typeof store.listSubscriptions>[0]) =>
        (await store.listSubscriptions(q)).map((s) => s.id);
      assert.deepEqual(await ids({ uai: COLLEGE }), ['ABO-A', 'ABO-B', 'ABO-C']);
      assert.deepEqual(await ids({ uai: COLLEGE, includeDeleted: true }), ['ABO-A', 'ABO-B', 'ABO-C', 'ABO-E']);
      assert.deepEqual(await ids({ uai: COLLEGE, sortBy: 'validUntil' }), ['ABO-A', 'ABO-B', 'ABO-C']);
      assert.deepEqual(await ids({ uai: COLLEGE, sortBy: 'validUntil', order: 'DESC' }), ['ABO-C', 'ABO-B', 'ABO-A']);
      assert.deepEqual(await ids({ sortBy: 'createdAt', uai: COLLEGE }), ['ABO-A', 'ABO-C', 'ABO-B']);
      assert.deepEqual(await ids({ order: 'DESC' }), ['ABO-D', 'ABO-C', 'ABO-B', 'ABO-A']);
      assert.deepEqual(await ids({ offset: 1, limit: 2 }), ['ABO-B', 'ABO-C']);
      assert.deepEqual(await ids({ distributorId: DISTRIBUTOR }), ['ABO-A', 'ABO-B', 'ABO-C']);
      assert.deepEqual(await ids({ distributorIds: ['400000000_0000000000000001', 'inconnu'] }), ['ABO-D']);
      assert.deepEqual(await ids({ distributorIds: [] }), []);
      assert.deepEqual(await ids({ resourceId: 'ark:/67890/dico' }), ['ABO-D']);
      assert.deepEqual(await ids({ projectCode: 'AUTRE' }), ['ABO-B']);
      assert.deepEqual(await ids({ resourceId: RESOURCE, uai: LYCEE }), []);
      assert.equal(await store.countSubscriptions({ uai: COLLEGE }), 3);
      assert.equal(await store.countSubscriptions({ includeDeleted: true }), 5);
      assert.equal(await store.countSubscriptions({ distributorIds: [DISTRIBUTOR] }), 3);
    }));

  test('lockSubscription reads the subscription inside a transaction and is refused outside', () =>
    withStore(async (store) => {
      await store.insertSubscription(subscription(collegeSubscription));
      await rejectsAsMisuse(store.lockSubscription('ABO-2026-0001'));
      const locked = await store.transaction(async (tx) => [
        await tx.lockSubscription('ABO-2026-0001'),
        await tx.lockSubscription('ABO-ABSENT'),
      ]);
      assert.deepEqual(locked, [subscription(collegeSubscription), undefined]);
    }));

  test('allocations: insert once, filter by target, archive and unarchive', () =>
    withStore(async (store) => {
      const a3A = allocation();
      const aEns = allocation({
        id: 'AFF-0002',
        target: { kind: 'audience', audience: 'ENSEIGNANT' },
        createdAt: '2025-09-01T08:00:00.000Z',
      });
      const aLea = allocation({
        id: 'AFF-0003',
        target: { kind: 'person', personId: 'eleve-000123' },
        subscriptionId: 'ABO-2026-0002',
      });
      const aLycee = allocation({
        id: 'AFF-0004',
        uai: LYCEE,
        subscriptionId: 'ABO-LYCEE',
        target: { kind: 'group', code: '3A' },
      });
      for (const a of [a3A, aEns, aLea, aLycee]) await store.insertAllocation(a);
      await rejectsWithCode(store.insertAllocation({ ...a3A, createdBy: 'ens-000042' }), 'conflict');
      assert.deepEqual(await store.getAllocation('AFF-0001'), a3A);
      assert.equal(await store.getAllocation('AFF-ABSENT'), undefined);
      const ids = async (f: Parameters<typeof store.listAllocations>[0]) =>
        (await store.listAllocations(f)).map((a) => a.id);
      assert.deepEqual(await ids({ uai: COLLEGE }), ['AFF-0002', 'AFF-0001', 'AFF-0003']);
      assert.deepEqual(await ids({ subscriptionId: 'ABO-2026-0001' }), ['AFF-0002', 'AFF-0001']);
      assert.deepEqual(await ids({ uai: COLLEGE, target: { kind: 'division', code: '3A' } }), ['AFF-0001']);
      assert.deepEqual(await ids({ target: { kind: 'group', code: '3A' } }), ['AFF-0004']);
      assert.deepEqual(await ids({ target: { kind: 'person', personId: 'eleve-000123' } }), ['AFF-0003']);
      assert.deepEqual(await ids({ target: { kind: 'audience', audience: 'ELEVE' } }), []);

      await store.archiveAllocation('AFF-0001', '2026-08-16T00:00:00.000Z');
      assert.deepEqual(await ids({ uai: COLLEGE }), ['AFF-0002', 'AFF-0003']);
      assert.deepEqual(await ids({ uai: COLLEGE, includeArchived: true }), ['AFF-0002', 'AFF-0001', 'AFF-0003']);
      assert.equal((await store.getAllocation('AFF-0001'))?.archivedAt, '2026-08-16T00:00:00.000Z');
      await store.unarchiveAllocation('AFF-0001');
      assert.deepEqual(await store.getAllocation('AFF-0001'), a3A);
      await rejectsWithCode(store.archiveAllocation('AFF-ABSENT', '2026-08-16T00:00:00.000Z'), 'not-found');
      await rejectsWithCode(store.unarchiveAllocation('AFF-ABSENT'), 'not-found');
    }));

  test('licence copies: one per person and subscription, all or nothing, counted per audience', () =>
    withStore(async (store) => {
      const teacher = copy('ens-000042', { audience: 'ENSEIGNANT', allocationId: 'AFF-0002' });
      await store.insertCopies([copy('eleve-000123'), copy('eleve-000124'), teacher]);
      await store.insertCopies([copy('eleve-000123', { subscriptionId: 'ABO-LYCEE', uai: LYCEE })]);
      await store.insertCopies([]);
      // One copy already held: the whole batch is refused and nothing of it is written.
      await rejectsWithCode(store.insertCopies([copy('eleve-000125'), copy('eleve-000123')]), 'conflict');
      assert.deepEqual(
        (await store.listCopies({ subscriptionId: 'ABO-2026-0001' })).map((c) => c.personId),
        ['eleve-000123', 'eleve-000124', 'ens-000042'],
      );
      // A batch naming the same person twice is refused too.
      await rejectsWithCode(store.insertCopies([copy('eleve-000126'), copy('eleve-000126')]), 'conflict');
      assert.deepEqual(await store.listCopies({ personId: 'eleve-000126' }), []);

      assert.deepEqual(await store.countCopies('ABO-2026-0001'), { ELEVE: 2, ENSEIGNANT: 1 });
      assert.deepEqual(await store.countCopies('ABO-ABSENT'), {});
      assert.deepEqual(await store.listCopies({ personId: 'eleve-000123' }), [
        copy('eleve-000123'),
        copy('eleve-000123', { subscriptionId: 'ABO-LYCEE', uai: LYCEE }),
      ]);
      assert.deepEqual(
        (await store.listCopies({ uai: LYCEE })).map((c) => c.subscriptionId),
        ['ABO-LYCEE'],
      );
      assert.deepEqual(await store.listCopies({ uai: COLLEGE, personId: 'ens-000042' }), [teacher]);

      await store.markCopyOpened('ABO-2026-0001', 'eleve-000123', '2025-09-03T10:00:00.000Z');
      await store.markCopyOpened('ABO-2026-0001', 'eleve-000123', '2025-09-04T10:00:00.000Z');
      await store.markCopyOpened('ABO-2026-0001', 'eleve-absent', '2025-09-04T10:00:00.000Z');
      assert.equal(
        (await store.listCopies({ personId: 'eleve-000123', uai: COLLEGE }))[0]?.firstOpenedAt,
        '2025-09-03T10:00:00.000Z',
      );

      assert.equal(await store.deleteCopies('ABO-2026-0001', ['eleve-000124', 'ens-000042', 'eleve-absent']), 2);
      assert.equal(await store.deleteCopies('ABO-2026-0001', []), 0);
      assert.deepEqual(await store.countCopies('ABO-2026-0001'), { ELEVE: 1 });
      // Withdrawn copies can be given again.
      await store.insertCopies([copy('eleve-000124')]);
      assert.deepEqual(await store.countCopies('ABO-2026-0001'), { ELEVE: 2 });
    }));

  test('delegations: put, list, revoke once', () =>
    withStore(async (store) => {
      const d = {
        uai: COLLEGE,
        delegateId: 'doc-000007',
        grantedBy: 'dir-000001',
        grantedAt: '2025-09-05T12:00:00.000Z',
      };
      await store.putDelegation(d);
      await store.putDelegation({ ...d, uai: LYCEE, delegateId: 'ens-000042' });
      assert.deepEqual(await store.listDelegations({ uai: COLLEGE }), [d]);
      assert.deepEqual(
        (await store.listDelegations({ delegateId: 'ens-000042' })).map((x) => x.uai),
        [LYCEE],
      );
      assert.equal(await store.revokeDelegation(COLLEGE, 'doc-000007', '2025-10-01T12:00:00.000Z'), true);
      assert.equal(await store.revokeDelegation(COLLEGE, 'doc-000007', '2025-10-02T12:00:00.000Z'), false);
      assert.equal(await store.revokeDelegation(COLLEGE, 'personne', '2025-10-02T12:00:00.000Z'), false);
      assert.deepEqual(await store.listDelegations({ uai: COLLEGE }), []);
      assert.deepEqual(await store.listDelegations({ uai: COLLEGE, includeRevoked: true }), [
        { ...d, revokedAt: '2025-10-01T12:00:00.000Z' },
      ]);
      // Granting again replaces the revoked row.
      await store.putDelegation(d);
      assert.deepEqual(await store.listDelegations({ uai: COLLEGE }), [d]);
    }));

  test('audit trail: appended once, most recent first, filtered, marked undone', () =>
    withStore(async (store) => {
      await store.appendAudit(auditEntry());
      await store.appendAudit(
        auditEntry({ id: 'AUD-0002', at: '2025-09-03T08:00:00.000Z', subjectId: 'AFF-0002', before: { n: 1 } }),
      );
      // Written with an offset: 10:30+02:00 is after 08:00Z on the same day.
      await store.appendAudit(
        auditEntry({ id: 'AUD-0003', at: '2025-09-03T10:30:00+02:00', action: 'allocation.undo' }),
      );
      await store.appendAudit(auditEntry({ id: 'AUD-0004', uai: LYCEE }));
      // A JSON null is a value (a field that was empty before), not the absence of one.
      const created = auditEntry({ id: 'AUD-0005', uai: LYCEE, before: null, after: { comment: null, n: [1, null] } });
      await store.appendAudit(created);
      assert.deepEqual(await store.getAudit('AUD-0005'), created);
      await rejectsWithCode(store.appendAudit(auditEntry()), 'conflict');
      const ids = async (f: Parameters<typeof store.listAudit>[0]) => (await store.listAudit(f)).map((a) => a.id);
      assert.deepEqual(await ids({ uai: COLLEGE }), ['AUD-0003', 'AUD-0002', 'AUD-0001']);
      assert.deepEqual(await ids({ uai: COLLEGE, limit: 2 }), ['AUD-0003', 'AUD-0002']);
      assert.deepEqual(await ids({ uai: COLLEGE, before: '2025-09-03T08:30:00Z' }), ['AUD-0002', 'AUD-0001']);
      assert.deepEqual(await ids({ uai: COLLEGE, subjectId: 'AFF-0001' }), ['AUD-0003', 'AUD-0001']);
      assert.deepEqual(await store.getAudit('AUD-0001'), auditEntry());
      await store.markAuditUndone('AUD-0001', 'AUD-0003');
      assert.equal((await store.getAudit('AUD-0001'))?.undoneBy, 'AUD-0003');
      await rejectsWithCode(store.markAuditUndone('AUD-ABSENT', 'AUD-0003'), 'not-found');
      assert.equal(await store.getAudit('AUD-ABSENT'), undefined);
    }));

  test('audit trail: filters by author, target and date range, and resumes after an entry (ties by id)', () =>
    withStore(async (store) => {
      const at = '2025-09-04T08:00:00.000Z';
      const div3A = { kind: 'division', code: '3A' } as const;
      const person = { kind: 'person', personId: 'ele-000001' } as const;
      await store.appendAuditEntries([
        auditEntry({ id: 'AUD-A', at, after: { v: 2, targets: [div3A, person] } }),
        auditEntry({ id: 'AUD-B', at, actor: 'dir-000002', after: { v: 2, targets: [person] } }),
        auditEntry({ id: 'AUD-C', at: '2025-09-04T09:00:00+02:00', after: { v: 2, targets: [div3A] } }),
        auditEntry({ id: 'AUD-D', at: '2025-09-05T08:00:00.000Z', after: { targets: 'not a list' } }),
        auditEntry({ id: 'AUD-E', uai: LYCEE, at, after: { v: 2, targets: [div3A] } }),
      ]);
      const ids = async (f: Omit<Parameters<typeof store.listAudit>[0], 'uai'>) =>
        (await store.listAudit({ uai: COLLEGE, ...f })).map((a) => a.id);
      assert.deepEqual(await ids({}), ['AUD-D', 'AUD-B', 'AUD-A', 'AUD-C']);
      assert.deepEqual(await ids({ target: div3A }), ['AUD-A', 'AUD-C']);
      assert.deepEqual(await ids({ target: person }), ['AUD-B', 'AUD-A']);
      assert.deepEqual(await ids({ target: { kind: 'group', code: '3A' } }), []);
      assert.deepEqual(await ids({ actor: 'dir-000002' }), ['AUD-B']);
      // `from` included, `to` excluded, offsets compared as instants (09:00+02:00 is 07:00Z).
      assert.deepEqual(await ids({ from: at, to: '2025-09-05T08:00:00Z' }), ['AUD-B', 'AUD-A']);
      assert.deepEqual(await ids({ from: '2025-09-04T07:00:00Z', to: at }), ['AUD-C']);
      // Resuming after AUD-B (same instant as AUD-A): AUD-A comes next, nothing is seen twice.
      assert.deepEqual(await ids({ after: { at, id: 'AUD-B' }, limit: 2 }), ['AUD-A', 'AUD-C']);
      assert.deepEqual(await ids({ after: { at: '2025-09-05T10:00:00+02:00', id: 'AUD-D' } }), [
        'AUD-B',
        'AUD-A',
        'AUD-C',
      ]);
      assert.deepEqual(await ids({ subjectId: 'AFF-0001', actor: 'dir-000001', target: div3A }), ['AUD-A', 'AUD-C']);
    }));

  test('allocations and audit entries in batches: all or nothing', () =>
    withStore(async (store) => {
      const a1 = allocation({ id: 'AFF-B1' });
      const a2 = allocation({ id: 'AFF-B2', target: { kind: 'person', personId: 'eleve-000123' } });
      await store.insertAllocations([a1, a2]);
      assert.deepEqual(await store.getAllocation('AFF-B2'), a2);
      // One existing id refuses the whole batch: the new one is not written either.
      await rejectsWithCode(store.insertAllocations([allocation({ id: 'AFF-B3' }), a1]), 'conflict');
      assert.equal(await store.getAllocation('AFF-B3'), undefined);
      await rejectsWithCode(
        store.insertAllocations([allocation({ id: 'AFF-B4' }), allocation({ id: 'AFF-B4' })]),
        'conflict',
      );
      assert.equal(await store.getAllocation('AFF-B4'), undefined);
      await store.insertAllocations([]);

      const e1 = auditEntry({ id: 'AUD-B1' });
      const e2 = auditEntry({ id: 'AUD-B2', at: '2025-09-03T08:00:00.000Z', before: null });
      await store.appendAuditEntries([e1, e2]);
      assert.deepEqual(await store.getAudit('AUD-B2'), e2);
      await rejectsWithCode(store.appendAuditEntries([auditEntry({ id: 'AUD-B3' }), e2]), 'conflict');
      assert.equal(await store.getAudit('AUD-B3'), undefined);
      await store.appendAuditEntries([]);
      assert.deepEqual(
        (await store.listAudit({ uai: COLLEGE })).map((a) => a.id),
        ['AUD-B2', 'AUD-B1'],
      );
    }));

  test('favourites keep their order per person', () =>
    withStore(async (store) => {
      assert.deepEqual(await store.getFavourites('ENT-BRETAGNE', 'eleve-000123'), []);
      await store.setFavourites('ENT-BRETAGNE', 'eleve-000123', [RESOURCE, 'ark:/67890/dico']);
      await store.setFavourites('ENT-BRETAGNE', 'eleve-000124', ['ark:/67890/dico']);
      assert.deepEqual(await store.getFavourites('ENT-BRETAGNE', 'eleve-000123'), [RESOURCE, 'ark:/67890/dico']);
      await store.setFavourites('ENT-BRETAGNE', 'eleve-000123', ['ark:/67890/dico', RESOURCE]);
      assert.deepEqual(await store.getFavourites('ENT-BRETAGNE', 'eleve-000123'), ['ark:/67890/dico', RESOURCE]);
      await store.setFavourites('ENT-BRETAGNE', 'eleve-000123', []);
      assert.deepEqual(await store.getFavourites('ENT-BRETAGNE', 'eleve-000123'), []);
      assert.deepEqual(await store.getFavourites('ENT-BRETAGNE', 'eleve-000124'), ['ark:/67890/dico']);
    }));
}
