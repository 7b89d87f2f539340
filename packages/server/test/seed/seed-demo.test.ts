import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createMemoryStore } from '../../src/store/index.js';
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
});
