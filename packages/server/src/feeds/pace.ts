/** Store operations between two yields to the event loop while a feed is applied (PGlite runs on that thread). */
export const PACE_EVERY = 100;

/** Called every few operations of a long feed step; yields to the event loop now and then, throws once aborted. */
export type Pace = (operations?: number) => Promise<void>;

// setImmediate lets pending I/O (other requests) run; browsers have only setTimeout.
const yieldNow: () => Promise<void> =
  typeof globalThis.setImmediate === 'function' ? () => new Promise((resolve) => setImmediate(resolve)) : () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A pacer: every `every` operations it yields to the event loop, so a long import inside one transaction never keeps
 * other requests waiting more than one batch; once `signal` is aborted, the next call throws (the transaction rolls
 * back). Browser-safe.
 *
 * @example
 * ```ts
 * const pace = createPace(signal);
 * for (const p of people) { await tx.putPerson(p); await pace(); }
 * ```
 */
export function createPace(signal?: AbortSignal, every = PACE_EVERY): Pace {
  let count = 0;
  return async (operations = 1) => {
    count += operations;
    if (count < every) return;
    count = 0;
    await yieldNow();
    signal?.throwIfAborted();
  };
}

/**
 * Rows written per bulk call (people, memberships): small enough that one call stays a few tens of milliseconds even
 * on PGlite, which runs on the event loop's thread.
 */
export const WRITE_BATCH = 50;

/** Splits `items` into runs of at most `size`. */
export function batches<T>(items: readonly T[], size = WRITE_BATCH): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}
