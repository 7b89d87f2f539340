import type { Favourites, Mediacentre, Recommendations, ReleasedData } from '@opengar/core';
import { GarNetworkError } from './errors.js';
import type { LaunchForm } from './launch-form.js';
import type { CallOptions, GarClientOptions } from './options.js';
import { createTransport, type GarTransport } from './transport.js';
import type { ConsoleSend } from './console-client.js';

/** The médiacentre's calls (credential: an ENT user assertion): what `<gar-mediacentre>` needs, nothing more. */
export interface GarMediacentreClient {
  /** The service URL calls are made against. */
  readonly baseUrl: string;
  /**
   * The client's transport (credentials, retries, errors), for call groups made on demand such as
   * {@link consoleOf} and {@link statsOf}, so that a page pays only for the calls its elements use.
   */
  readonly send: ConsoleSend;
  /** `GET /api/v1/me/resources?uai=`: the person's médiacentre at a school (default: the assertion's). */
  resources(uai?: string, options?: CallOptions): Promise<Mediacentre>;
  /** `GET /api/v1/me/recommendations?uai=`: what the caller's teachers pinned, among what the caller can open. */
  recommendations(uai?: string, options?: CallOptions): Promise<Recommendations>;
  /** `GET /api/v1/me/favourites`. */
  favourites(options?: CallOptions): Promise<Favourites>;
  /** `PUT /api/v1/me/favourites`: replaces the favourites, answers them as stored. */
  setFavourites(resourceIds: readonly string[], options?: CallOptions): Promise<Favourites>;
  /**
   * `GET /api/v1/me/released-data?resource=&uai=`: « données transmises », the attributes `resourceId` would receive
   * about the person if they opened it now from `uai` (default: the assertion's school), computed by the hand-off's
   * own release function.
   */
  releasedData(resourceId: string, uai?: string, options?: CallOptions): Promise<ReleasedData>;
  /**
   * The form that opens `resourceId` at `uai` (`POST /launch`), with a fresh assertion from `getToken`
   * (reason `launch`). `launchUrl` overrides the action (use the listing's `launchUrl`). Rejects with a
   * {@link GarNetworkError} when the service does not answer (offline, unreachable), so that a page stays where it is
   * with a message instead of posting the form into the browser's own error page.
   */
  launchForm(resourceId: string, uai: string, options?: CallOptions & { launchUrl?: string }): Promise<LaunchForm>;
}

/** The médiacentre calls over a transport (shared with {@link createGarClient}). */
export function mediacentreCalls({ base, send, ask, probe }: GarTransport): GarMediacentreClient {
  return {
    baseUrl: base,
    send,
    resources: (uai, o) =>
      send<Mediacentre>('get', 'api/v1/me/resources', { signal: o?.signal, searchParams: { uai } }),
    recommendations: (uai, o) =>
      send<Recommendations>('get', 'api/v1/me/recommendations', { signal: o?.signal, searchParams: { uai } }),
    favourites: (o) => send<Favourites>('get', 'api/v1/me/favourites', { signal: o?.signal }),
    setFavourites: (resourceIds, o) =>
      send<Favourites>('put', 'api/v1/me/favourites', { signal: o?.signal, json: { resourceIds: [...resourceIds] } }),
    releasedData: (resource, uai, o) =>
      send<ReleasedData>('get', 'api/v1/me/released-data', { signal: o?.signal, searchParams: { resource, uai } }),
    async launchForm(resourceId, uai, o) {
      if (typeof resourceId !== 'string' || resourceId === '' || typeof uai !== 'string' || uai === '') {
        throw new TypeError('launchForm: resourceId and uai are required');
      }
      const action = o?.launchUrl ?? new URL('launch', base).href;
      const [unreachable, assertion] = await Promise.all([probe(action), ask('launch', o?.signal)]);
      if (unreachable) throw new GarNetworkError({ method: 'POST', url: action }, undefined, unreachable);
      return { action, method: 'post', fields: { assertion, resource: resourceId, uai } };
    },
  };
}

/**
 * A client with only the médiacentre's calls, for pages that show `<gar-mediacentre>` and nothing else: the
 * operator, console and statistics calls of {@link createGarClient} stay out of the bundle. Same options, errors,
 * retries, abort and token refresh.
 *
 * @example
 * ```ts
 * const client = createMediacentreClient({ baseUrl: 'https://gar.example', getToken: () => ent.assertion() });
 * const { resources } = await client.resources('0561641E');
 * ```
 */
export function createMediacentreClient(options: GarClientOptions): GarMediacentreClient {
  return mediacentreCalls(createTransport(options, 'createMediacentreClient'));
}
