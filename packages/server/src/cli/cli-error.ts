import { EXIT_CODES } from './exit-codes.js';

/**
 * Codes of a {@link CliError}: a bad flag or combination (`usage`), a missing or unreadable input file (`input`),
 * unusable secrets (`secrets`), a refusal by a rule or by the store's state (`refused`, `conflict`, `not_found`), a
 * store or port that cannot be used (`store_unavailable`, `listen`), a publisher that failed `opengar conformance`
 * (`nonconformant`), or anything else (`failure`).
 */
export type CliErrorCode =
  | 'usage'
  | 'input'
  | 'secrets'
  | 'refused'
  | 'conflict'
  | 'not_found'
  | 'store_unavailable'
  | 'listen'
  | 'nonconformant'
  | 'failure';

const EXIT_BY_CODE: Record<CliErrorCode, number> = {
  usage: EXIT_CODES.usage,
  input: EXIT_CODES.input,
  secrets: EXIT_CODES.input,
  refused: EXIT_CODES.refused,
  conflict: EXIT_CODES.refused,
  not_found: EXIT_CODES.refused,
  store_unavailable: EXIT_CODES.unavailable,
  listen: EXIT_CODES.unavailable,
  // `opengar conformance` documents 1 for a publisher that accepted a hostile hand-off (or an inconclusive run).
  nonconformant: EXIT_CODES.failure,
  failure: EXIT_CODES.failure,
};

/**
 * A failure the CLI reports in one line, without a stack trace and without credentials, then exits with the code of
 * {@link EXIT_CODES} its `code` maps to (2 usage, 3 input and secrets, 4 refused, 5 store or port unavailable).
 *
 * @example
 * ```ts
 * throw new CliError('refused', 'the demo seed is refused on a non-loopback host');
 * ```
 */
export class CliError extends Error {
  readonly code: CliErrorCode;
  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.code = code;
  }

  /** The process exit code for this error (see {@link EXIT_CODES}). */
  get exitCode(): number {
    return EXIT_BY_CODE[this.code];
  }
}
