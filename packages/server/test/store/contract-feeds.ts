// The contract of the feed, notification, erasure and rollover operations (FeedStoreOps), for every store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConsoleNotification, OutboxMessage } from '../../src/store/index.js';
import type { ContractContext } from './contract.js';
import { COLLEGE, ENT_ID, LYCEE } from './fixtures.js';

const T0 = '2026-09-01T08:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

function message(id: string, createdAt = T0): OutboxMessage {
  return {
    id,
    uai: COLLEGE,
    to: 'ce@ac-test.invalid',
    subject: 'S',
    text: 'T',
    html: '<p>T</p>',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: createdAt,
    createdAt,
  };
}

function notification(id: string, recipientId: string, createdAt = T0): ConsoleNotification {
  return { id, uai: COLLEGE, recipientId, kind: 'subscription.new', data: { subscriptionId: 'ABO-1' }, createdAt };
}

/** Registers the feed-operations contract. */
export function feedsContract(ctx: ContractContext): void {
  test('the outbox keeps the first message of an id, claims each due message once, and never loses one', () =>
    ctx.withStore(async (store) => {
      assert.equal(await store.enqueueOutbox(message('m1')), true);
      assert.equal(await store.enqueueOutbox({ ...message('m1'), subject: 'other' }), false);
      await store.enqueueOutbox(message('m2', later(1000)));
      await store.enqueueOutbox({ ...message('m3', later(2000)), nextAttemptAt: later(3_600_000) });
      const [a, b] = await Promise.all([
        store.claimOutbox({ holder: 'w1', now: later(5000), until: later(65_000), limit: 10 }),
        store.claimOutbox({ holder: 'w2', now: later(5000), until: later(65_000), limit: 10 }),
      ]);
      const claimed = [...a, ...b].map((m) => m.id).sort();
      assert.deepEqual(claimed, ['m1', 'm2'], 'each due message goes to one worker; m3 is not due');
      const m1 = [...a, ...b].find((m) => m.id === 'm1')!;
      assert.equal(m1.subject, 'S');
      assert.equal(m1.attempts, 1);
      const holder = a.some((m) => m.id === 'm1') ? 'w1' : 'w2';
      assert.equal(await store.markOutboxSent('m1', 'intruder', later(6000)), false);
      assert.equal(await store.markOutboxSent('m1', holder, later(6000)), true);
      const m2holder = a.some((m) => m.id === 'm2') ? 'w1' : 'w2';
      assert.equal(
        await store.markOutboxFailed('m2', m2holder, { error: 'ECONNREFUSED', retryAt: later(120_000), giveUp: false }),
        true,
      );
      assert.deepEqual(
        await store.claimOutbox({ holder: 'w1', now: later(60_000), until: later(120_000), limit: 10 }),
        [],
      );
      const retried = await store.claimOutbox({ holder: 'w1', now: later(130_000), until: later(190_000), limit: 10 });
      assert.deepEqual(
        retried.map((m) => [m.id, m.attempts, m.lastError]),
        [['m2', 2, 'ECONNREFUSED']],
      );
      // A worker that died: its claim lapses and another takes the message again.
      const again = await store.claimOutbox({ holder: 'w2', now: later(200_000), until: later(260_000), limit: 10 });
      assert.deepEqual(
        again.map((m) => m.id),
        ['m2'],
      );
      assert.equal(
        await store.markOutboxFailed('m2', 'w2', { error: 'EAUTH', retryAt: later(300_000), giveUp: true }),
        true,
      );
      assert.deepEqual(
        (await store.listOutbox({ status: 'sent' })).map((m) => m.id),
        ['m1'],
      );
      assert.deepEqual(
        (await store.listOutbox({ status: 'failed' })).map((m) => m.id),
        ['m2'],
      );
      assert.equal((await store.listOutbox({})).length, 3);
    }));

  test('notifications: one per id, newest first per recipient, read and mailed marks', () =>
    ctx.withStore(async (store) => {
      assert.equal(await store.putNotification(notification('n1', 'head')), true);
      assert.equal(await store.putNotification(notification('n1', 'head')), false);
      await store.putNotification(notification('n2', 'head', later(1000)));
      await store.putNotification(notification('n3', 'resp', later(2000)));
      assert.deepEqual(
        (await store.listNotifications({ uai: COLLEGE, recipientId: 'head' })).map((n) => n.id),
        ['n2', 'n1'],
      );
      assert.equal(await store.markNotificationRead('n1', 'resp', later(3000)), false);
      assert.equal(await store.markNotificationRead('n1', 'head', later(3000)), true);
      assert.deepEqual(
        (await store.listNotifications({ recipientId: 'head', unreadOnly: true })).map((n) => n.id),
        ['n2'],
      );
      await store.markNotificationsMailed(['n2', 'n3'], later(4000));
      assert.deepEqual(
        (await store.listNotifications({ unmailedOnly: true })).map((n) => n.id),
        ['n1'],
      );
      assert.deepEqual(await store.listNotifications({ uai: LYCEE }), []);
    }));

  test('feed runs, sync reports, departures, rollovers and deleteMef', () =>
    ctx.withStore(async (store) => {
      await store.putFeedRun({
        id: 'r1',
        entId: ENT_ID,
        startedAt: T0,
        finishedAt: T0,
        status: 'refused',
        files: [{ name: 'a.xml', kind: 'Eleve', records: 3 }],
        problems: [{ file: 'a.xml', line: 4, element: 'GAREleve', code: 'empty', message: 'x' }],
        problemCount: 1,
      });
      await store.putFeedRun({
        id: 'r2',
        entId: ENT_ID,
        startedAt: later(1000),
        finishedAt: later(2000),
        status: 'applied',
        files: [],
        problems: [],
        problemCount: 0,
        summary: { arrived: 3 },
      });
      assert.deepEqual(
        (await store.listFeedRuns({ entId: ENT_ID })).map((r) => r.id),
        ['r2', 'r1'],
      );
      assert.equal((await store.getFeedRun('r1'))!.problems[0]!.line, 4);
      const changes = {
        arrived: 1,
        changed: 0,
        left: 0,
        divisionsAdded: 0,
        divisionsRenamed: 0,
        divisionsRemoved: 0,
        groupsAdded: 0,
        groupsRenamed: 0,
        groupsRemoved: 0,
        membershipChanges: 2,
      };
      const report = {
        uai: COLLEGE,
        entId: ENT_ID,
        runId: 'r2',
        at: T0,
        counts: { National_elv: 3 },
        changes,
        anomalies: { pupilsWithoutDivision: ['A B (x)'], divisionsWithoutPupils: [], managersWithoutEmail: [] },
      };
      await store.putSyncReport(report);
      await store.putSyncReport({ ...report, runId: 'r3' });
      assert.equal((await store.getSyncReport(COLLEGE))!.runId, 'r3');
      const person = {
        entId: ENT_ID,
        id: 'p1',
        lastName: 'Durand',
        firstName: 'Léa',
        profiles: [{ uai: COLLEGE, profile: 'National_elv' as const }],
        mefs: [],
      };
      await store.putDeparture({ entId: ENT_ID, personId: 'p1', leftAt: T0, uais: [COLLEGE], person });
      await store.putDeparture({
        entId: ENT_ID,
        personId: 'p2',
        leftAt: later(86_400_000),
        uais: [COLLEGE],
        person: { ...person, id: 'p2' },
      });
      assert.deepEqual(
        (await store.listDepartures({ leftBefore: later(1000) })).map((d) => d.personId),
        ['p1'],
      );
      assert.deepEqual((await store.getDeparture(ENT_ID, 'p1'))!.uais, [COLLEGE]);
      await store.deleteDeparture(ENT_ID, 'p1');
      assert.equal(await store.getDeparture(ENT_ID, 'p1'), undefined);
      assert.equal(await store.getRollover(COLLEGE, '2026-2027'), undefined);
      await store.putRollover({ uai: COLLEGE, year: '2026-2027', at: T0, summary: { allocationsArchived: 2 } });
      assert.equal((await store.getRollover(COLLEGE, '2026-2027'))!.summary.allocationsArchived, 2);
      await store.putMef({ uai: COLLEGE, code: '10310019110', label: '3EME' });
      await store.deleteMef(COLLEGE, '10310019110');
      assert.deepEqual(await store.listMefs(COLLEGE), []);
    }));

  test('pseudonymizeAudit replaces the id in actor, subject and JSON, at the given schools only', () =>
    ctx.withStore(async (store) => {
      await store.appendAudit({
        id: 'a1',
        at: T0,
        uai: COLLEGE,
        actor: 'p1',
        action: 'x',
        subjectType: 'copy',
        subjectId: 'p1',
        before: { copies: [{ personId: 'p1' }] },
      });
      await store.appendAudit({
        id: 'a2',
        at: T0,
        uai: COLLEGE,
        actor: 'head',
        action: 'x',
        subjectType: 'copy',
        subjectId: 'S',
        after: { granted: ['p1', 'p10'] },
      });
      await store.appendAudit({
        id: 'a3',
        at: T0,
        uai: LYCEE,
        actor: 'p1',
        action: 'x',
        subjectType: 'copy',
        subjectId: 'p1',
      });
      await store.appendAudit({
        id: 'a4',
        at: T0,
        uai: '',
        actor: 'system',
        action: 'feed.apply',
        subjectType: 'ent',
        subjectId: ENT_ID,
      });
      assert.equal(await store.pseudonymizeAudit({ uais: [COLLEGE], personId: 'p1', pseudonym: 'erased:1' }), 2);
      const a1 = await store.getAudit('a1');
      assert.equal(a1!.actor, 'erased:1');
      assert.equal(a1!.subjectId, 'erased:1');
      assert.deepEqual(a1!.before, { copies: [{ personId: 'erased:1' }] });
      assert.deepEqual((await store.getAudit('a2'))!.after, { granted: ['erased:1', 'p10'] });
      assert.equal((await store.getAudit('a3'))!.actor, 'p1');
      assert.equal((await store.getAudit('a4'))!.uai, '');
    }));

  test('people and memberships in batches, as putPerson and putMembership one by one', () =>
    ctx.withStore(async (store) => {
      await store.putEnt({ id: ENT_ID, name: 'ENT', origins: [], clientCertFingerprints: [] });
      await store.putSchool({ uai: COLLEGE, entId: ENT_ID, name: 'Collège', degree: '2D' });
      await store.putSchool({ uai: LYCEE, entId: ENT_ID, name: 'Lycée', degree: '2D' });
      const people = Array.from({ length: 1203 }, (_, i) => ({
        entId: ENT_ID,
        id: `p${String(i).padStart(4, '0')}`,
        lastName: i % 2 ? 'Élodie' : 'Durand',
        firstName: 'Léa',
        profiles: [
          { uai: COLLEGE, profile: 'National_elv' as const },
          ...(i === 7 ? [{ uai: LYCEE, profile: 'National_ens' as const }] : []),
        ],
        mefs: [],
      }));
      await store.putPeople(people);
      await store.putPeople([
        { ...people[3]!, lastName: 'Martin', profiles: [{ uai: LYCEE, profile: 'National_elv' as const }] },
      ]);
      assert.equal(await store.countPeople({ uai: COLLEGE }), 1202);
      assert.equal(await store.countPeople({ uai: LYCEE }), 2);
      assert.deepEqual(
        (await store.listPeople({ uai: COLLEGE, search: 'elodie', limit: 2 })).map((p) => p.id),
        ['p0001', 'p0005'],
        'p0003 is now Martin, at the lycée',
      );
      assert.equal((await store.getPerson(ENT_ID, 'p0003'))!.lastName, 'Martin');
      await store.putGroup({ uai: COLLEGE, code: '3A', label: '3e A', status: 'DIVISION' });
      const ms = people.slice(0, 700).map((p) => ({ uai: COLLEGE, groupCode: '3A', personId: p.id }));
      await store.putMemberships(ms);
      await store.putMemberships(ms.slice(0, 10));
      assert.equal((await store.listMemberships({ uai: COLLEGE, groupCode: '3A' })).length, 700);
      await store.deleteMemberships(ms.slice(0, 650));
      assert.deepEqual(
        (await store.listMemberships({ uai: COLLEGE, groupCode: '3A' })).map((m) => m.personId).slice(0, 2),
        ['p0650', 'p0651'],
      );
      await store.putPeople([]);
      await store.putMemberships([]);
      await store.deleteMemberships([]);
    }));

  test('a transaction that fails leaves no feed bookkeeping behind', () =>
    ctx.withStore(async (store) => {
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.enqueueOutbox(message('m1'));
          await tx.putNotification(notification('n1', 'head'));
          await tx.putRollover({ uai: COLLEGE, year: '2026-2027', at: T0, summary: {} });
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(await store.listOutbox({}), []);
      assert.deepEqual(await store.listNotifications({}), []);
      assert.equal(await store.getRollover(COLLEGE, '2026-2027'), undefined);
    }));
}
