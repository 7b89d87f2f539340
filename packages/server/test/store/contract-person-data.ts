// The access export and the erasure sweep, on every store: a person written into every table that can hold one is
// found in each, a person whose id contains theirs is never mixed in, and the sweep leaves only what the rules keep.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src/store/index.js';
import { EXPORTED_TABLES } from '../../src/store/person-data-coverage.js';
import { subscription } from '../helpers/fixtures.js';
import type { ContractContext } from './contract.js';
import {
  COLLEGE,
  ENT_ID,
  allocation,
  auditEntry,
  college,
  collegeSubscription,
  copy,
  ent,
  handoff,
  person,
  publisher,
  resource,
} from './fixtures.js';

export const SUBJECT = 'ens-000042';
/** Another person whose id contains the subject's: never part of the subject's export. */
export const NEIGHBOUR = 'ens-0000420';
const EMAIL = 'yann.le-bihan@ac-rennes.fr';
const STATS = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
const PSEUDONYM = 'erased:0123456789abcdef01234567';
const AT = '2025-09-02T08:00:00.000Z';

/** Writes `id` into every table that can hold a person (`mail` and `stats` their e-mail and statistics pseudonym). */
export async function writeEverywhere(store: Store, id: string, mail: string, stats: string, n: number) {
  await store.putPerson(person(id, 'Le Bihan', 'Yann', 'National_ens', COLLEGE, { email: mail }));
  await store.putMembership({ uai: COLLEGE, groupCode: '3A', personId: id });
  await store.putTeachings([{ uai: COLLEGE, groupCode: '3A', personId: id, subject: '061300' }]);
  await store.putRespAff({ entId: ENT_ID, personId: id, email: mail, uais: [COLLEGE] });
  await store.insertAllocation(allocation({ id: `AFF-BY-${n}`, createdBy: id }));
  await store.insertAllocation(allocation({ id: `AFF-TO-${n}`, target: { kind: 'person', personId: id } }));
  await store.insertCopies([copy(id, { audience: 'ENSEIGNANT' })]);
  await store.putDelegation({ uai: COLLEGE, delegateId: id, grantedBy: 'dir-000001', grantedAt: AT });
  await store.putDelegation({ uai: COLLEGE, delegateId: `deleg-${n}`, grantedBy: id, grantedAt: AT });
  await store.appendAudit(auditEntry({ id: `AUD-ACTOR-${n}`, actor: id }));
  await store.appendAudit(auditEntry({ id: `AUD-IN-${n}`, after: { target: { kind: 'person', personId: id } } }));
  await store.setFavourites(ENT_ID, id, [resource().id]);
  const note = { uai: COLLEGE, kind: 'feed.problems' as const, createdAt: AT };
  await store.putNotification({ ...note, id: `N-TO-${n}`, recipientId: id, data: {} });
  await store.putNotification({ ...note, id: `N-ABOUT-${n}`, recipientId: 'dir-000001', data: { personId: id } });
  await store.enqueueOutbox({
    id: `MAIL-${n}`,
    uai: COLLEGE,
    to: mail,
    subject: 'Nouvel abonnement',
    text: 'Bonjour',
    html: '<p>Bonjour</p>',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: AT,
    createdAt: AT,
  });
  await store.putDeparture({
    entId: ENT_ID,
    personId: id,
    leftAt: AT,
    uais: [COLLEGE],
    person: person(id, 'Le Bihan', 'Yann'),
  });
  await store.appendHandoffEvent(handoff({ id: `HO-${n}`, statsPseudonym: stats }));
  const [uai, resourceId, groupCode] = [COLLEGE, resource().id, '3A'];
  const day = { until: '2026-06-30', untilAt: '2026-06-30T21:59:59.999Z', createdAt: AT };
  await store.putPin({
    id: `PIN-${n}`,
    entId: ENT_ID,
    uai,
    teacherId: id,
    resourceId,
    groupCodes: [groupCode],
    ...day,
  });
  await store.putClassRequest({
    ...{ id: `REQ-${n}`, entId: ENT_ID, uai, teacherId: id, resourceId, groupCode, status: 'pending' },
    createdAt: AT,
  });
}

async function world(store: Store) {
  await store.putEnt(ent);
  await store.putSchool(college);
  await store.putPublisher(publisher);
  await store.putResource(resource());
  await store.insertSubscription(subscription({ ...collegeSubscription }));
  await store.putGroup({ uai: COLLEGE, code: '3A', label: '3e A', status: 'DIVISION' });
  await writeEverywhere(store, SUBJECT, EMAIL, STATS, 1);
  await writeEverywhere(store, NEIGHBOUR, 'autre@ac-rennes.fr', 'ffff0000ffff0000ffff0000ffff0000', 2);
  await store.putSyncReport({
    uai: COLLEGE,
    entId: ENT_ID,
    runId: 'RUN-1',
    at: AT,
    counts: {},
    changes: {
      arrived: 0,
      changed: 0,
      left: 0,
      divisionsAdded: 0,
      divisionsRenamed: 0,
      divisionsRemoved: 0,
      groupsAdded: 0,
      groupsRenamed: 0,
      groupsRemoved: 0,
      membershipChanges: 0,
    },
    anomalies: {
      pupilsWithoutDivision: [],
      divisionsWithoutPupils: [],
      managersWithoutEmail: [SUBJECT],
      teachersWithoutClasses: [NEIGHBOUR],
    },
  });
  await store.aggregateHandoffEvents(100);
}

const query = { entId: ENT_ID, personId: SUBJECT, emails: [EMAIL], statsPseudonym: STATS, auditPseudonym: PSEUDONYM };

export function personDataContract(ctx: ContractContext): void {
  test(`${ctx.name}: the access export finds the person in every table that holds people, and nobody else`, () =>
    ctx.withStore(async (store) => {
      await world(store);
      const found = await store.exportPersonData(query);
      assert.deepEqual(Object.keys(found).sort(), [...EXPORTED_TABLES].sort());
      for (const table of EXPORTED_TABLES) {
        assert.ok((found[table] ?? []).length > 0, `${table}: nothing found`);
        // A school's sync report is one row for everyone: the service trims it to the person (see the use case).
        if (table !== 'sync_reports')
          assert.ok(!JSON.stringify(found[table]).includes(NEIGHBOUR), `${table}: the neighbour leaked`);
      }
      const nobody = await store.exportPersonData({ ...query, personId: 'personne', emails: [], statsPseudonym: 'x' });
      for (const table of EXPORTED_TABLES) assert.deepEqual(nobody[table], [], table);
    }));

  test(`${ctx.name}: the erasure sweep drops or pseudonymises the person's traces, and only theirs`, () =>
    ctx.withStore(async (store) => {
      await world(store);
      const neighbourBefore = await store.exportPersonData({
        ...query,
        personId: NEIGHBOUR,
        emails: [],
        auditPseudonym: 'erased:neighbour',
      });
      const changed = await store.erasePersonTraces({
        entId: ENT_ID,
        personId: SUBJECT,
        pseudonym: PSEUDONYM,
        emails: [EMAIL],
      });
      assert.ok(changed >= 8, `${changed} rows changed`);
      const after = await store.exportPersonData({ ...query, auditPseudonym: 'erased:other' });
      for (const table of [
        'teachings',
        'favourites',
        'console_notifications',
        'mail_outbox',
        'allocations',
        'sync_reports',
      ])
        assert.deepEqual(after[table], [], `${table} still names the person`);
      assert.ok(!JSON.stringify(after.delegations).includes(`"${SUBJECT}"`) || after.delegations?.length === 0);
      const kept = await store.exportPersonData({ ...query, personId: PSEUDONYM, emails: [] });
      assert.equal(kept.allocations?.length, 2, 'the allocations are kept under the pseudonym');
      const neighbourAfter = await store.exportPersonData({
        ...query,
        personId: NEIGHBOUR,
        emails: [],
        auditPseudonym: 'erased:neighbour',
      });
      for (const table of ['teachings', 'allocations', 'licence_copies', 'delegations', 'console_notifications'])
        assert.equal(
          neighbourAfter[table]?.length,
          neighbourBefore[table]?.length,
          `${table}: the neighbour lost rows`,
        );
    }));
}
