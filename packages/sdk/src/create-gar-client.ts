import type {
  Ent,
  Favourites,
  Mediacentre,
  PublisherCreated,
  PublisherView,
  Resource,
  School,
  entSchema,
  publisherSchema,
  resourceSchema,
  schoolSchema,
} from '@opengar/core';
import { createConsoleClient, type GarConsoleClient } from './console-client.js';
import { createStatsClient, type GarStatsClient } from './stats-client.js';
import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import { GarApiError, GarNetworkError, GarSdkError, GarTimeoutError, type GarRequestInfo } from './errors.js';
import type { LaunchForm } from './launch-form.js';
import type { CallOptions, FetchLike, GarClientOptions, GetToken, TokenReason } from './options.js';
import { readProblem } from './problem.js';

/** Body of a create call: the schema's input (fields with defaults may be left out). */
export type EntInput = (typeof entSchema)['_zod']['input'];
/** Body of `admin.schools.create`. */
export type SchoolInput = (typeof schoolSchema)['_zod']['input'];
/** Body of `admin.publishers.create`. */
export type PublisherInput = (typeof publisherSchema)['_zod']['input'];
/** Body of `admin.resources.create`. */
export type ResourceInput = (typeof resourceSchema)['_zod']['input'];

/** One registry collection of the operator API. */
export interface AdminCollection<Item, Input, Created, Query = undefined> {
  /** `GET /api/v1/admin/{collection}`. */
  list(options?: CallOptions & (Query extends undefined ? object : { query?: Query })): Promise<Item[]>;
  /** `POST /api/v1/admin/{collection}`. */
  create(input: Input, options?: CallOptions): Promise<Created>;
}

/** The operator's calls (credential: the operator secret). */
export interface GarAdminClient {
  ents: AdminCollection<Ent, EntInput, Ent>;
  schools: AdminCollection<School, SchoolInput, School, { entId?: string }>;
  publishers: AdminCollection<PublisherView, PublisherInput, PublisherCreated>;
  resources: AdminCollection<Resource, ResourceInput, Resource>;
}

/**
 * A typed client of the opengar service. The médiacentre calls (credential: an ENT user assertion) sit at the top;
 * the operator's under `admin`.
 */
export interface GarClient {
  /** The service URL calls are made against. */
  readonly baseUrl: string;
  /** `GET /api/v1/me/resources?uai=`: the person's médiacentre at a school (default: the assertion's). */
  resources(uai?: string, options?: CallOptions): Promise<Mediacentre>;
  /** `GET /api/v1/me/favourites`. */
  favourites(options?: CallOptions): Promise<Favourites>;
  /** `PUT /api/v1/me/favourites`: replaces the favourites, answers them as stored. */
  setFavourites(resourceIds: readonly string[], options?: CallOptions): Promise<Favourites>;
  /**
   * The form that opens `resourceId` at `uai` (`POST /launch`), with a fresh assertion from `getToken`
   * (reason `launch`). `launchUrl` overrides the action (use the listing's `launchUrl`).
   */
  launchForm(resourceId: string, uai: string, options?: CallOptions & { launchUrl?: string }): Promise<LaunchForm>;
  /** Registration calls of the operator API. */
  readonly admin: GarAdminClient;
  /** The allocation console's calls, for a school's managers and delegates. */
  readonly console: GarConsoleClient;
  /** Usage statistics under disclosure control (school managers; `national` for operators). */
  readonly stats: GarStatsClient;
}

interface SendOptions extends CallOptions {
  json?: unknown;
  searchParams?: Record<string, string | undefined>;
}

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

/**
 * Creates a client of the opengar service for browsers and Node 20+.
 *
 * Errors: an error answer rejects with {@link GarApiError} (its `code` is the problem code), no answer with
 * {@link GarNetworkError}, a late one with {@link GarTimeoutError}; an aborted call rejects with the signal's reason.
 * Reads are retried with backoff; a `token-expired`/401 answer makes the client ask `getToken` again and retry once.
 *
 * @example
 * ```ts
 * const client = createGarClient({ baseUrl: 'https://gar.example', getToken: () => ent.assertion() });
 * const { resources, schools } = await client.resources('0561641E');
 * await client.setFavourites([resources[0].id]);
 * ```
 */
export function createGarClient(options: GarClientOptions): GarClient {
  if (typeof options !== 'object' || options === null) throw new TypeError('createGarClient: options are required');
  if (options.getToken !== undefined && typeof options.getToken !== 'function') throw new TypeError('createGarClient: getToken must be a function');
  const base = normaliseBase(options.baseUrl);
  const getToken: GetToken | undefined = options.getToken ?? (options.token !== undefined ? () => options.token ?? '' : undefined);
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

  function ask(reason: TokenReason, signal?: AbortSignal): Promise<string> {
    if (!getToken) return Promise.resolve('');
    return Promise.resolve(getToken({ reason, signal }));
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
        ...(o.searchParams ? { searchParams: o.searchParams } : {}),
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
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
      if (isNetworkError(error) || error instanceof TypeError) throw new GarNetworkError(info, error);
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

  function collection<Item, Input, Created, Query = undefined>(name: string): AdminCollection<Item, Input, Created, Query> {
    const path = `api/v1/admin/${name}`;
    return {
      async list(o?: CallOptions & { query?: Record<string, string | undefined> }) {
        const body = await send<{ items: Item[] }>('get', path, { signal: o?.signal, ...(o?.query ? { searchParams: o.query } : {}) });
        return body.items;
      },
      create: (input, o) => send<Created>('post', path, { signal: o?.signal, json: input }),
    } as AdminCollection<Item, Input, Created, Query>;
  }

  return {
    baseUrl: base,
    resources: (uai, o) => send<Mediacentre>('get', 'api/v1/me/resources', { signal: o?.signal, searchParams: { uai } }),
    favourites: (o) => send<Favourites>('get', 'api/v1/me/favourites', { signal: o?.signal }),
    setFavourites: (resourceIds, o) => send<Favourites>('put', 'api/v1/me/favourites', { signal: o?.signal, json: { resourceIds: [...resourceIds] } }),
    async launchForm(resourceId, uai, o) {
      if (typeof resourceId !== 'string' || resourceId === '' || typeof uai !== 'string' || uai === '') {
        throw new TypeError('launchForm: resourceId and uai are required');
      }
      const assertion = await ask('launch', o?.signal);
      return { action: o?.launchUrl ?? new URL('launch', base).href, method: 'post', fields: { assertion, resource: resourceId, uai } };
    },
    admin: {
      ents: collection('ents'),
      schools: collection('schools'),
      publishers: collection('publishers'),
      resources: collection('resources'),
    },
    console: createConsoleClient(send),
    stats: createStatsClient(send),
  };
}
