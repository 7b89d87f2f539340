import { PROBLEM_CATALOGUE, type ProblemCode, type ValidationIssue } from '@opengar/core';

/**
 * What every server error may carry besides its code: the HTTP answer's problem, status, issues and headers.
 *
 * @example
 * ```ts
 * new GarServiceError('too-many-requests', 'too many attempts', { retryAfterS: 30 });
 * ```
 */
/** The value of a problem's extension member: a figure, a word, or a list of structured advice. */
export type ProblemExtension = string | number | readonly Readonly<Record<string, unknown>>[];

export interface GarServerErrorOptions {
  /** The problem code HTTP answers with (defaults to the subclass's mapping of its code). */
  problem?: ProblemCode;
  /** The HTTP status, when not the problem's default (a feed's validation is 422). */
  status?: number;
  /** For `validation`: each problem with a JSON pointer. */
  issues?: readonly ValidationIssue[];
  /** For `too-many-requests` and overload: seconds until a retry may succeed (the answer's `Retry-After`). */
  retryAfterS?: number;
  /** Extension members of the problem details (a licence rule's `remaining`, `pool`, `advice`…). */
  extensions?: Readonly<Record<string, ProblemExtension>>;
  /** The `detail` answered to clients, when the message is for logs only (defaults to the message). */
  publicDetail?: string;
  /** The underlying failure, for logs; never shown to clients. */
  cause?: unknown;
}

/**
 * The one root of the server's errors: a stable kebab-case `code` from the subclass's closed union, the `problem` code
 * (from core's `PROBLEM_CATALOGUE`) and `status` HTTP answers with, and the original failure in `cause`. The app's
 * error handler writes every instance through the one problem writer; 5xx answers hide the message and log it.
 *
 * @example
 * ```ts
 * try { await service.admin.ents.create(actor, body); }
 * catch (e) { if (e instanceof GarServerError) console.log(e.code, e.problem, e.status); }
 * ```
 */
export abstract class GarServerError extends Error {
  /** A stable code from the subclass's closed union; assert on it, not on the message. */
  abstract readonly code: string;
  /** The problem code HTTP answers with. */
  readonly problem: ProblemCode;
  /** The HTTP status HTTP answers with. */
  readonly status: number;
  /** For `validation`: each problem with a JSON pointer. */
  readonly issues: readonly ValidationIssue[];
  /** Seconds until a retry may succeed (the `Retry-After` of the answer). */
  readonly retryAfterS: number | undefined;
  /** Extension members of the problem details. */
  readonly extensions: Readonly<Record<string, ProblemExtension>>;
  /** The `detail` answered to clients (never for a 5xx other than `unavailable`: those are logged and answered generically). */
  readonly publicDetail: string;
  constructor(problem: ProblemCode, message: string, options: GarServerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.problem = options.problem ?? problem;
    this.status = options.status ?? PROBLEM_CATALOGUE[this.problem].status;
    this.issues = options.issues ?? [];
    this.retryAfterS = options.retryAfterS;
    this.extensions = options.extensions ?? {};
    this.publicDetail = options.publicDetail ?? message;
  }
}
