import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createGarService, silentLogger } from '../../src/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { DEMO_UAI } from '../../src/seed/demo-catalogue.js';
import { DEMO_PERSON_IDS } from '../../src/seed/demo-directory.js';
import { DEMO_CREDENTIALS } from '../../src/seed/demo-credentials.js';
import { demoDataSet } from '../../src/seed/demo-data-set.js';
import { DEMO_SEED_SETTING, seedDemo } from '../../src/seed/seed-demo.js';
import type { Store } from '../../src/store/types.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

async function snapshot(store: Store): Promise<Record<string, number>> {
  const data = demoDataSet();
  let people = 0;
  let copies = 0;
  let allocations = 0;
  for (const s of data.schools) {
    people += await store.countPeople({ uai: s.uai });
    copies += (await store.listCopies({ uai: s.uai })).length;
    allocations += (await store.listAllocations({ uai: s.uai, includeArchived: true })).length;
  }
  return {
    people,
    copies,
    allocations,
    subscriptions: await store.countSubscriptions({ includeDeleted: true }),
    resources: (await store.listResources()).length,
    publishers: (await store.listPublishers()).length,
    audit: (await store.listAudit({ uai: data.schools[0]!.uai, limit: 10_000 })).length,
    delegations: (await store.listDelegations({ includeRevoked: true })).length,
  };
}

describe('seedDemo', () => {
  it('writes the data set, and seeding again duplicates nothing', async () => {
    const store = createMemoryStore();
    const data = demoDataSet();
    const first = await seedDemo(store);
    assert.equal(first.subscriptions, data.subscriptions.length);
    assert.equal(first.allocations, data.allocations.length);
    assert.equal(first.copies, data.copies.length);
    assert.equal(first.alreadySeeded, false);
    const before = await snapshot(store);
    assert.equal(before.copies, data.copies.length);
    assert.equal(before.subscriptions, data.subscriptions.length);
    assert.equal(
      before.people,
      data.people.reduce((n, p) => n + new Set(p.profiles.map((x) => x.uai)).size, 0),
    );
    const again = await seedDemo(store);
    assert.deepEqual(again, { subscriptions: 0, allocations: 0, copies: 0, events: 0, alreadySeeded: true });
    assert.equal((await store.listHandoffEvents({})).length, 0, 'no events without a statistics secret');
    assert.deepEqual(await snapshot(store), before);
    assert.ok(await store.getSetting(DEMO_SEED_SETTING));
    await store.close();
  });

  it('stores the demo credentials as hashes only', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const operator = await store.findOperatorBySecretHash(sha256(DEMO_CREDENTIALS.operatorSecret));
    assert.equal(operator?.id, 'demo-operator');
    for (const [id, key] of Object.entries(DEMO_CREDENTIALS.publisherApiKeys)) {
      const p = await store.findPublisherByApiKeyHash(sha256(key));
      assert.equal(p?.id, id);
      assert.ok(!JSON.stringify(p).includes(key));
    }
    await store.close();
  });

  it('records past hand-offs under statistics pseudonyms only, once', async () => {
    const store = createMemoryStore();
    const data = demoDataSet();
    const first = await seedDemo(store, { data, statisticsSecret: 'demo-statistics-secret-for-the-test' });
    assert.ok(first.events > data.copies.filter((c) => c.firstOpenedAt).length);
    const events = await store.listHandoffEvents({});
    assert.equal(events.length, first.events);
    const ids = new Set(data.people.map((p) => p.id));
    const ref = Date.parse(data.referenceDate);
    for (const e of events) {
      assert.match(e.statsPseudonym, /^[0-9a-f]{128}$/);
      assert.ok(!ids.has(e.statsPseudonym));
      assert.ok(!JSON.stringify(e).includes('eleve-') && !JSON.stringify(e).includes('ENT-DEMO'));
      assert.ok(Date.parse(e.at) <= ref && Date.parse(e.at) > ref - 396 * 86_400_000);
    }
    assert.ok(events.some((e) => e.outcome === 'refused') && events.some((e) => e.protocol === 'cas'));
    const again = await seedDemo(store, { data, statisticsSecret: 'demo-statistics-secret-for-the-test' });
    assert.equal(again.events, 0);
    assert.equal((await store.listHandoffEvents({})).length, events.length);
    await store.close();
  });

  it('brings the directory in through its generated feed: exactly the data set, with a feed run and sync reports', async () => {
    const store = createMemoryStore();
    const data = demoDataSet();
    const steps: string[] = [];
    const first = await seedDemo(store, { data, onProgress: (p) => steps.push(p.step) });
    assert.ok(steps.includes('feed'));
    const run = first.feedRun!;
    assert.equal(run.status, 'applied');
    const ecole = data.people.filter((p) => p.profiles.some((x) => x.uai === DEMO_UAI.ecole));
    assert.equal(run.summary!.arrived, data.people.length - ecole.length);
    // The école came in its own 1D feed, after the 2D one, which it left alone.
    const [, run1d] = first.feedRuns!;
    assert.ok(run1d!.files.every((f) => f.name.includes('_1D_')));
    assert.equal(run1d!.summary!.arrived, ecole.length);
    assert.equal(run1d!.summary!.left, 0);
    assert.equal(run.summary!.schoolsAdded, 0);
    const canonical = (x: unknown): string =>
      JSON.stringify(x, (_, v) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
          : v,
      );
    const same = (actual: unknown[], expected: unknown[], what: string) =>
      assert.deepEqual(actual.map(canonical).sort(), [...new Set(expected.map(canonical))].sort(), what);
    const people = new Map<string, unknown>();
    const groups: unknown[] = [];
    const memberships: unknown[] = [];
    const mefs: unknown[] = [];
    const subjects: unknown[] = [];
    const teachings: unknown[] = [];
    for (const { uai } of data.schools) {
      for (const p of await store.listPeople({ uai, limit: 10_000 })) people.set(p.id, p);
      groups.push(...(await store.listGroups(uai)));
      memberships.push(...(await store.listMemberships({ uai })));
      mefs.push(...(await store.listMefs(uai)));
      subjects.push(...(await store.listSubjects(uai)));
      teachings.push(...(await store.listTeachings({ uai })));
    }
    same([...people.values()], data.people, 'people');
    same(groups, data.groups, 'groups');
    same(memberships, data.memberships, 'memberships');
    same(mefs, data.mefs, 'MEFs');
    same(subjects, data.subjects, 'subjects');
    same(teachings, data.teachings, 'teachings');
    same(await store.listRespAff({ entId: data.ent.id }), data.respAff, 'RespAff');
    // Only the demo's own automatic subscriptions: the feed's free-offer step added none.
    assert.equal(await store.countSubscriptions({ includeDeleted: true }), data.subscriptions.length);

    const service = createGarService({
      store,
      clock: { now: () => new Date(data.referenceDate) },
      issuer: 'https://gar.test',
      pseudonymSecret: 'seed-demo-feed-secret-0123456789abcdef',
      logger: silentLogger,
    });
    const head = { kind: 'ent-user', entId: data.ent.id, personId: DEMO_PERSON_IDS.collegeHead } as const;
    const report = await service.feeds.syncReport(head, DEMO_UAI.college);
    assert.equal(report.runId, run.id);
    const at = (profile: string) =>
      data.people.filter((p) => p.profiles.some((x) => x.uai === DEMO_UAI.college && x.profile === profile)).length;
    assert.equal(report.counts.National_elv, at('National_elv'));
    assert.equal(report.counts.National_ens, at('National_ens'));
    assert.equal(
      report.changes.arrived,
      at('National_elv') +
        new Set(
          data.people
            .filter(
              (p) =>
                !p.profiles.some((x) => x.profile === 'National_elv') &&
                p.profiles.some((x) => x.uai === DEMO_UAI.college),
            )
            .map((p) => p.id),
        ).size,
    );
    const pupil = { kind: 'ent-user', entId: data.ent.id, personId: DEMO_PERSON_IDS.collegePupil } as const;
    await assert.rejects(service.feeds.syncReport(pupil, DEMO_UAI.college));

    const again = await seedDemo(store, { data });
    assert.equal(again.feedRun, undefined);
    assert.equal(again.alreadySeeded, true);
    assert.equal((await store.listFeedRuns({ entId: data.ent.id })).length, 2);
    // The école's report: the director reads it, with no 1D anomaly.
    const director = { kind: 'ent-user', entId: data.ent.id, personId: 'dir-003' } as const;
    const ecoleReport = await service.feeds.syncReport(director, DEMO_UAI.ecole);
    assert.equal(ecoleReport.counts.National_dir, 1);
    assert.equal(ecoleReport.counts.National_doc, undefined);
    assert.deepEqual(ecoleReport.anomalies.pupilsWithUnknownLevel, []);
    assert.deepEqual(ecoleReport.anomalies.directorsNotInRespAff, []);
    assert.deepEqual(ecoleReport.anomalies.profilesAbsentAtEcole, []);
    assert.equal(await store.countSubscriptions({ includeDeleted: true }), data.subscriptions.length);
  });

  it('writes the directory directly when asked: the same data, no feed run, no sync report', async () => {
    const store = createMemoryStore();
    const data = demoDataSet();
    const result = await seedDemo(store, { data, directory: 'direct' });
    assert.equal(result.feedRun, undefined);
    assert.deepEqual(await store.listFeedRuns({ entId: data.ent.id }), []);
    assert.equal(await store.getSyncReport(DEMO_UAI.college), undefined);
    assert.equal(
      await store.countPeople({ uai: DEMO_UAI.college }),
      await (async () => {
        const fed = createMemoryStore();
        await seedDemo(fed, { data });
        return fed.countPeople({ uai: DEMO_UAI.college });
      })(),
    );
    assert.equal((await seedDemo(store, { data })).feedRun, undefined, 'a seeded store gets no feed later');
  });

  it('leaves a store seeded with the same data set as is at once, and seeds again for another data set', async () => {
    const store = createMemoryStore();
    const data = demoDataSet();
    await seedDemo(store, { data });
    const steps: string[] = [];
    const again = await seedDemo(store, { data, onProgress: (p) => steps.push(p.step) });
    assert.deepEqual(again, { subscriptions: 0, allocations: 0, copies: 0, events: 0, alreadySeeded: true });
    assert.deepEqual(steps, [], 'no step: nothing read again');
    const nextDay = demoDataSet({ referenceDate: new Date(Date.parse(data.referenceDate) + 86_400_000).toISOString() });
    await seedDemo(store, { data: nextDay, onProgress: (p) => steps.push(p.step) });
    assert.deepEqual(steps, [], 'a restart the next day (the demo’s “now” moved) reads nothing again either');
    const withEvents = await seedDemo(store, { data, statisticsSecret: 'demo-statistics-secret-for-the-test' });
    assert.ok(withEvents.events > 0, 'usage statistics asked for the first time are still written');
    const later = demoDataSet({ providerBaseUrl: 'http://127.0.0.1:4999' });
    const other: string[] = [];
    await seedDemo(store, { data: later, onProgress: (p) => other.push(p.step) });
    assert.ok(other.includes('subscription'), 'another data set is checked row by row');
    await store.putSetting(DEMO_SEED_SETTING, 'not json');
    const damaged: string[] = [];
    await seedDemo(store, { data: later, onProgress: (p) => damaged.push(p.step) });
    assert.ok(damaged.includes('registry'), 'an unreadable setting seeds again');
    await store.close();
  });
});
