/**
 * Codes of store errors. `invalid_text`: the database refused a value's characters (a NUL in a text column, a
 * `\u0000` in JSON) — input the service should have refused first, answered 400 rather than 500 as a last resort.
 * `failed`: the database refused a statement for another reason (a bug, a full disk…); the message names the
 * operation only, the driver error is in `cause`.
 */
export type StoreErrorCode = 'conflict' | 'not_found' | 'unavailable' | 'locked' | 'migration_failed' | 'invalid_text' | 'failed';

/** Base class of store errors; `cause` keeps the driver's error (never shown to clients). */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** A row with that key exists already. */
export class StoreConflictError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
    this.name = 'StoreConflictError';
  }
}

/** No row with that key. */
export class StoreNotFoundError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not_found', message, options);
    this.name = 'StoreNotFoundError';
  }
}

/**
 * The store is overloaded rather than broken: every connection is taken and the queue for one is full, or a caller
 * waited longer than the queue allows. Code `unavailable`; HTTP answers 503 with `Retry-After: retryAfterSeconds`.
 *
 * @example
 * ```ts
 * if (error instanceof StoreBusyError) response.headers.set('retry-after', String(error.retryAfterSeconds));
 * ```
 */
export class StoreBusyError extends StoreError {
  /** Seconds a client should wait before retrying. */
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 1, options?: { cause?: unknown }) {
    super('unavailable', message, options);
    this.name = 'StoreBusyError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
