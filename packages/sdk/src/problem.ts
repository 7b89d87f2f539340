import { PROBLEM_BASE, isProblemCode, type Problem, type ProblemCode } from '@opengar/core';

/** Reads an error answer's body as problem details; anything else becomes a generic problem with the status. */
export function readProblem(
  body: unknown,
  status: number,
  statusText: string,
): { code: ProblemCode | 'unknown-problem'; problem: Problem } {
  if (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Problem).type === 'string' &&
    typeof (body as Problem).title === 'string'
  ) {
    const p = body as Problem;
    const problem: Problem = { ...p, status: typeof p.status === 'number' ? p.status : status };
    const fromType = p.type.startsWith(PROBLEM_BASE) ? p.type.slice(PROBLEM_BASE.length) : undefined;
    const code = isProblemCode(p.code) ? p.code : isProblemCode(fromType) ? fromType : 'unknown-problem';
    return { code, problem };
  }
  return { code: 'unknown-problem', problem: { type: 'about:blank', title: statusText || `HTTP ${status}`, status } };
}
