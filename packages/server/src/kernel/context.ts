import { safeParse, type ValidationIssue } from '@opengar/core';
import type { z } from 'zod';
import type { Store } from '../store/types.js';
import { GarServiceError } from './errors.js';
import type { Logger } from './logger.js';
import type { Clock } from './types.js';

/** What every use case module receives. */
export interface ServiceContext {
  store: Store;
  /**
   * Where reads that may be a little late go (a streaming replica, `GarServiceOptions.readReplica`): only the
   * médiacentre listing's and the statistics' bulk reads, never inside a transaction, never what decides who may
   * call, and never what the same request wrote. Absent: everything reads `store`.
   */
  reads?: Store;
  clock: Clock;
  logger: Logger;
  issuer: string;
}

/** Validates untrusted input with a core schema; throws a `validation` {@link GarServiceError} listing every issue. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  extra?: (value: z.output<S>) => ValidationIssue[],
): z.output<S> {
  const r = safeParse(schema, input, what);
  if (!r.ok) throw new GarServiceError('validation', r.error.message, { issues: r.error.issues });
  const issues = extra ? extra(r.value) : [];
  if (issues.length > 0) throw new GarServiceError('validation', `Invalid ${what}`, { issues });
  return r.value;
}

/** Checks that a path's id matches the body's. */
export function sameId(pathId: string, bodyId: string, pointer = '/id'): void {
  if (pathId !== bodyId) {
    throw new GarServiceError('validation', 'Invalid input: the id in the body differs from the path', {
      issues: [{ pointer, code: 'conflict', message: 'must equal the id in the path' }],
    });
  }
}
