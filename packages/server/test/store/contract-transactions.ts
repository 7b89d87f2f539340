import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/index.js';
import type { ContractContext } from './contract.js';
import { rejectsAsMisuse, rejectsWithCode } from './contract-assert.js';
import { COLLEGE, ENT_ID, allocation, auditEntry, copy, people, collegeSubscription } from './fixtures.js';
import { subscription } from '../helpers/fixtures.js';

const SUB = 'ABO-2026-0001';
const LICENCES = 10;

/** The allocation step the service runs per person: lock, count, give a copy only while one is left. */
function allocateOne(store: Store, personId: string): Promise<boolean> {
  return store.transaction(async (tx) => {
    const sub = await tx.lockSubscription(SUB);
    assert.ok(sub);
    const used = Object.values(await tx.countCopies(SUB)).reduce((a, b) => a + b, 0);
    // Give every other caller the chance to run between the count and the insert: only the lock prevents overuse.
    await new Promise((resolve) => setImmediate(resolve));
    if (used >= LICENCES) return false;
    await tx.insertCopies([copy(personId, { allocationId: `AFF-${personId}` })]);
    return true;
  });
}

class Boom extends Error {}

export function transactionContract({ withStore, openAnother }: ContractContext): void {
  test('a transaction commits every write together and returns what fn returns', () =>
    withStore(async (store) => {
      const result = await store.transaction(async (tx) => {
        await tx.insertSubscription(subscription(collegeSubscription));
        await tx.insertAllocation(allocation());
        await tx.insertCopies([copy('eleve-000123'), copy('eleve-000124')]);
        await tx.appendAudit(auditEntry());
        // Reads inside see the transaction's own writes.
        assert.equal((await tx.getSubscription(SUB))?.id, SUB);
        return tx.countCopies(SUB);
      });
      assert.deepEqual(result, { ELEVE: 2 });
      assert.equal((await store.getAllocation('AFF-0001'))?.id, 'AFF-0001');
      assert.equal((await store.listAudit({ uai: COLLEGE })).length, 1);
    }));

  test('a throw in the middle leaves nothing written, updates and deletions included', () =>
    withStore(async (store) => {
      const lea = people[0]!;
      await store.putPerson(lea);
      await store.insertSubscription(subscription(collegeSubscription));
      await store.insertCopies([copy('eleve-000123')]);
      await store.putSetting('issuer', 'https://gar.ac-rennes.fr');
      await store.putTicket({ id: 'ST-1', kind: 'cas', payload: { a: 1 }, expiresAt: '2030-01-01T00:00:00Z' });
      const error = new Boom('stop');
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.updateSubscription(
            subscription({
              ...collegeSubscription,
              licences: { kind: 'global', count: 2 },
              updatedAt: '2026-01-01T00:00:00.000Z',
            }),
          );
          await tx.insertAllocation(allocation());
          await tx.insertCopies([copy('eleve-000124'), copy('eleve-000125')]);
          await tx.deleteCopies(SUB, ['eleve-000123']);
          await tx.putPerson({ ...lea, lastName: 'Le Goff-Riou' });
          await tx.deletePerson(ENT_ID, 'absent');
          await tx.putSetting('issuer', 'https://autre.example');
          await tx.consumeTicket('ST-1', 'cas', '2026-01-01T00:00:00Z');
          await tx.useOnce('jti', 'k', '2030-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
          await tx.appendAudit(auditEntry());
          throw error;
        }),
        (e) => e === error,
      );
      assert.deepEqual(await store.getSubscription(SUB), subscription(collegeSubscription));
      assert.equal(await store.getAllocation('AFF-0001'), undefined);
      assert.deepEqual(
        (await store.listCopies({ subscriptionId: SUB })).map((c) => c.personId),
        ['eleve-000123'],
      );
      assert.deepEqual(await store.getPerson(ENT_ID, lea.id), lea);
      assert.deepEqual((await store.listPeople({ uai: COLLEGE, search: 'riou' })).length, 0);
      assert.equal(await store.getSetting('issuer'), 'https://gar.ac-rennes.fr');
      assert.equal((await store.consumeTicket('ST-1', 'cas', '2026-01-01T00:00:00Z'))?.id, 'ST-1');
      assert.equal(await store.useOnce('jti', 'k', '2030-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), true);
      assert.deepEqual(await store.listAudit({ uai: COLLEGE }), []);
    }));

  test('a store error caught inside a transaction leaves it usable, and its other writes commit', () =>
    withStore(async (store) => {
      await store.insertSubscription(subscription(collegeSubscription));
      await store.insertCopies([copy('eleve-000123')]);
      await store.transaction(async (tx) => {
        await tx.insertCopies([copy('eleve-000124')]);
        await rejectsWithCode(tx.insertCopies([copy('eleve-000125'), copy('eleve-000123')]), 'conflict');
        await rejectsWithCode(tx.insertSubscription(subscription(collegeSubscription)), 'conflict');
        await rejectsWithCode(
          tx.updateSubscription(subscription({ ...collegeSubscription, id: 'ABO-ABSENT' })),
          'not-found',
        );
        await tx.insertCopies([copy('eleve-000126')]);
      });
      assert.deepEqual(
        (await store.listCopies({ subscriptionId: SUB })).map((c) => c.personId),
        ['eleve-000123', 'eleve-000124', 'eleve-000126'],
      );
    }));

  test('the transaction handle is refused once the transaction is over', () =>
    withStore(async (store) => {
      let leaked: Parameters<Parameters<Store['transaction']>[0]>[0] | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
      });
      await rejectsAsMisuse(leaked!.putSetting('late', 'write'));
      assert.equal(await store.getSetting('late'), undefined);
    }));

  test('a write on the store while a transaction is open is not part of it', () =>
    withStore(async (store) => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const tx = store.transaction(async (t) => {
        await t.putSetting('inside', 'yes');
        entered();
        await gate;
        throw new Boom('roll back');
      });
      await inside;
      const outside = store.putSetting('outside', 'yes');
      release();
      await assert.rejects(tx, Boom);
      await outside;
      assert.equal(await store.getSetting('inside'), undefined);
      assert.equal(await store.getSetting('outside'), 'yes');
    }));

  test(`licence consumption under concurrency: 100 allocations, ${LICENCES} licences, exactly ${LICENCES} copies`, () =>
    withStore(async (store) => {
      await store.insertSubscription(
        subscription({ ...collegeSubscription, licences: { kind: 'global', count: LICENCES } }),
      );
      const other = openAnother ? await openAnother(store) : undefined;
      try {
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            allocateOne(other && i % 2 === 1 ? other : store, `eleve-${String(200000 + i)}`),
          ),
        );
        assert.equal(results.filter(Boolean).length, LICENCES);
        assert.deepEqual(await store.countCopies(SUB), { ELEVE: LICENCES });
        assert.equal((await store.listCopies({ subscriptionId: SUB })).length, LICENCES);
        if (other) assert.deepEqual(await other.countCopies(SUB), { ELEVE: LICENCES });
      } finally {
        await other?.close();
      }
    }));

  test('migrate is idempotent and ping answers', () =>
    withStore(async (store) => {
      await store.putSetting('kept', 'yes');
      await store.migrate();
      await store.migrate();
      assert.equal(await store.getSetting('kept'), 'yes');
      assert.equal(await store.ping(), true);
    }));
}
