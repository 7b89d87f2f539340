import { problemType, type Problem, type ProblemCode, type ValidationIssue } from '@opengar/core';
import { StoreBusyError, StoreError } from '../store/errors.js';

/** What a 503 for an unreachable store tells the client to wait, in seconds (an overloaded store says its own). */
const STORE_DOWN_RETRY_AFTER_SECONDS = 5;
import { GarServiceError, type GarServiceErrorCode } from '../service/errors.js';

const TITLES: Record<ProblemCode, string> = {
  'bad-request': 'Bad request',
  validation: 'Invalid input',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'too-many-requests': 'Too many requests',
  'not-entitled': 'Not entitled',
  'insufficient-licences': 'Insufficient licences',
  'over-allocated': 'Over-allocated',
  'not-withdrawable': 'Not withdrawable',
  'token-expired': 'Token expired',
  internal: 'Internal error',
  unavailable: 'Service unavailable',
};

const BY_SERVICE_CODE: Record<GarServiceErrorCode, [ProblemCode, number]> = {
  validation: ['validation', 400],
  unauthenticated: ['unauthenticated', 401],
  token_expired: ['token-expired', 401],
  forbidden: ['forbidden', 403],
  not_found: ['not-found', 404],
  conflict: ['conflict', 409],
  unavailable: ['unavailable', 503],
  rate_limited: ['too-many-requests', 429],
};

/** What a problem response says. */
export interface ProblemInit {
  code: ProblemCode;
  status: number;
  detail?: string;
  errors?: readonly ValidationIssue[];
  requestId: string;
  instance?: string;
  headers?: Record<string, string>;
}

/** An RFC 9457 `application/problem+json` response with a stable `type` URI. */
export function problemResponse(init: ProblemInit): Response {
  const body: Problem = {
    type: problemType(init.code),
    title: TITLES[init.code],
    status: init.status,
    code: init.code,
    requestId: init.requestId,
    ...(init.detail === undefined ? {} : { detail: init.detail }),
    ...(init.instance === undefined ? {} : { instance: init.instance }),
    ...(init.errors === undefined ? {} : { errors: init.errors.map((e) => ({ pointer: e.pointer, code: e.code, message: e.message })) }),
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...init.headers };
  if (init.status === 401) headers['www-authenticate'] = 'Bearer';
  return new Response(JSON.stringify(body), { status: init.status, headers });
}

/**
 * The problem for an error thrown by a use case: service errors are explained (their messages carry no secrets),
 * store conflicts become 409, anything else is `undefined` (a 5xx the caller logs and answers generically).
 */
export function problemForError(err: unknown, requestId: string, instance: string): Response | undefined {
  if (err instanceof GarServiceError) {
    const [code, status] = BY_SERVICE_CODE[err.code];
    return problemResponse({
      code,
      status,
      requestId,
      instance,
      detail: err.message,
      ...(err.code === 'validation' ? { errors: err.issues } : {}),
      ...(err.retryAfterS === undefined ? {} : { headers: { 'retry-after': String(err.retryAfterS) } }),
    });
  }
  if (err instanceof StoreError && err.code === 'conflict') {
    return problemResponse({ code: 'conflict', status: 409, requestId, instance, detail: 'the change conflicts with the current state' });
  }
  if (err instanceof StoreError && err.code === 'invalid_text') {
    return problemResponse({
      code: 'validation',
      status: 400,
      requestId,
      instance,
      detail: 'the input holds characters that are not accepted',
      errors: [{ pointer: '', code: 'control_character', message: 'control characters are not accepted' }],
    });
  }
  if (err instanceof StoreError && err.code === 'not_found') {
    return problemResponse({ code: 'not-found', status: 404, requestId, instance, detail: 'not found' });
  }
  if (err instanceof StoreBusyError) {
    return problemResponse({ code: 'unavailable', status: 503, requestId, instance, detail: 'the service is busy, retry later', headers: { 'retry-after': String(err.retryAfterSeconds) } });
  }
  if (err instanceof StoreError && (err.code === 'unavailable' || err.code === 'locked')) {
    return problemResponse({ code: 'unavailable', status: 503, requestId, instance, detail: 'the store is unavailable, retry later', headers: { 'retry-after': String(STORE_DOWN_RETRY_AFTER_SECONDS) } });
  }
  return undefined;
}
