import { z } from 'zod';

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
  errors: z.array(z.object({ pointer: z.string(), code: z.string(), message: z.string() })).optional(),
  /** The request id, to quote to support. */
  requestId: z.string().optional(),
});
/** Problem details. */
export type Problem = z.infer<typeof problemSchema>;
