import { PROBLEM_CATALOGUE, problemType, type Problem, type ProblemCode, type ValidationIssue } from '@opengar/core';
import { GarServerError, type ProblemExtension } from '../kernel/gar-server-error.js';

/** What a problem response says. */
export interface ProblemInit {
  code: ProblemCode;
  /** Defaults to the code's status in core's catalogue. */
  status?: number;
  detail?: string;
  errors?: readonly ValidationIssue[];
  requestId: string;
  instance?: string;
  /** Extension members (a refusal's `reason`, a licence rule's `remaining`…); they never replace a standard member. */
  extensions?: Readonly<Record<string, ProblemExtension>>;
  headers?: Record<string, string>;
}

/**
 * The one writer of opengar's `application/problem+json` (RFC 9457) responses: stable `type` URI and title from core's
 * catalogue, never cached.
 *
 * @example
 * ```ts
 * return problemResponse({ code: 'not-found', requestId, instance: c.req.path, detail: 'no such route' });
 * ```
 */
export function problemResponse(init: ProblemInit): Response {
  const status = init.status ?? PROBLEM_CATALOGUE[init.code].status;
  const body: Problem = {
    ...init.extensions,
    type: problemType(init.code),
    title: PROBLEM_CATALOGUE[init.code].title,
    status,
    code: init.code,
    requestId: init.requestId,
    ...(init.detail === undefined ? {} : { detail: init.detail }),
    ...(init.instance === undefined ? {} : { instance: init.instance }),
    ...(init.errors === undefined
      ? {}
      : { errors: init.errors.map((e) => ({ pointer: e.pointer, code: e.code, message: e.message })) }),
  };
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    ...init.headers,
  };
  if (status === 401) headers['www-authenticate'] ??= 'Bearer';
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * The problem for an error thrown by a use case or a store: every {@link GarServerError} answers with its own problem
 * code, status and public detail; `internal` ones and anything else are `undefined` (a 5xx the caller logs and answers
 * generically).
 */
export function problemForError(err: unknown, requestId: string, instance: string): Response | undefined {
  if (!(err instanceof GarServerError) || err.problem === 'internal') return undefined;
  return problemResponse({
    code: err.problem,
    status: err.status,
    requestId,
    instance,
    detail: err.publicDetail,
    extensions: err.extensions,
    ...(err.problem === 'validation' ? { errors: err.issues } : {}),
    ...(err.retryAfterS === undefined ? {} : { headers: { 'retry-after': String(err.retryAfterS) } }),
  });
}
