/** Codes of a {@link CliError}: a bad flag or combination (`usage`), or a failure the user can act on. */
export type CliErrorCode = 'usage' | 'store_unavailable' | 'secrets' | 'listen' | 'refused' | 'nonconformant';

/**
 * A failure the CLI reports in one line, without a stack trace and without credentials, then exits non-zero
 * (2 for `usage`, 1 otherwise).
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

  /** The process exit code for this error. */
  get exitCode(): number {
    return this.code === 'usage' ? 2 : 1;
  }
}
