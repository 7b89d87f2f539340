// A feed is held compactly and written in bounded batches: never all of its people at once, and all-or-nothing still.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Person } from '@opengar/core';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { PackedPeople } from '../../src/feeds/packed-people.js';
import { createWriteSize, MAX_WRITE_BATCH, WRITE_BATCH } from '../../src/feeds/pace.js';
import { createMemoryStore, type Store, type StoreOps } from '../../src/store/index.js';
import { FEED_ENT as ENT, SYSTEM as system } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { sources } from './feed-sources.js';

const full: Person = {
  entId: 'ENTBRE',
  id: 'p-1',
  lastName: 'Lefèvre',
  firstName: 'Zoé « Zo »',
  civility: 'Mme',
  email: 'zoe@example.fr',
  birthDate: '2012-03-04',
  profiles: [
    { uai: '0561641E', profile: 'National_elv' },
    { uai: '0561642F', profile: 'National_elv' },
  ],
  mefs: [{ uai: '0561641E', code: '10010012110' }],
};
const bare: Person = {
  entId: 'ENTBRE',
  id: 'p-2',
  lastName: 'Martin',
  firstName: 'Paul',
  profiles: [{ uai: '0561641E', profile: 'National_ens' }],
  mefs: [],
};

test('PackedPeople is a Map of people: each read is an equal, fresh copy; absent fields stay absent', () => {
  const people = new PackedPeople('ENTBRE');
  assert.equal(people.set(full.id, full), people);
  people.set(bare.id, bare);
  assert.equal(people.size, 2);
  assert.deepEqual(people.get('p-1'), full);
  assert.deepEqual(people.get('p-2'), bare);
  assert.equal('email' in people.get('p-2')!, false);
  assert.equal(people.get('nobody'), undefined);
  assert.equal(people.has('p-1'), true);
  const copy = people.get('p-1')!;
  copy.mefs.push({ uai: '0561642F', code: 'X' });
  assert.equal(people.get('p-1')!.mefs.length, 1, 'a read is a copy');
  people.set('p-1', copy);
  assert.equal(people.get('p-1')!.mefs.length, 2, 'set back, it is kept');
  assert.deepEqual([...people.keys()], ['p-1', 'p-2']);
  assert.deepEqual(
    [...people.values()].map((p) => p.id),
    ['p-1', 'p-2'],
  );
  assert.deepEqual(
    [...people].map(([id, p]) => [id, p.lastName]),
    [
      ['p-1', 'Lefèvre'],
      ['p-2', 'Martin'],
    ],
  );
  const seen: string[] = [];
  people.forEach((p, id) => {
    seen.push(`${id}:${p.firstName}`);
  });
  assert.deepEqual(seen, ['p-1:Zoé « Zo »', 'p-2:Paul']);
  assert.equal(people.delete('p-1'), true);
  assert.equal(people.size, 1);
  people.clear();
  assert.equal(people.size, 0);
});

/** The memory store, with every `putPeople` counted (the people of each call) and, if asked, failing once `failAt` people are written. */
function countingStore(failAt?: number): { store: Store; calls: number[] } {
  const inner = createMemoryStore();
  const calls: number[] = [];
  const wrap = (tx: StoreOps): StoreOps =>
    new Proxy(tx, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (key !== 'putPeople') return typeof value === 'function' ? value.bind(target) : value;
        return async (people: Person[]) => {
          calls.push(people.length);
          if (calls.reduce((a, b) => a + b, 0) === failAt) throw new Error('disk full');
          return target.putPeople(people);
        };
      },
    });
  const store = new Proxy(inner, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key === 'transaction')
        return <T>(fn: (tx: StoreOps) => Promise<T>) => target.transaction((tx) => fn(wrap(tx)));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, calls };
}

const model = generateFeedModel({ schools: 2, pupilsPerSchool: 60, pupilsPerDivision: 30 });
const files = [...feedFiles(model, { perFile: 40 })];
const people = model.pupils.length + model.staff.length;

test('a feed of many batches: people are written a batch at a time, never all at once, and a second import writes none', async () => {
  const { store, calls } = countingStore();
  const { service } = await buildWorld({ data: 'feed', store });
  assert.ok(people > 4 * WRITE_BATCH, 'the feed is several batches long');
  const { run } = await service.feeds.import(system, ENT, sources(files));
  assert.equal(run.status, 'applied');
  assert.equal(run.summary?.arrived, people);
  assert.equal(
    calls.reduce((a, b) => a + b, 0),
    people,
  );
  assert.ok(calls.length > 1, 'several writes');
  assert.equal(calls[0], WRITE_BATCH, 'the first write is a small one');
  assert.ok(Math.max(...calls) <= MAX_WRITE_BATCH, `at most ${MAX_WRITE_BATCH} people held for one write`);
  assert.equal((await store.listPeople({ uai: model.schools[0]!.uai })).length > 0, true);
  calls.length = 0;
  const again = await service.feeds.import(system, ENT, sources(files));
  assert.equal(again.run.summary?.arrived, 0);
  assert.equal(again.run.summary?.changed, 0);
  assert.deepEqual(calls, [], 'the same feed again writes nobody');
});

test('a failure in the last batch of people leaves nothing written: no school, person, membership or run', async () => {
  const { store, calls } = countingStore(people);
  const { service } = await buildWorld({ data: 'feed', store });
  await assert.rejects(service.feeds.import(system, ENT, sources(files)), /disk full/);
  assert.ok(calls.length > 1, 'it failed at the last of several batches');
  for (const s of model.schools) {
    assert.equal(await store.getSchool(s.uai), undefined);
    assert.deepEqual(await store.listPeople({ uai: s.uai }), []);
    assert.deepEqual(await store.listMemberships({ uai: s.uai }), []);
    assert.deepEqual(await store.listGroups(s.uai), []);
  }
  assert.deepEqual(await store.listFeedRuns({ entId: ENT, limit: 10 }), []);
});

test('the write size grows where writes are quick and stays small where they are not, within its bounds', async () => {
  const items = Array.from({ length: 5000 }, (_, i) => i);
  const seen = async (ms: number) => {
    const sizes: number[] = [];
    const sizer = createWriteSize(undefined, ms);
    await sizer.write(items, async (batch) => void sizes.push(batch.length));
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      items.length,
      'every item once',
    );
    return sizes;
  };
  // Every write "quick" (under a quarter of an infinite budget): 25, 50… up to the most.
  const quick = await seen(Number.POSITIVE_INFINITY);
  assert.deepEqual(quick.slice(0, 6), [25, 50, 100, 200, 400, 800]);
  assert.equal(Math.max(...quick), MAX_WRITE_BATCH);
  // Every write "slow" (over a budget of 0 ms… or exactly at it): never more than the first size.
  assert.equal(Math.max(...(await seen(-1))), WRITE_BATCH);
});
