import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LicenceCopy } from '@opengar/core';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import type { StoredSubscription } from '../../src/store/index.js';
import { TestClock } from '../helpers/clock.js';
import { sources } from '../feeds/feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system, subscription, PUPILS_ETABL } from '../helpers/fixtures.js';
import { buildWorld, holders } from '../helpers/world.js';

/** What this file's subscriptions share: ETABL for pupils, from September 2025 to August 2027, 100 licences. */
const SCHOOL_ORDER = {
  ...PUPILS_ETABL,
  validFrom: '2025-09-01T00:00:00Z',
  validUntil: '2027-08-15T21:59:59Z',
  licences: { kind: 'global', count: 100 },
  createdAt: '2025-09-01T00:00:00Z',
  updatedAt: '2025-09-01T00:00:00Z',
} satisfies Partial<StoredSubscription>;

async function setUp() {
  const w = await buildWorld({ data: 'feed', clock: new TestClock('2026-08-20T08:00:00Z') });
  const model = generateFeedModel({ schools: 1, pupilsPerSchool: 56, pupilsPerDivision: 28 });
  await w.service.feeds.import(system, ENT, sources([...feedFiles(model)]));
  const uai = model.schools[0]!.uai;
  const pupils = (code: string) =>
    model.pupils
      .filter((p) => p.division === code)
      .map((p) => p.id)
      .sort();
  const at = '2025-10-01T08:00:00Z';
  const copy = (s: string, a: string, personId: string, opened = false): LicenceCopy => ({
    subscriptionId: s,
    uai,
    personId,
    audience: 'ELEVE',
    allocationId: a,
    assignedAt: at,
    ...(opened ? { firstOpenedAt: at } : {}),
  });
  const { store } = w;
  await store.insertSubscription(subscription({ ...SCHOOL_ORDER, id: 'ETABL', uai, resourceId: 'ark:/1/ETABL' }));
  await store.insertAllocation({
    id: 'a-etabl',
    subscriptionId: 'ETABL',
    uai,
    target: { kind: 'division', code: '6EMEA' },
    createdAt: at,
    createdBy: 'head',
  });
  await store.insertCopies(pupils('6EMEA').map((id) => copy('ETABL', 'a-etabl', id)));
  await store.insertSubscription(
    subscription({
      ...SCHOOL_ORDER,
      id: 'ENDING',
      uai,
      resourceId: 'ark:/1/ENDING',
      type: 'INDIV',
      validUntil: '2026-08-15T21:59:59Z',
    }),
  );
  await store.insertAllocation({
    id: 'a-ending',
    subscriptionId: 'ENDING',
    uai,
    target: { kind: 'person', personId: pupils('5EMEA')[0]! },
    createdAt: at,
    createdBy: 'head',
  });
  await store.insertCopies([copy('ENDING', 'a-ending', pupils('5EMEA')[0]!)]);
  await store.insertSubscription(
    subscription({ ...SCHOOL_ORDER, id: 'INDIV', uai, resourceId: 'ark:/1/INDIV', type: 'INDIV' }),
  );
  await store.insertAllocation({
    id: 'a-indiv',
    subscriptionId: 'INDIV',
    uai,
    target: { kind: 'division', code: '5EMEA' },
    createdAt: at,
    createdBy: 'head',
  });
  await store.insertCopies(
    pupils('5EMEA')
      .slice(0, 5)
      .map((id) => copy('INDIV', 'a-indiv', id)),
  );
  await store.insertSubscription(
    subscription({
      ...SCHOOL_ORDER,
      id: 'NT',
      uai,
      resourceId: 'ark:/1/NT',
      type: 'INDIV',
      category: 'non transferable',
    }),
  );
  await store.insertAllocation({
    id: 'a-nt',
    subscriptionId: 'NT',
    uai,
    target: { kind: 'person', personId: pupils('6EMEA')[1]! },
    createdAt: at,
    createdBy: 'head',
  });
  await store.insertCopies([copy('NT', 'a-nt', pupils('6EMEA')[1]!, true)]);
  await store.insertAllocation({
    id: 'a-gone',
    subscriptionId: 'INDIV',
    uai,
    target: { kind: 'division', code: '3EME-OLD' },
    createdAt: at,
    createdBy: 'head',
  });
  return { ...w, uai, pupils };
}

test('rollover: preview first, then archive, free, return and carry over; re-running is harmless', async () => {
  const { service, store, uai, pupils } = await setUp();
  const before = { etabl: await holders(store, 'ETABL'), indiv: await holders(store, 'INDIV') };

  const preview = await service.rollover.school(system, uai, '2026-2027', { preview: true });
  assert.equal(preview.preview, true);
  assert.equal(preview.summary.allocationsArchived, 5);
  assert.deepEqual(await holders(store, 'ETABL'), before.etabl, 'a preview changes nothing');
  assert.equal(await store.getRollover(uai, '2026-2027'), undefined);

  const done = await service.rollover.school(system, uai, '2026-2027', { preview: false });
  assert.equal(done.alreadyDone, false);
  assert.deepEqual(
    {
      archived: done.summary.allocationsArchived,
      carried: done.summary.allocationsCarried,
      dropped: done.summary.allocationsDropped,
      ended: done.summary.subscriptionsEnded,
      indivFreed: done.summary.indivCopiesFreed,
      ntReturned: done.summary.nonTransferableReturned,
    },
    { archived: 5, carried: 3, dropped: 1, ended: 1, indivFreed: 1, ntReturned: 1 },
  );
  const active = await store.listAllocations({ uai });
  assert.deepEqual(active.map((a) => a.id).sort(), ['a-etabl.2026', 'a-indiv.2026', 'a-nt.2026']);
  assert.equal(
    (await store.listAllocations({ uai, includeArchived: true })).filter((a) => a.archivedAt !== undefined).length,
    5,
  );
  assert.deepEqual(await holders(store, 'ETABL'), pupils('6EMEA'), 'ETABL: the division gets its copies again');
  assert.deepEqual(
    await holders(store, 'INDIV'),
    before.indiv,
    'INDIV transferable: holders still in the division keep one',
  );
  assert.deepEqual(await holders(store, 'ENDING'), [], 'the ending subscription freed its copy');
  assert.deepEqual(await holders(store, 'NT'), [], 'the non-transferable copy is back in its pool');
  assert.ok(
    (await store.listCopies({ subscriptionId: 'INDIV' })).every(
      (c) => c.allocationId === 'a-indiv.2026' && c.firstOpenedAt === undefined,
    ),
  );

  const again = await service.rollover.school(system, uai, '2026-2027', { preview: false });
  assert.equal(again.alreadyDone, true);
  assert.equal((await store.listAllocations({ uai })).length, 3);
  const all = await service.rollover.all(system, '2026-2027');
  assert.deepEqual(
    all.map((o) => o.alreadyDone),
    [true],
  );
});

test('rollover refuses a badly written year and non-managers', async () => {
  const { service, store, uai } = await setUp();
  await assert.rejects(
    service.rollover.school(system, uai, '2026-2028'),
    (e: { code?: string }) => e.code === 'validation',
  );
  await assert.rejects(
    service.rollover.school({ kind: 'ent-user', entId: ENT, personId: `${uai}-elv-000001` }, uai, '2026-2027'),
    (e: { code?: string }) => e.code === 'forbidden',
  );
  const head = `${uai}-dir-0000`;
  const preview = await service.rollover.school({ kind: 'ent-user', entId: ENT, personId: head }, uai, '2026-2027', {
    preview: true,
  });
  assert.equal(preview.preview, true);
  // A manager may not commit a past or far year (a typo would drop every allocation); the operator may.
  for (const year of ['1900-1901', '2025-2026', '2028-2029', '2099-2100']) {
    await assert.rejects(
      service.rollover.school({ kind: 'ent-user', entId: ENT, personId: head }, uai, year, { preview: false }),
      (e: { code?: string; issues?: { pointer: string; message: string }[] }) =>
        e.code === 'validation' &&
        e.issues?.[0]?.pointer === '/year' &&
        /in progress \(2026-2027\) or the next one \(2027-2028\)/.test(e.issues[0].message),
      year,
    );
  }
  assert.equal(await store.getRollover(uai, '2099-2100'), undefined);
  const next = await service.rollover.school({ kind: 'ent-user', entId: ENT, personId: head }, uai, '2027-2028', {
    preview: true,
  });
  assert.equal(next.preview, true);
  assert.equal((await service.rollover.school(system, uai, '2099-2100', { preview: true })).preview, true);
});
