import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryReplayStore } from '../src/index.js';
import { NOW, NOW_MS } from './fixtures/tokens.js';
import { testClock } from './fixtures/verifiers.js';

test('the memory replay store answers true once per jti until it expires', async () => {
  const clock = testClock();
  const store = createMemoryReplayStore({ clock });
  assert.equal(await store.consume('a', NOW + 60), true);
  assert.equal(await store.consume('a', NOW + 60), false);
  assert.equal(await store.consume('b', NOW + 60), true);
  clock.set(NOW_MS + 61_000);
  assert.equal(await store.consume('a', NOW + 120), true, 'an expired record is forgotten');
});

test('the memory replay store stays bounded and fails closed when full of live tokens', async () => {
  const clock = testClock();
  const store = createMemoryReplayStore({ clock, maxEntries: 3 });
  for (const jti of ['a', 'b', 'c']) assert.equal(await store.consume(jti, NOW + 10), true);
  assert.equal(await store.consume('d', NOW + 10), false, 'full of live tokens: refuse rather than forget one');
  assert.equal(await store.consume('a', NOW + 10), false);
  clock.advance(11_000);
  assert.equal(await store.consume('d', NOW + 30), true, 'expired records are swept to make room');
  assert.equal(await store.consume('e', NOW + 30), true);
  assert.equal(await store.consume('d', NOW + 30), false);
});

test('maxEntries must be a positive integer', () => {
  assert.throws(() => createMemoryReplayStore({ maxEntries: 0 }), TypeError);
  assert.throws(() => createMemoryReplayStore({ maxEntries: 1.5 }), TypeError);
});
