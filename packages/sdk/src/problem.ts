import type { Problem, ProblemCode } from '@opengar/core';

// Kept in step with core's PROBLEM_CODES; a value import would pull zod into the browser bundle.
const CODES: ReadonlySet<string> = new Set<ProblemCode>([
  'bad-request',
  'validation',
  'unauthenticated',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'conflict',
  'payload-too-large',
  'unsupported-media-type',
  'too-many-requests',
  'not-entitled',
  'insufficient-licences',
  'over-allocated',
  'not-withdrawable',
  'token-expired',
  'internal',
  'unavailable',
]);
const BASE = 'https://opengar.dev/problems/';

function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && CODES.has(value);
}

/** Reads an error answer's body as problem details; anything else becomes a generic problem with the status. */
export function readProblem(body: unknown, status: number, statusText: string): { code: ProblemCode | 'unknown-problem'; problem: Problem } {
  if (typeof body === 'object' && body !== null && typeof (body as Problem).type === 'string' && typeof (body as Problem).title === 'string') {
    const p = body as Problem;
    const problem: Problem = { ...p, status: typeof p.status === 'number' ? p.status : status };
    const fromType = p.type.startsWith(BASE) ? p.type.slice(BASE.length) : undefined;
    const code = isProblemCode(p.code) ? p.code : isProblemCode(fromType) ? fromType : 'unknown-problem';
    return { code, problem };
  }
  return { code: 'unknown-problem', problem: { type: 'about:blank', title: statusText || `HTTP ${status}`, status } };
}
