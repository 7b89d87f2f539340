/**
 * Longest stretch of apply work between two yields to the event loop, in milliseconds. Time, not a count of
 * operations: one store operation takes microseconds in memory, milliseconds on PGlite (which runs on the event loop's
 * thread), and a round trip on PostgreSQL.
 */
export const PACE_MS = 20;

/**
 * Called between operations of a long feed step; yields to the event loop once `PACE_MS` have passed since the last
 * yield, throws once aborted.
 *
 * @example
 * ```ts
 * await applyFeed(tx, snapshot, { actor, at, runId, pace: createPace(signal) });
 * ```
 */
export type Pace = () => Promise<void>;

// setImmediate lets pending I/O (other requests) run; browsers have only setTimeout.
const yieldNow: () => Promise<void> =
  typeof globalThis.setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A pacer: once `ms` have passed since its last yield, it yields to the event loop, so a long import inside one
 * transaction never keeps other requests waiting more than about one store operation beyond `ms`; once `signal` is
 * aborted, the next call throws (the transaction rolls back). Browser-safe.
 *
 * @example
 * ```ts
 * const pace = createPace(signal);
 * for (const p of people) { await tx.putPerson(p); await pace(); }
 * ```
 */
export function createPace(signal?: AbortSignal, ms = PACE_MS): Pace {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < ms) return;
    await yieldNow();
    since = performance.now();
    signal?.throwIfAborted();
  };
}

/**
 * Rows written per bulk call (people, memberships) to begin with: small enough that one call stays a few tens of
 * milliseconds even on PGlite.
 */
export const WRITE_BATCH = 25;

/** Most rows one bulk call may write (and so hold at once): what {@link WriteSize} grows to where writes are quick. */
export const MAX_WRITE_BATCH = 1000;

/**
 * How many rows the next bulk write takes: it starts at {@link WRITE_BATCH}, doubles while a write takes under a
 * quarter of `PACE_MS` (PostgreSQL, where a call costs a round trip whatever its size) and halves when one takes longer
 * than `PACE_MS` (PGlite, which writes on the event loop's thread), between `WRITE_BATCH` and {@link MAX_WRITE_BATCH}.
 */
export interface WriteSize {
  readonly size: number;
  /** Writes `items` in runs of the current size, adjusting it after each and pacing between them. */
  write<T>(items: readonly T[], fn: (batch: T[]) => Promise<void>): Promise<void>;
}

/**
 * A {@link WriteSize} for one import. Browser-safe.
 *
 * @example
 * ```ts
 * const sizer = createWriteSize(createPace(signal));
 * const added: Membership[] = [{ uai: '0561641E', groupCode: '6A', personId: 'p1' }];
 * await sizer.write(added, (batch) => tx.putMemberships(batch));
 * ```
 */
export function createWriteSize(pace?: Pace, ms = PACE_MS): WriteSize {
  let size = WRITE_BATCH;
  return {
    get size() {
      return size;
    },
    async write(items, fn) {
      for (let at = 0; at < items.length; ) {
        const batch = items.slice(at, at + size);
        at += batch.length;
        const t = performance.now();
        await fn(batch);
        const took = performance.now() - t;
        if (took < ms / 4 && batch.length === size) size = Math.min(MAX_WRITE_BATCH, size * 2);
        else if (took > ms) size = Math.max(WRITE_BATCH, Math.floor(size / 2));
        await pace?.();
      }
    },
  };
}

/** Splits `items` into runs of at most `size`. */
export function batches<T>(items: readonly T[], size = WRITE_BATCH): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}
