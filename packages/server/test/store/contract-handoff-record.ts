import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordHandoff } from '../../src/handoff/create-handoff.js';
import type { Store } from '../../src/store/index.js';
import type { ContractContext } from './contract.js';
import { rejectsWithCode } from './contract-assert.js';
import { subscription } from '../helpers/fixtures.js';
import { COLLEGE, collegeSubscription, copy, handoff, people } from './fixtures.js';

const SUB = 'ABO-2026-0001';
const AT = '2025-10-06T07:55:00.000Z';

async function withCopies(store: Store): Promise<void> {
  await store.putPerson(people[0]!);
  await store.insertSubscription(subscription(collegeSubscription));
  await store.insertCopies([copy('eleve-000123'), copy('eleve-000124')]);
}

const openedAt = async (store: Store, personId: string) =>
  (await store.listCopies({ uai: COLLEGE, personId }))[0]?.firstOpenedAt;

/** The last step of a hand-off: the copies it opens and its event are written together or not at all. */
export function handoffRecordContract({ withStore }: ContractContext): void {
  test('a hand-off record marks its copies opened and appends its event together', () =>
    withStore(async (store) => {
      await withCopies(store);
      const opened = [
        { subscriptionId: SUB, personId: 'eleve-000123' },
        { subscriptionId: SUB, personId: 'eleve-000124' },
      ];
      await recordHandoff(store, { opened, event: handoff({ at: AT }) });
      assert.equal(await openedAt(store, 'eleve-000123'), AT);
      assert.equal(await openedAt(store, 'eleve-000124'), AT);
      assert.deepEqual(
        (await store.listHandoffEvents({ uai: COLLEGE })).map((e) => e.id),
        ['HO-0001'],
      );
    }));

  test('an event that cannot be appended leaves every copy unopened', () =>
    withStore(async (store) => {
      await withCopies(store);
      await store.appendHandoffEvent(handoff({ at: '2025-10-01T07:00:00.000Z' }));
      // The same event id again: the append fails after the copies were marked, inside the record's transaction.
      const opened = [{ subscriptionId: SUB, personId: 'eleve-000123' }];
      await rejectsWithCode(recordHandoff(store, { opened, event: handoff({ at: AT }) }), 'conflict');
      assert.equal(await openedAt(store, 'eleve-000123'), undefined, 'opened without its event');
      assert.deepEqual(
        (await store.listHandoffEvents({ uai: COLLEGE })).map((e) => e.at),
        ['2025-10-01T07:00:00.000Z'],
      );
    }));

  test('a record opening nothing appends its event alone', () =>
    withStore(async (store) => {
      await withCopies(store);
      await recordHandoff(store, { opened: [], event: handoff({ outcome: 'refused', reason: 'no_copy' }) });
      assert.equal(await openedAt(store, 'eleve-000123'), undefined);
      assert.equal((await store.listHandoffEvents({ uai: COLLEGE }))[0]?.reason, 'no_copy');
    }));
}
