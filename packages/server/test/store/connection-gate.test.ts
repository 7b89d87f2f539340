// The bounded queue in front of the PostgreSQL pool: callers beyond the queue limit, or waiting longer than the queue
// timeout, get a StoreBusyError at once instead of waiting without bound; the others are served in arrival order;
// callers of one key take at most `perKey` places. And the pool settings read from the environment.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postgresPoolFromEnv } from '../../src/node/stores.js';
import { StoreBusyError, StoreError } from '../../src/store/index.js';
import { ConnectionGate } from '../../src/store/sql/connection-gate.js';

/** A task that runs until released, recording that it started. */
function held(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { run: () => (started.push(name), done.then(() => name)), release: () => release() };
}

const isBusy = (e: unknown) => e instanceof StoreBusyError && e.code === 'unavailable' && e.retryAfterSeconds >= 1;

describe('ConnectionGate', () => {
  test('a keyed caller (a lock turn) goes ahead of plain callers waiting for the pool, in order among keyed ones', async () => {
    const gate = new ConnectionGate({ size: 1, queueLimit: 10, queueTimeoutMs: 60_000 });
    const started: string[] = [];
    const tasks = Object.fromEntries(['a', 'q1', 'q2', 'k1', 'k2'].map((n) => [n, held(started, n)]));
    const runs = [
      gate.run('q', tasks.a!.run),
      gate.run('q', tasks.q1!.run),
      gate.run('q', tasks.q2!.run),
      gate.run('t', tasks.k1!.run, 'subscription:A'),
      gate.run('t', tasks.k2!.run, 'subscription:B'),
    ];
    for (const name of ['a', 'k1', 'k2', 'q1', 'q2']) {
      await new Promise((r) => setImmediate(r));
      assert.equal(started.at(-1), name);
      tasks[name]!.release();
    }
    assert.deepEqual(await Promise.all(runs), ['a', 'q1', 'q2', 'k1', 'k2']);
    assert.deepEqual(started, ['a', 'k1', 'k2', 'q1', 'q2']);
  });

  test('beyond the queue limit a caller is refused at once; the queue is served in order', async () => {
    const gate = new ConnectionGate({ size: 1, queueLimit: 2, queueTimeoutMs: 60_000 });
    const started: string[] = [];
    const a = held(started, 'a');
    const b = held(started, 'b');
    const c = held(started, 'c');
    const pa = gate.run('t', a.run);
    const pb = gate.run('t', b.run);
    const pc = gate.run('t', c.run);
    assert.equal(gate.waiting, 2);
    await assert.rejects(
      gate.run('t', async () => 'd'),
      isBusy,
    );
    assert.deepEqual(started, ['a']);
    a.release();
    assert.equal(await pa, 'a');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, ['a', 'b']);
    b.release();
    c.release();
    assert.deepEqual(await Promise.all([pb, pc]), ['b', 'c']);
    assert.equal(gate.waiting, 0);
    assert.equal(await gate.run('t', async () => 'e'), 'e');
  });

  test('a caller waiting longer than the queue timeout is refused, and its place is not lost', async () => {
    const gate = new ConnectionGate({ size: 1, queueLimit: 10, queueTimeoutMs: 20 });
    const started: string[] = [];
    const a = held(started, 'a');
    const pa = gate.run('t', a.run);
    await assert.rejects(
      gate.run('t', async () => 'late'),
      isBusy,
    );
    assert.equal(gate.waiting, 0);
    a.release();
    await pa;
    assert.equal(await gate.run('t', async () => 'next'), 'next');
  });

  test('a failing caller frees its place', async () => {
    const gate = new ConnectionGate({ size: 1, queueLimit: 0, queueTimeoutMs: 1000 });
    await assert.rejects(
      gate.run('t', async () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await gate.run('t', async () => 'ok'), 'ok');
  });

  test('closing refuses the waiting callers and later ones as unavailable; running ones finish', async () => {
    const gate = new ConnectionGate({ size: 1, queueLimit: 10, queueTimeoutMs: 60_000 });
    const started: string[] = [];
    const a = held(started, 'a');
    const pa = gate.run('t', a.run);
    const waiting = [gate.run('t', async () => 'b'), gate.run('t', async () => 'c', 'subscription:A')];
    gate.close();
    const unavailable = (e: unknown) => e instanceof StoreError && e.code === 'unavailable';
    for (const w of waiting) await assert.rejects(w, unavailable);
    await assert.rejects(
      gate.run('t', async () => 'd'),
      unavailable,
    );
    a.release();
    assert.equal(await pa, 'a');
  });

  test('callers of one key take at most `perKey` places; others pass them', async () => {
    const gate = new ConnectionGate({ size: 4, queueLimit: 10, queueTimeoutMs: 60_000, perKey: 2 });
    const started: string[] = [];
    const k = [1, 2, 3].map((i) => held(started, `k${i}`));
    const pk = k.map((t) => gate.run('t', t.run, 'subscription:A'));
    const other = gate.run('t', async () => 'other');
    assert.equal(await other, 'other');
    assert.deepEqual(started, ['k1', 'k2']);
    k[0]!.release();
    await pk[0];
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, ['k1', 'k2', 'k3']);
    k[1]!.release();
    k[2]!.release();
    await Promise.all(pk);
    assert.equal(gate.waiting, 0);
  });
});

describe('postgresPoolFromEnv', () => {
  test('reads the three settings; unset or empty means the default', () => {
    assert.deepEqual(postgresPoolFromEnv({}), {});
    assert.deepEqual(
      postgresPoolFromEnv({
        OPENGAR_PG_POOL_SIZE: '20',
        OPENGAR_PG_QUEUE_LIMIT: '0',
        OPENGAR_PG_QUEUE_TIMEOUT_MS: '',
        OTHER: 'x',
      }),
      { maxConnections: 20, queueLimit: 0 },
    );
    assert.deepEqual(postgresPoolFromEnv({ OPENGAR_PG_QUEUE_TIMEOUT_MS: '2500' }), { queueTimeoutMs: 2500 });
  });

  test('refuses what is not a whole number in range, naming the variable', () => {
    for (const [name, value] of [
      ['OPENGAR_PG_POOL_SIZE', '0'],
      ['OPENGAR_PG_POOL_SIZE', 'ten'],
      ['OPENGAR_PG_QUEUE_LIMIT', '-1'],
      ['OPENGAR_PG_QUEUE_TIMEOUT_MS', '1.5'],
    ] as const) {
      assert.throws(
        () => postgresPoolFromEnv({ [name]: value }),
        (e: unknown) => e instanceof TypeError && e.message.startsWith(name),
      );
    }
  });
});
