// Group commit per key: requests queued while a batch of their key runs are run together as the next batch, each
// answered alone; a batch failing as a whole is replayed one request at a time, except when the database is busy.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GroupCommit, type Settled } from '../../src/allocation/group-commit.js';
import { StoreBusyError } from '../../src/store/index.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  test('a lone request runs at once; those arriving meanwhile form the next batch (at most maxBatch), per key', async () => {
    const batches: string[] = [];
    let open!: () => void;
    let gate = new Promise<void>((r) => (open = r));
    const commits = new GroupCommit<number, number>(async (key, xs) => {
      batches.push(`${key}:${xs.join(',')}`);
      await gate;
      return xs.map(
        (x): Settled<number> =>
          x < 0 ? { ok: false, error: new RangeError(`refused ${x}`) } : { ok: true, value: x * 2 },
      );
    }, 2);
    const first = commits.submit('A', 1);
    const others = Promise.allSettled([
      commits.submit('A', 2),
      commits.submit('A', -3),
      commits.submit('A', 4),
      commits.submit('B', 5),
    ]);
    await tick();
    assert.deepEqual(batches, ['A:1', 'B:5']);
    const release = () => {
      open();
      gate = new Promise<void>((r) => (open = r));
    };
    release();
    assert.equal(await first, 2);
    await tick();
    assert.deepEqual(batches, ['A:1', 'B:5', 'A:2,-3']);
    release();
    await tick();
    release();
    const settled = await others;
    assert.deepEqual(batches, ['A:1', 'B:5', 'A:2,-3', 'A:4']);
    assert.equal(settled[0]!.status === 'fulfilled' && settled[0]!.value, 4);
    assert.ok(
      settled[1]!.status === 'rejected' && settled[1]!.reason instanceof RangeError,
      "a refusal is its own request's only",
    );
    assert.equal(settled[2]!.status === 'fulfilled' && settled[2]!.value, 8);
    assert.equal(settled[3]!.status === 'fulfilled' && settled[3]!.value, 10);
  });

  test('a batch failing as a whole is replayed one request at a time; a busy database refuses the whole batch', async () => {
    const batches: number[][] = [];
    let hold = true;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const commits = new GroupCommit<number, number>(async (_key, xs) => {
      batches.push([...xs]);
      if (hold) {
        hold = false;
        await gate;
      }
      if (xs.includes(99)) throw new StoreBusyError('busy', 1);
      if (xs.includes(13)) throw new TypeError('poisoned');
      return xs.map((x) => ({ ok: true as const, value: x }));
    });
    const first = commits.submit('A', 0);
    const queued = Promise.allSettled([1, 13, 2].map((x) => commits.submit('A', x)));
    await tick();
    open();
    assert.equal(await first, 0);
    const settled = await queued;
    assert.deepEqual(batches, [[0], [1, 13, 2], [1], [13], [2]]);
    assert.deepEqual(
      settled.map((s) => s.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.ok(settled[1]!.status === 'rejected' && settled[1]!.reason instanceof TypeError);

    batches.length = 0;
    hold = true;
    let open2!: () => void;
    const gate2 = new Promise<void>((r) => (open2 = r));
    const busyCommits = new GroupCommit<number, number>(async (_key, xs) => {
      batches.push([...xs]);
      if (xs.length === 1 && xs[0] === 0) await gate2;
      if (xs.includes(99)) throw new StoreBusyError('busy', 1);
      return xs.map((x) => ({ ok: true as const, value: x }));
    });
    const lead = busyCommits.submit('A', 0);
    const busy = Promise.allSettled([3, 99].map((x) => busyCommits.submit('A', x)));
    await tick();
    open2();
    await lead;
    const refused = await busy;
    assert.deepEqual(batches, [[0], [3, 99]], 'not replayed');
    assert.ok(refused.every((s) => s.status === 'rejected' && s.reason instanceof StoreBusyError));
  });
});
