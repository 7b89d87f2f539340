import { StoreBusyError, StoreError } from '../errors.js';

/** Limits of a {@link ConnectionGate}. */
export interface ConnectionGateOptions {
  /** Callers holding a connection at once (the pool's size). */
  size: number;
  /** Callers waiting for one at most; the next is refused at once. */
  queueLimit: number;
  /** Longest wait for a connection, in milliseconds; then the caller is refused. */
  queueTimeoutMs: number;
  /**
   * Callers of one key holding a connection at once (4 by default: the holder of its lock and three in line, whose
   * reads before the lock overlap the holder's work, so that the lock passes on without waiting for them).
   */
  perKey?: number;
  /** What a refusal tells the client to wait before retrying, in seconds (1 by default). */
  retryAfterSeconds?: number;
}

/** A FIFO line of callers for `capacity` places; a waiter gives up at its deadline. */
class Line {
  active = 0;
  readonly waiters: { admit(): void; fail(error: Error): void; timer: NodeJS.Timeout; first: boolean }[] = [];
  constructor(readonly capacity: number) {}

  /** Takes a place if one is free and nobody waits for it. */
  tryEnter(): boolean {
    if (this.active >= this.capacity || this.waiters.length > 0) return false;
    this.active++;
    return true;
  }

  /** Waits for a place passed on by `leave`, for at most `waitMs`. */
  /** `first`: ahead of the waiters that are not (in FIFO order among those that are). */
  wait(waitMs: number, onTimeout: () => Error, first = false): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        fail: (error: Error) => {
          clearTimeout(waiter.timer);
          reject(error);
        },
        timer: setTimeout(
          () => {
            const at = this.waiters.indexOf(waiter);
            if (at >= 0) this.waiters.splice(at, 1);
            reject(onTimeout());
          },
          Math.max(0, waitMs),
        ),
        first,
      };
      const at = first ? this.waiters.findIndex((w) => !w.first) : -1;
      if (at >= 0) this.waiters.splice(at, 0, waiter);
      else this.waiters.push(waiter);
    });
  }

  leave(): void {
    // The place passes straight to the next waiter, so that a newcomer cannot overtake the line.
    const next = this.waiters.shift();
    if (next) next.admit();
    else this.active--;
  }

  /** Refuses every waiter (the pool is closing). */
  failAll(error: () => Error): void {
    for (const w of this.waiters.splice(0)) w.fail(error());
  }

  get idle(): boolean {
    return this.active === 0 && this.waiters.length === 0;
  }
}

/**
 * Admission in front of a connection pool: at most `size` callers hold a connection, the others wait in FIFO order,
 * at most `queueLimit` of them, each for at most `queueTimeoutMs`. A caller beyond the queue, or one that waited too
 * long, gets a {@link StoreBusyError} (503 with `Retry-After` on HTTP) instead of waiting without bound. The pool then
 * never queues, so its own connect timeout measures only how long the database takes to accept a connection.
 *
 * Callers that name a key (transactions on one subscription, which would only wait on each other's row lock) take at
 * most `perKey` connections: the rest of a burst on one subscription waits in memory and leaves the pool to others.
 *
 * @example
 * ```ts
 * const gate = new ConnectionGate({ size: 10, queueLimit: 1000, queueTimeoutMs: 10_000 });
 * const rows = await gate.run('query', () => pool.query('SELECT 1'));
 * ```
 */
export class ConnectionGate {
  readonly #options: Required<ConnectionGateOptions>;
  readonly #pool: Line;
  readonly #keys = new Map<string, Line>();
  #waiting = 0;
  #closed = false;

  constructor(options: ConnectionGateOptions) {
    this.#options = { perKey: 4, retryAfterSeconds: 1, ...options };
    this.#pool = new Line(options.size);
  }

  /** Callers waiting for a connection now (in a key's line or the pool's). */
  get waiting(): number {
    return this.#waiting;
  }

  /** Runs `fn` once a connection is free (and the key's line let it through); frees both when `fn` settles. */
  async run<T>(operation: string, fn: () => Promise<T>, key?: string): Promise<T> {
    if (this.#closed) throw this.#closing(operation);
    const deadline = performance.now() + this.#options.queueTimeoutMs;
    const line = key === undefined ? undefined : this.#line(key);
    try {
      if (line && !line.tryEnter()) await this.#wait(line, operation, deadline);
      try {
        // A keyed caller is a lock turn (a batch of allocations) that the callers behind it end up waiting for: it
        // goes ahead of plain queries in the pool's line. At most `perKey` of one key wait there.
        if (!this.#pool.tryEnter()) await this.#wait(this.#pool, operation, deadline, key !== undefined);
        try {
          return await fn();
        } finally {
          this.#pool.leave();
        }
      } finally {
        line?.leave();
      }
    } finally {
      if (key !== undefined && line?.idle) this.#keys.delete(key);
    }
  }

  async #wait(line: Line, operation: string, deadline: number, first = false): Promise<void> {
    if (this.#waiting >= this.#options.queueLimit) {
      throw this.#busy(operation, `the database connections are busy (${this.#waiting} callers waiting)`);
    }
    this.#waiting++;
    try {
      await line.wait(
        deadline - performance.now(),
        () => this.#busy(operation, `no database connection within ${this.#options.queueTimeoutMs} ms`),
        first,
      );
    } finally {
      this.#waiting--;
    }
  }

  /** Refuses the callers still waiting and every later one: the pool is being closed. */
  close(): void {
    this.#closed = true;
    this.#pool.failAll(() => this.#closing('query'));
    for (const line of this.#keys.values()) line.failAll(() => this.#closing('transaction'));
  }

  #closing(operation: string): StoreError {
    return new StoreError('unavailable', `${operation}: the store is closing`);
  }

  #line(key: string): Line {
    let line = this.#keys.get(key);
    if (!line) {
      line = new Line(this.#options.perKey);
      this.#keys.set(key, line);
    }
    return line;
  }

  #busy(operation: string, why: string): StoreBusyError {
    return new StoreBusyError(`${operation}: ${why}`, this.#options.retryAfterSeconds);
  }
}
