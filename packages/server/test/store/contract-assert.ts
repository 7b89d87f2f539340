import assert from 'node:assert/strict';
import { StoreError, type StoreErrorCode } from '../../src/store/index.js';

/** Asserts that `promise` rejects with a {@link StoreError} of `code`. */
export async function rejectsWithCode(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof StoreError, `expected a StoreError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

/** Asserts that `promise` rejects with a `TypeError` (a caller's misuse). */
export async function rejectsAsMisuse(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, TypeError);
}
