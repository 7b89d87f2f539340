import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyManager } from '../../src/keys/create-key-manager.js';
import { PURGE_LEASE, startScheduledJobs } from '../../src/cli/scheduled-jobs.js';
import { createMemoryStore } from '../../src/store/index.js';
import { TestClock } from '../helpers/clock.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function countingKeys(): KeyManager & { rotations: number } {
  const keys = {
    rotations: 0,
    jwks: async () => ({ keys: [] }),
    signingKey: async () => {
      throw new Error('not used');
    },
    ensureKeys: async () => [],
    rotate: async () => [],
    maybeRotate: async () => {
      keys.rotations++;
      return false;
    },
  };
  return keys;
}

describe('startScheduledJobs', () => {
  it('runs key rotation and purges expired tickets, then stops', async () => {
    const store = createMemoryStore();
    const now = new Date('2026-09-14T08:00:00.000Z');
    await store.putTicket({ id: 't-old', kind: 'cas', payload: {}, expiresAt: '2026-09-14T07:59:00.000Z' });
    await store.putTicket({ id: 't-new', kind: 'cas', payload: {}, expiresAt: '2026-09-14T09:00:00.000Z' });
    const keys = countingKeys();
    const jobs = startScheduledJobs({ store, keys, clock: new TestClock(now), rotationEveryMs: 10, purgeEveryMs: 10 });
    await wait(80);
    await jobs.stop();
    assert.ok(keys.rotations >= 1);
    const after = keys.rotations;
    assert.equal(await store.purgeExpired(now.toISOString()), 0, 'the job purged the expired ticket already');
    assert.ok(await store.consumeTicket('t-new', 'cas', now.toISOString()), 'a live ticket stays');
    await wait(40);
    assert.equal(keys.rotations, after, 'nothing runs after stop');
    await store.close();
  });

  it('skips the purge while another instance holds its lease', async () => {
    const store = createMemoryStore();
    const now = new Date('2026-09-14T08:00:00.000Z');
    assert.ok(await store.acquireLease(PURGE_LEASE, 'other-instance', '2026-09-14T09:00:00.000Z', now.toISOString()));
    await store.putTicket({ id: 't-old', kind: 'cas', payload: {}, expiresAt: '2026-09-14T07:59:00.000Z' });
    const jobs = startScheduledJobs({
      store,
      keys: countingKeys(),
      clock: new TestClock(now),
      rotationEveryMs: 1000,
      purgeEveryMs: 10,
    });
    await wait(60);
    await jobs.stop();
    assert.equal(await store.purgeExpired(now.toISOString()), 1, 'the expired ticket was left for the lease holder');
    await store.close();
  });
});
