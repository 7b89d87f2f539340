import { z } from 'zod';

/** Base of the stable `type` URIs of opengar's problem details. */
export const PROBLEM_BASE = 'https://opengar.dev/problems/';

/** Problem codes the service answers with; each is the last segment of the problem's `type` URI. */
export const PROBLEM_CODES = [
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
] as const;
/** A problem code. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** The `type` URI of a problem code. */
export function problemType(code: ProblemCode): string {
  return PROBLEM_BASE + code;
}

/** RFC 9457 problem details as opengar writes them: `type`, `title`, `status`, `detail`, `instance` and extensions. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** The stable code, also the last segment of `type`. */
  code: z.string().optional(),
  /** Validation problems: where, and why. */
  errors: z
    .array(z.object({ pointer: z.string(), code: z.string(), message: z.string() }))
    .optional(),
  /** The request id, to quote to support. */
  requestId: z.string().optional(),
});
/** Problem details. */
export type Problem = z.infer<typeof problemSchema>;
