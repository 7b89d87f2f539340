import { StoreConflictError, StoreError } from '../errors.js';

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Whether a driver error says the database cannot be reached (rather than that a statement failed). */
export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    return (
      CONNECTION_ERRORS.has(code) ||
      code.startsWith('08') ||
      code.startsWith('28') ||
      code === '3D000' ||
      code === '57P01' ||
      code === '57P03' ||
      code === '53300'
    );
  }
  return error instanceof Error && /connection|terminat|timeout/i.test(error.message);
}

/**
 * The store error a driver error stands for, with a message that names the operation but no SQL, no values and no
 * credentials; the driver's error stays in `cause` for logs.
 */
export function toStoreError(error: unknown, operation: string): StoreError | TypeError {
  if (error instanceof StoreError) return error;
  // A caller's misuse (a malformed date-time, a lock outside a transaction) is reported as it was thrown.
  if (error instanceof TypeError && codeOf(error) === undefined) return error;
  const code = codeOf(error);
  if (code === '23505') return new StoreConflictError(`${operation}: a row with that key exists`, { cause: error });
  // 22021 character_not_in_repertoire (a NUL in text), 22P05 untranslatable_character (`\u0000` in jsonb).
  if (code === '22021' || code === '22P05')
    return new StoreError('invalid-text', `${operation}: a value holds characters the database refuses`, {
      cause: error,
    });
  if (isConnectionError(error))
    return new StoreError('unavailable', `${operation}: the database cannot be reached`, { cause: error });
  return new StoreError('failed', `${operation} failed`, { cause: error });
}
