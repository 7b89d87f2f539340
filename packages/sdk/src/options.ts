/** Why the client asks for a token: its first call, after the service said the last one expired, or to open a resource. */
export type TokenReason = 'initial' | 'expired' | 'launch';

/**
 * Returns the bearer credential (an ENT user assertion for the médiacentre, the operator secret for administration).
 * Asked once at the first call, again when the service answers `token-expired` or 401 (then the call is retried once),
 * and for each hand-off (an assertion posted to `/launch` should be fresh).
 *
 * @example
 * ```ts
 * const getToken: GetToken = async ({ signal }) => (await fetch('/ent/assertion', { signal })).text();
 * ```
 */
export type GetToken = (request: { reason: TokenReason; signal?: AbortSignal | undefined }) => string | Promise<string>;

/** A fetch that takes a `Request`: the global one, or a service's in-process `app.fetch` (which may answer synchronously). */
export type FetchLike = (request: Request) => Response | Promise<Response>;

/**
 * Retries of idempotent reads (GET): on network errors, timeouts, 408, 429 and 5xx, with exponential backoff.
 *
 * @example
 * ```ts
 * createGarClient({ baseUrl, getToken, retry: { limit: 3, backoffLimit: 5_000 } });
 * ```
 */
export interface GarRetryOptions {
  /** How many times a read is retried (default 2; 0 disables). */
  limit?: number;
  /** Upper bound of one delay in ms (default 10 000). */
  backoffLimit?: number;
  /** Delay before retry `attempt` (from 1) in ms (default `300 * 2 ** (attempt - 1)`, with jitter). */
  delay?: (attempt: number) => number;
}

/**
 * Options of {@link createGarClient}.
 *
 * @example
 * ```ts
 * createGarClient({ baseUrl: 'https://gar.example', getToken, timeout: 8_000 });
 * // in-process, no network (tests, Storybook):
 * createGarClient({ baseUrl: 'http://opengar.test', token, fetch: (req) => app.fetch(req) });
 * ```
 */
export interface GarClientOptions {
  /** The service's URL (`https://gar.example` or with a path prefix); relative URLs resolve against the page. */
  baseUrl: string | URL;
  /** A fixed bearer credential; with it alone the client cannot refresh. */
  token?: string;
  /** Where to get (and refresh) the bearer credential; takes precedence over `token`. */
  getToken?: GetToken;
  /** The fetch to use (default: the global `fetch`). */
  fetch?: FetchLike;
  /** Time allowed for one attempt, in ms (default 10 000); `false` for none. */
  timeout?: number | false;
  /** Retries of reads: a number (the limit) or {@link GarRetryOptions}. */
  retry?: number | GarRetryOptions;
  /** Extra headers sent with every call (never put a token here; use `token`/`getToken`). */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Per-call options.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * client.resources('0561641E', { signal: controller.signal });
 * controller.abort();
 * ```
 */
export interface CallOptions {
  /** Aborts the call (and its retries); the promise then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}
