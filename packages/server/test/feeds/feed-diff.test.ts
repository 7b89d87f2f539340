import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LicenceCopy } from '@opengar/core';
import { feedFiles, generateFeedModel, type FeedModel } from '@opengar/test-support';
import type { StoredSubscription } from '../../src/store/index.js';
import { sources } from './feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system, subscription, PUPILS_ETABL } from '../helpers/fixtures.js';
import { buildWorld, holders } from '../helpers/world.js';

/** What this file's subscriptions share: ETABL for pupils, from January 2026 to August 2027, 30 licences. */
const SCHOOL_ORDER = {
  ...PUPILS_ETABL,
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2027-08-15T21:59:59Z',
  licences: { kind: 'global', count: 30 },
  createdAt: '2026-08-01T00:00:00Z',
  updatedAt: '2026-08-01T00:00:00Z',
} satisfies Partial<StoredSubscription>;

test('two successive feeds: arrivals, departures and class changes, with their licence consequences', async () => {
  const { service, store, clock } = await buildWorld({ data: 'feed' });
  const model = generateFeedModel({ schools: 1, pupilsPerSchool: 56, pupilsPerDivision: 28 });
  const uai = model.schools[0]!.uai;
  const p = (i: number) => model.pupils[i]!.id;
  assert.equal((await service.feeds.import(system, ENT, sources([...feedFiles(model)]))).run.status, 'applied');
  const division = '6EMEA';
  const isPupil = (id: string) => id.includes('-elv-');
  const members = (await store.listMemberships({ uai, groupCode: division }))
    .map((m) => m.personId)
    .filter(isPupil)
    .sort();
  assert.equal(members.length, 28);

  // An ETABL subscription for the 6e A (pool of 30), a non-transferable INDIV copy already opened, a transferable one.
  const at = '2026-09-01T07:00:00Z';
  await store.insertSubscription(subscription({ ...SCHOOL_ORDER, id: 'S-ETABL', uai, resourceId: 'ark:/1/S-ETABL' }));
  await store.insertSubscription(
    subscription({
      ...SCHOOL_ORDER,
      id: 'S-NT',
      uai,
      resourceId: 'ark:/1/S-NT',
      type: 'INDIV',
      category: 'non transferable',
      licences: { kind: 'global', count: 10 },
    }),
  );
  await store.insertAllocation({
    id: 'A-ETABL',
    subscriptionId: 'S-ETABL',
    uai,
    target: { kind: 'division', code: division },
    createdAt: at,
    createdBy: 'head',
  });
  await store.insertAllocation({
    id: 'A-NT',
    subscriptionId: 'S-NT',
    uai,
    target: { kind: 'person', personId: p(29) },
    createdAt: at,
    createdBy: 'head',
  });
  const copy = (sub: string, alloc: string, personId: string): LicenceCopy => ({
    subscriptionId: sub,
    uai,
    personId,
    audience: 'ELEVE',
    allocationId: alloc,
    assignedAt: at,
  });
  await store.insertCopies(members.map((id) => copy('S-ETABL', 'A-ETABL', id)));
  await store.insertCopies([{ ...copy('S-NT', 'A-NT', p(29)), firstOpenedAt: at }]);

  // The next export: p0 and p29 left, p1 moved to 5e A, p40 moved to 6e A, a newcomer in 6e A, 5e A renamed, a group gone.
  const next: FeedModel = structuredClone(model);
  next.exportedAt = '20260908_060000';
  next.pupils = next.pupils.filter((x) => x.id !== p(0) && x.id !== p(29));
  next.pupils.find((x) => x.id === p(1))!.division = '5EMEA';
  next.pupils.find((x) => x.id === p(1))!.groups = [];
  next.pupils.find((x) => x.id === p(40))!.division = division;
  next.pupils.find((x) => x.id === p(40))!.groups = [];
  next.pupils.push({
    ...next.pupils.find((x) => x.id === p(2))!,
    id: `${uai}-elv-new-1`,
    lastName: 'Nouvelle',
    groups: [],
  });
  next.divisions.find((d) => d.code === '5EMEA')!.label = '5e A (Jean Moulin)';
  const removedGroup = next.groups.find((g) => g.division === division)!.code;
  next.groups = next.groups.filter((g) => g.code !== removedGroup);
  for (const x of next.pupils) x.groups = x.groups.filter((g) => g !== removedGroup);
  clock.set('2026-09-08T06:00:00Z');
  const { run, reports } = await service.feeds.import(system, ENT, sources([...feedFiles(next)]));
  assert.equal(run.status, 'applied');

  const newMembers = (await store.listMemberships({ uai, groupCode: division }))
    .map((m) => m.personId)
    .filter(isPupil)
    .sort();
  assert.ok(
    newMembers.includes(p(40)) &&
      newMembers.includes(`${uai}-elv-new-1`) &&
      !newMembers.includes(p(1)) &&
      !newMembers.includes(p(0)),
  );
  assert.deepEqual(await holders(store, 'S-ETABL'), newMembers, 'the ETABL allocation follows the division exactly');
  assert.deepEqual(await holders(store, 'S-NT'), [], "the departed holder's non-transferable copy is back in the pool");
  assert.equal(await store.getPerson(ENT, p(0)), undefined);
  assert.equal((await store.getDeparture(ENT, p(29)))?.uais[0], uai, 'the departure is recorded for erasure');
  assert.equal((await store.getGroup(uai, '5EMEA'))?.label, '5e A (Jean Moulin)');
  assert.equal(await store.getGroup(uai, removedGroup), undefined);
  const report = reports.find((r) => r.uai === uai)!;
  assert.equal(report.changes.arrived, 1);
  assert.equal(report.changes.left, 2);
  assert.equal(report.changes.divisionsRenamed, 1);
  assert.equal(report.changes.groupsRemoved, 1);
  assert.equal(report.counts.National_elv, 55);
  const actions = (await store.listAudit({ uai, limit: 500 })).map((a) => a.action);
  assert.ok(
    actions.includes('allocation.departure') && actions.includes('allocation.follow') && actions.includes('feed.apply'),
  );

  // The same export again changes nothing.
  const again = await service.feeds.import(system, ENT, sources([...feedFiles(next)]));
  assert.equal(again.run.summary!.arrived, 0);
  assert.equal(again.run.summary!.left, 0);
  assert.equal(again.run.summary!.membershipChanges, 0);
  assert.deepEqual(await holders(store, 'S-ETABL'), newMembers);
});

test('schools that appear in a feed get the free national offers', async () => {
  const { service, store } = await buildWorld({ data: 'feed' });
  await store.putResource({
    id: 'ark:/1/edutheque',
    idType: 'ark',
    name: 'Éduthèque',
    publisherId: 'MEN',
    publisherName: 'Ministère',
    distributorIds: ['MEN_0000000000000001'],
    techDistributor: '',
    techValidator: '',
    accessUrl: 'https://edutheque.test/',
    presentationType: { code: 'MUL', nom: 'Multimédia' },
    pedagogicalTypes: [],
    documentTypologies: [],
    levels: [],
    teachingDomains: [],
    declaredAttributes: [],
    protocol: 'jwt',
    registeredUrls: [],
    displayable: true,
    signingAlg: 'ES256',
    freeOffer: { audiences: ['ELEVE', 'ENSEIGNANT'] },
  });
  const model = generateFeedModel({ schools: 2, pupilsPerSchool: 10 });
  await service.feeds.import(system, ENT, sources([...feedFiles(model)]));
  for (const s of model.schools) {
    const subs = await store.listSubscriptions({ uai: s.uai });
    assert.equal(subs.length, 1);
    assert.equal(subs[0]!.automatic, true);
    assert.match(subs[0]!.id, new RegExp(`^AUTO_${s.uai}_`));
  }
});
