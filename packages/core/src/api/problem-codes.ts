// Zod-free on purpose: the SDK imports these values, and a browser bundle must not pull zod for a list of strings.

/** Base of the stable `type` URIs of opengar's problem details. */
export const PROBLEM_BASE = 'https://opengar.dev/problems/';

/**
 * The one closed list of problem codes, each with the HTTP status it answers with by default and its title. A new code
 * goes here first; the server and the SDK read it from here.
 *
 * @example
 * ```ts
 * PROBLEM_CATALOGUE['not-entitled']; // { status: 403, title: 'Not entitled' }
 * ```
 */
export const PROBLEM_CATALOGUE = {
  'bad-request': { status: 400, title: 'Bad request' },
  validation: { status: 400, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'not-entitled': { status: 403, title: 'Not entitled' },
  'insufficient-licences': { status: 409, title: 'Insufficient licences' },
  'over-allocated': { status: 409, title: 'Over-allocated' },
  'not-withdrawable': { status: 409, title: 'Not withdrawable' },
  'token-expired': { status: 401, title: 'Token expired' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A problem code. */
export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;

/** Problem codes the service answers with; each is the last segment of the problem's `type` URI. */
export const PROBLEM_CODES = Object.keys(PROBLEM_CATALOGUE) as readonly ProblemCode[];

/** The `type` URI of a problem code. */
export function problemType(code: ProblemCode): string {
  return PROBLEM_BASE + code;
}

/**
 * Whether `value` is one of the closed list's codes.
 *
 * @example
 * ```ts
 * isProblemCode('not-found'); // true
 * isProblemCode('not_found'); // false
 * ```
 */
export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(PROBLEM_CATALOGUE, value);
}
