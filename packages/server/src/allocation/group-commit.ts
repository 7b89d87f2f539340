import { StoreBusyError } from '../store/errors.js';

/** One request's outcome in a batch: its own answer or its own error. */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** Runs a batch of one key's requests in one transaction; answers each, in order. */
export type RunBatch<I, O> = (key: string, inputs: readonly I[]) => Promise<Settled<O>[]>;

interface Waiter<I, O> {
  input: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit per key: requests of one key arriving while a batch of that key runs wait in memory and are run
 * together as the next batch (at most `maxBatch`), so that a burst on one subscription costs a few transactions
 * rather than one lock turn each. A lone request runs at once (no timer). Per process: instances sharing a database
 * still serialise on the database's lock.
 *
 * A batch that fails as a whole (rather than answering each request) is replayed one request at a time, so that a
 * failure one request would cause alone never becomes its neighbours'; except when the database is busy, where
 * replaying would only add load: every request of the batch gets that error.
 *
 * @example
 * ```ts
 * const commits = new GroupCommit<number, number>(async (_key, xs) => xs.map((x) => ({ ok: true, value: x * 2 })));
 * await commits.submit('subscription:ABO-1', 21); // 42
 * ```
 */
export class GroupCommit<I, O> {
  readonly #queues = new Map<string, Waiter<I, O>[]>();

  constructor(
    private readonly run: RunBatch<I, O>,
    private readonly maxBatch = 100,
  ) {}

  /** Queues a request behind its key's batch in progress (or runs it at once) and answers it alone. */
  submit(key: string, input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const queued = this.#queues.get(key);
      if (queued) {
        queued.push({ input, resolve, reject });
        return;
      }
      const queue = [{ input, resolve, reject }];
      this.#queues.set(key, queue);
      void this.#drain(key, queue);
    });
  }

  async #drain(key: string, queue: Waiter<I, O>[]): Promise<void> {
    try {
      while (queue.length > 0) await this.#runBatch(key, queue.splice(0, this.maxBatch));
    } finally {
      this.#queues.delete(key);
      // Only if a batch threw past its own handling: nobody is left waiting for an answer that will not come.
      for (const w of queue.splice(0)) w.reject(new Error('the batch of this request failed'));
    }
  }

  async #runBatch(key: string, batch: Waiter<I, O>[]): Promise<void> {
    let results: Settled<O>[];
    try {
      results = await this.run(
        key,
        batch.map((w) => w.input),
      );
    } catch (error) {
      if (batch.length === 1 || error instanceof StoreBusyError) {
        for (const w of batch) w.reject(error);
        return;
      }
      for (const w of batch) await this.#runBatch(key, [w]);
      return;
    }
    for (const [i, w] of batch.entries()) {
      const r = results[i];
      if (r === undefined) w.reject(new Error('the batch gave no answer for this request'));
      else if (r.ok) w.resolve(r.value);
      else w.reject(r.error);
    }
  }
}
