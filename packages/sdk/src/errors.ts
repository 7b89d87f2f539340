import type { Problem, ProblemCode } from '@opengar/core';

/**
 * Codes of {@link GarSdkError}: a problem code the service answered with, `unknown-problem` for an error answer that
 * is not opengar problem+json, `network` when no answer came, `timeout` when it came too late, `invalid-response` for
 * a success answer the client could not read, `token` when `getToken` failed (the ENT gave no assertion), `oauth` for an
 * OAuth error of a native app's flow ({@link NativeAppError}).
 */
export type GarSdkErrorCode =
  | ProblemCode
  | 'unknown-problem'
  | 'network'
  | 'timeout'
  | 'invalid-response'
  | 'token'
  | 'oauth';

/**
 * Why no answer came: the browser is `offline` (`navigator.onLine`), the service answers but refuses this page's
 * origin (`origin-refused`: CORS, the page's origin is not among the ENT's registered origins), or the service is
 * `unreachable` (down, wrong address, blocked on the way).
 */
export type GarNetworkReason = 'offline' | 'origin-refused' | 'unreachable';

/** The request that failed, without its headers (they carry the token). */
export interface GarRequestInfo {
  method: string;
  url: string;
}

/**
 * Base class of every error the client throws (aborts excepted: an aborted call rejects with the signal's reason).
 *
 * @example
 * ```ts
 * try { await client.resources('0561641E'); }
 * catch (e) { if (isGarSdkError(e)) console.log(e.code); }
 * ```
 */
export class GarSdkError extends Error {
  override name = 'GarSdkError';
  /** A stable code from a closed union; assert on it, not on the message. */
  readonly code: GarSdkErrorCode;
  /** The request that failed. */
  readonly request: GarRequestInfo;
  /** Marks instances across realms (iframes, several copies of the package). */
  readonly isGarSdkError = true;

  constructor(code: GarSdkErrorCode, message: string, request: GarRequestInfo, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.request = request;
  }
}

/**
 * The service answered with an error: `status`, the problem details it sent and their `code`.
 *
 * @example
 * ```ts
 * try { await load(); } catch (e) { if (e instanceof GarApiError && e.code === 'not-entitled') showNotEntitled(); }
 * ```
 */
export class GarApiError extends GarSdkError {
  override name = 'GarApiError';
  /** The HTTP status. */
  readonly status: number;
  /** The RFC 9457 problem details (a generic one when the answer was not problem+json). */
  readonly problem: Problem;

  constructor(code: ProblemCode | 'unknown-problem', status: number, problem: Problem, request: GarRequestInfo) {
    super(code, problem.detail ?? problem.title, request);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * No answer: the browser is offline, the service refused this page's origin, or it is unreachable (`reason`). The
 * client tells the last two apart by a `no-cors` request to the service's `/healthz`: an opaque answer means the
 * service is up and the browser withheld its answer (CORS).
 *
 * @example
 * ```ts
 * try { await load(); } catch (e) { if (e instanceof GarNetworkError && e.reason === 'offline') showOffline(); }
 * ```
 */
export class GarNetworkError extends GarSdkError {
  override name = 'GarNetworkError';
  /** Why no answer came. */
  readonly reason: GarNetworkReason;
  constructor(request: GarRequestInfo, cause: unknown, reason: GarNetworkReason = 'unreachable') {
    super('network', `the service could not be reached (${reason})`, request, { cause });
    this.reason = reason;
  }
}

/**
 * `getToken` failed: the ENT gave no assertion (its route answered an error, or the person's ENT session ended). The
 * getter's error is the `cause`.
 *
 * @example
 * ```ts
 * try { await load(); } catch (e) { if (e instanceof GarTokenError) askToSignInAgain(); }
 * ```
 */
export class GarTokenError extends GarSdkError {
  override name = 'GarTokenError';
  constructor(request: GarRequestInfo, cause: unknown) {
    super('token', `getToken failed: ${cause instanceof Error ? cause.message : String(cause)}`, request, { cause });
  }
}

/**
 * The service did not answer within the client's `timeout`.
 *
 * @example
 * ```ts
 * try { await load(); } catch (e) { if (e instanceof GarTimeoutError) retryLater(); }
 * ```
 */
export class GarTimeoutError extends GarSdkError {
  override name = 'GarTimeoutError';
  constructor(request: GarRequestInfo, cause: unknown) {
    super('timeout', 'the service did not answer in time', request, { cause });
  }
}

/**
 * Whether `value` is an error of this package, also across realms.
 *
 * @example
 * ```ts
 * if (isGarSdkError(e) && e.code === 'network') showOffline();
 * ```
 */
export function isGarSdkError(value: unknown): value is GarSdkError {
  return (
    value instanceof GarSdkError ||
    (typeof value === 'object' && value !== null && (value as { isGarSdkError?: unknown }).isGarSdkError === true)
  );
}
