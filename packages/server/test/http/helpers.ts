import assert from 'node:assert/strict';
import { problemSchema, problemType, type Problem, type ProblemCode } from '@opengar/core';

/** Asserts a problem+json response with the given status and code, and returns its body. */
export async function assertProblem(
  res: Response,
  status: number | readonly number[],
  code?: ProblemCode,
): Promise<Problem> {
  const statuses = typeof status === 'number' ? [status] : status;
  assert.ok(statuses.includes(res.status), `status ${res.status}, expected ${statuses.join('/')}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = problemSchema.parse(await res.json());
  assert.equal(body.status, res.status);
  if (code) {
    assert.equal(body.type, problemType(code));
    assert.equal(body.code, code);
  }
  assert.ok(body.requestId, 'a problem carries the request id');
  return body;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
