import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import {
  GarApiError,
  GarNetworkError,
  GarSdkError,
  GarTimeoutError,
  GarTokenError,
  type GarNetworkReason,
  type GarRequestInfo,
} from './errors.js';
import type { CallOptions, FetchLike, GarClientOptions, GetToken, TokenReason } from './options.js';
import { readProblem } from './problem.js';

/** Options of one call through the transport. */
export interface SendOptions extends CallOptions {
  json?: unknown;
  /** A raw body (a `FormData` of files, a `Blob`) instead of `json`. */
  body?: BodyInit;
  /** Headers of this call only (the body's type, `X-Feed-MD5`…). */
  headers?: Record<string, string>;
  searchParams?: Record<string, string | undefined>;
  /** How to read the answer: JSON (default) or text (CSV exports). A 204 answer gives `undefined`. */
  as?: 'json' | 'text';
}

/**
 * What every client is made of: the service URL, `send` (token, retries, typed errors), the token getter (its
 * failures as {@link GarTokenError}) and `probe`, which tells why a service URL gives no answer (nothing: it answers).
 */
export interface GarTransport {
  base: string;
  send<T>(method: string, path: string, options?: SendOptions): Promise<T>;
  ask(reason: TokenReason, signal?: AbortSignal): Promise<string>;
  probe(url: string): Promise<GarNetworkReason | undefined>;
}

/** Whether the browser says it is offline (`navigator.onLine` is false; unknown elsewhere). */
const offline = () => typeof navigator === 'object' && navigator?.onLine === false;

function normaliseBase(baseUrl: string | URL): string {
  const text = String(baseUrl);
  const base = typeof location === 'object' && location !== null ? new URL(text, location.href) : new URL(text);
  return base.href.endsWith('/') ? base.href : `${base.href}/`;
}

function retryOptions(retry: GarClientOptions['retry']) {
  const r = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  return {
    limit: r.limit ?? 2,
    methods: ['get'],
    statusCodes: [408, 429, 500, 502, 503, 504],
    retryOnTimeout: true,
    backoffLimit: r.backoffLimit ?? 10_000,
    ...(r.delay ? { delay: r.delay } : { jitter: true }),
  };
}

/** Checks the options and builds the transport shared by the clients of this package. */
export function createTransport(options: GarClientOptions, name: string): GarTransport {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${name}: options are required`);
  if (options.getToken !== undefined && typeof options.getToken !== 'function')
    throw new TypeError(`${name}: getToken must be a function`);
  const base = normaliseBase(options.baseUrl);
  const getToken: GetToken | undefined =
    options.getToken ?? (options.token !== undefined ? () => options.token ?? '' : undefined);
  const canRefresh = options.getToken !== undefined;
  const userFetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));

  const api: KyInstance = ky.create({
    prefix: base,
    fetch: async (input, init) => userFetch(input instanceof Request ? input : new Request(input, init)),
    timeout: options.timeout ?? 10_000,
    retry: retryOptions(options.retry),
    headers: { accept: 'application/json, application/problem+json', ...options.headers },
  });

  let current: Promise<string> | undefined;
  let refreshing: { from: string; next: Promise<string> } | undefined;

  async function ask(reason: TokenReason, signal?: AbortSignal): Promise<string> {
    if (!getToken) return '';
    try {
      return await getToken({ reason, signal });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw new GarTokenError({ method: 'getToken', url: base }, cause);
    }
  }
  // A `no-cors` GET of the service's /healthz (next to `url`) resolves, with an opaque answer, whenever the service
  // answers, whatever its CORS headers: then a failed CORS call was the browser withholding the answer.
  async function probe(url: string): Promise<GarNetworkReason | undefined> {
    if (offline()) return 'offline';
    try {
      const init: RequestInit = { mode: 'no-cors', cache: 'no-store', credentials: 'omit' };
      await userFetch(new Request(new URL('healthz', url), { ...init, signal: AbortSignal.timeout(5_000) }));
      return undefined;
    } catch {
      return offline() ? 'offline' : 'unreachable';
    }
  }
  // The token is shared by concurrent calls, so it is asked without any one call's signal, and forgotten if the
  // getter fails (the next call asks again).
  function keep(next: Promise<string>): Promise<string> {
    current = next;
    next.catch(() => {
      if (current === next) current = refreshing = undefined;
    });
    return next;
  }
  // Several calls failing with one expired token share one refresh.
  function refresh(expired: string): Promise<string> {
    if (refreshing?.from !== expired) refreshing = { from: expired, next: keep(ask('expired')) };
    return refreshing.next;
  }
  // Waits for a shared promise, but gives up when this call's signal aborts.
  function until<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!signal) return promise;
    let stop = () => {};
    const aborted = new Promise<never>((_, reject) => {
      stop = () => reject(signal.reason);
      signal.addEventListener('abort', stop, { once: true });
    });
    return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', stop));
  }

  async function attempt<T>(method: string, path: string, bearer: string, o: SendOptions): Promise<T> {
    const info: GarRequestInfo = { method: method.toUpperCase(), url: new URL(path, base).href };
    try {
      const response = await api(path, {
        method,
        signal: o.signal,
        ...(o.json !== undefined ? { json: o.json } : {}),
        ...(o.body !== undefined ? { body: o.body } : {}),
        ...(o.searchParams ? { searchParams: o.searchParams } : {}),
        headers: {
          ...(o.as === 'text' ? { accept: 'text/csv, text/plain, application/problem+json' } : {}),
          ...o.headers,
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
      });
      if (response.status === 204) return undefined as T;
      if (o.as === 'text') return (await response.text()) as T;
      try {
        return (await response.json()) as T;
      } catch (cause) {
        throw new GarSdkError('invalid-response', 'the service answered something that is not JSON', info, { cause });
      }
    } catch (error) {
      if (o.signal?.aborted) throw o.signal.reason;
      if (error instanceof GarSdkError) throw error;
      if (isHTTPError(error)) {
        const { code, problem } = readProblem(error.data, error.response.status, error.response.statusText);
        throw new GarApiError(code, error.response.status, problem, info);
      }
      if (isTimeoutError(error)) throw new GarTimeoutError(info, error);
      if (isNetworkError(error) || error instanceof TypeError)
        throw new GarNetworkError(info, error, (await probe(base)) ?? 'origin-refused');
      throw error;
    }
  }

  async function send<T>(method: string, path: string, o: SendOptions = {}): Promise<T> {
    o.signal?.throwIfAborted();
    const bearer = await until(current ?? keep(ask('initial')), o.signal);
    try {
      return await attempt<T>(method, path, bearer, o);
    } catch (error) {
      const expired = error instanceof GarApiError && (error.code === 'token-expired' || error.status === 401);
      if (!expired || !canRefresh) throw error;
      return attempt<T>(method, path, await until(refresh(bearer), o.signal), o);
    }
  }

  return { base, send, ask, probe };
}
