/**
 * The closed set of codes a {@link GarCoreError} can carry.
 *
 * - `invalid_input`: untrusted input failed validation ({@link ValidationError}).
 * - `invalid_argument`: a caller passed something the function cannot work with (a programming error).
 */
export type GarCoreErrorCode = 'invalid_input' | 'invalid_argument';

/**
 * Base class of every error thrown by `@opengar/core`.
 *
 * @example
 * ```ts
 * try { parseSubscription(body); } catch (e) { if (e instanceof GarCoreError) console.log(e.code); }
 * ```
 */
export class GarCoreError extends Error {
  /** A stable code from a closed union; assert on it rather than on the message. */
  readonly code: GarCoreErrorCode;
  constructor(code: GarCoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GarCoreError';
    this.code = code;
  }
}

/** One problem found in untrusted input. */
export interface ValidationIssue {
  /** Where the problem is, as an RFC 6901 JSON pointer (`""` for the whole value, `/licences/ELEVE`…). */
  readonly pointer: string;
  /** A stable code: `required`, `too_long`, `invalid_enum`, `invalid_type`, `invalid_format`, `unknown_field`, `conflict`, `too_small`, `too_big`. */
  readonly code: string;
  /** A sentence saying what is wrong, in English, never echoing secrets. */
  readonly message: string;
}

/**
 * Untrusted input did not validate. `issues` says which fields are wrong and why.
 *
 * @example
 * ```ts
 * const r = safeParseSubscription(body);
 * if (!r.ok) r.error.issues.forEach((i) => console.log(i.pointer, i.code));
 * ```
 */
export class ValidationError extends GarCoreError {
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[], what = 'input') {
    const first = issues[0];
    super(
      'invalid_input',
      first ? `Invalid ${what}: ${first.pointer || '(root)'}: ${first.message}` : `Invalid ${what}`,
    );
    this.name = 'ValidationError';
    this.issues = issues;
  }
}
