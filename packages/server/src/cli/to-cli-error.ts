import { GarServerError } from '../kernel/gar-server-error.js';
import { CliError, type CliErrorCode } from './cli-error.js';

const CODE_BY_PROBLEM: Record<string, CliErrorCode> = {
  validation: 'usage',
  'not-found': 'not_found',
  conflict: 'conflict',
  unavailable: 'store_unavailable',
  'too-many-requests': 'store_unavailable',
  unauthenticated: 'refused',
  forbidden: 'refused',
  'token-expired': 'refused',
};

/** Whether a text may quote a credential (a URL with user info). */
const quotesCredential = (text: string): boolean => /:\/\/[^/\s]*@/.test(text);

/**
 * The one-line, credential-free {@link CliError} for anything a command threw: a `CliError` as is; a service or
 * store error by its problem (a validation → `usage` with each issue, no such thing → `not_found`, a conflict →
 * `conflict`, unavailable → `store_unavailable`); anything else a `failure` that names what failed.
 *
 * @example
 * ```ts
 * try { await run(); } catch (e) { const c = toCliError(e); console.error(`opengar: ${c.message}`); process.exitCode = c.exitCode; }
 * ```
 */
export function toCliError(e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof GarServerError) {
    const code = CODE_BY_PROBLEM[e.problem] ?? 'failure';
    const issues = e.issues.map((i) => `${i.pointer || '(root)'}: ${i.message}`).join('; ');
    const base = e.status >= 500 && code === 'failure' ? `internal error (${e.message})` : e.message;
    const text = issues && !base.includes(issues) ? `${base} (${issues})` : base;
    return new CliError(code, quotesCredential(text) ? 'the operation failed' : text, { cause: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new CliError(
    'failure',
    message && !quotesCredential(message) ? `internal error: ${message}` : 'internal error',
    { cause: e },
  );
}
