import type { ProblemCode } from '@opengar/core';
import { GarServerError } from '../kernel/gar-server-error.js';

/**
 * Codes of store errors. `invalid-text`: the database refused a value's characters (a NUL in a text column, a
 * `\u0000` in JSON) — input the service should have refused first, answered 400 rather than 500 as a last resort.
 * `failed`: the database refused a statement for another reason (a bug, a full disk…); the message names the
 * operation only, the driver error is in `cause`.
 */
export type StoreErrorCode =
  | 'conflict'
  | 'not-found'
  | 'unavailable'
  | 'locked'
  | 'migration-failed'
  | 'invalid-text'
  | 'failed';

/** What a 503 for an unreachable store tells the client to wait, in seconds (an overloaded store says its own). */
const STORE_DOWN_RETRY_AFTER_SECONDS = 5;

// What HTTP answers for each code: the messages name operations and stay in logs, clients read these.
const ANSWERS: Record<StoreErrorCode, { problem: ProblemCode; detail: string; retryAfterS?: number }> = {
  conflict: { problem: 'conflict', detail: 'the change conflicts with the current state' },
  'not-found': { problem: 'not-found', detail: 'not found' },
  'invalid-text': { problem: 'validation', detail: 'the input holds characters that are not accepted' },
  unavailable: {
    problem: 'unavailable',
    detail: 'the store is unavailable, retry later',
    retryAfterS: STORE_DOWN_RETRY_AFTER_SECONDS,
  },
  locked: {
    problem: 'unavailable',
    detail: 'the store is unavailable, retry later',
    retryAfterS: STORE_DOWN_RETRY_AFTER_SECONDS,
  },
  'migration-failed': { problem: 'internal', detail: 'an internal error occurred' },
  failed: { problem: 'internal', detail: 'an internal error occurred' },
};

/** Base class of store errors; `cause` keeps the driver's error (never shown to clients). */
export class StoreError extends GarServerError {
  readonly code: StoreErrorCode;
  constructor(
    code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterS?: number; publicDetail?: string },
  ) {
    const answer = ANSWERS[code];
    super(answer.problem, message, {
      publicDetail: options?.publicDetail ?? answer.detail,
      ...(options?.cause === undefined ? {} : { cause: options.cause }),
      ...(code === 'invalid-text'
        ? { issues: [{ pointer: '', code: 'control_character', message: 'control characters are not accepted' }] }
        : {}),
      ...((options?.retryAfterS ?? answer.retryAfterS) === undefined
        ? {}
        : { retryAfterS: options?.retryAfterS ?? answer.retryAfterS }),
    });
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
    super('not-found', message, options);
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
    super('unavailable', message, {
      ...options,
      retryAfterS: retryAfterSeconds,
      publicDetail: 'the service is busy, retry later',
    });
    this.name = 'StoreBusyError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
