import type {
  CatalogueEntry,
  CatalogueEntryInput,
  PublisherSubscription,
  PublisherSubscriptionQuery,
  School,
  subscriptionSchema,
} from '@opengar/core';
import type { CallOptions, GarClientOptions } from './options.js';
import { createTransport } from './transport.js';

/** A subscription as a publisher sends it (code names; fields with defaults may be left out). */
export type SubscriptionInput = (typeof subscriptionSchema)['_zod']['input'];

/** Copies in use per audience for one subscription at one school (`GET /api/v1/publisher/allocation-counts`). */
export interface AllocationCount {
  uai: string;
  subscriptionId: string;
  projectCode?: string;
  resourceId: string;
  counts: Record<string, number>;
}

/** A publisher's calls of the JSON API (credential: the publisher's API key as the token). */
export interface GarPublisherClient {
  readonly subscriptions: {
    /** `GET /api/v1/publisher/subscriptions`: your subscriptions, filtered and paged as GAR's web service does. */
    list(
      query?: PublisherSubscriptionQuery,
      options?: CallOptions,
    ): Promise<{ items: PublisherSubscription[]; total: number }>;
    /** `GET …/subscriptions/{id}`. */
    get(id: string, options?: CallOptions): Promise<PublisherSubscription>;
    /** `PUT …/subscriptions/{id}`: creates a subscription (409 `conflict` for an id you used before). */
    create(subscription: SubscriptionInput, options?: CallOptions): Promise<PublisherSubscription>;
    /** `POST …/subscriptions/{id}`: updates one of yours. */
    update(subscription: SubscriptionInput, options?: CallOptions): Promise<PublisherSubscription>;
    /** `DELETE …/subscriptions/{id}`: deletes one (refused while copies are allocated). */
    delete(id: string, options?: CallOptions): Promise<void>;
  };
  /** Your catalogue of diffusable resources (the JSON twin of `PUT /ws/catalogue/ressourcesDiffusables`). */
  readonly catalogue: {
    /** `GET /api/v1/publisher/catalogue`: your entries, by idRessource. */
    get(options?: CallOptions): Promise<CatalogueEntry[]>;
    /** `PUT /api/v1/publisher/catalogue`: replaces your catalogue with `entries`, all or nothing. */
    deliver(entries: readonly CatalogueEntryInput[], options?: CallOptions): Promise<CatalogueEntry[]>;
  };
  /** `GET /api/v1/publisher/schools`: the schools you may deliver to. */
  schools(options?: CallOptions): Promise<School[]>;
  /** `GET /api/v1/publisher/allocation-counts`: copies in use, for one subscription or one project code. */
  allocationCounts(
    query: { subscriptionId: string } | { projectCode: string },
    options?: CallOptions,
  ): Promise<AllocationCount[]>;
}

const idOf = (id: string): string => {
  if (typeof id !== 'string' || id === '' || id.length > 45)
    throw new TypeError('publisher: a subscription id is 1 to 45 characters');
  return encodeURIComponent(id);
};

/**
 * Creates a publisher's client of the JSON subscription API (the JSON twin of GAR's XML web service), with the same
 * typed errors, retries and timeouts as {@link createGarClient}.
 *
 * @example
 * ```ts
 * const publisher = createPublisherClient({ baseUrl: 'https://gar.example', token: apiKey });
 * await publisher.subscriptions.create({ id: 'ABO-2026-001', resourceId: 'ark:/99999/maths-6e', uai: '0561641E', ...details });
 * const { items } = await publisher.subscriptions.list({ uai: '0561641E' });
 * ```
 */
export function createPublisherClient(options: GarClientOptions): GarPublisherClient {
  const { send } = createTransport(options, 'createPublisherClient');
  const base = 'api/v1/publisher';
  const text = (v: number | undefined) => (v === undefined ? undefined : String(v));
  return {
    subscriptions: {
      list: (q = {}, o) =>
        send('get', `${base}/subscriptions`, {
          signal: o?.signal,
          searchParams: {
            uai: q.uai,
            resourceId: q.resourceId,
            distributorId: q.distributorId,
            order: q.order,
            offset: text(q.offset),
            limit: text(q.limit),
          },
        }),
      get: (id, o) => send('get', `${base}/subscriptions/${idOf(id)}`, { signal: o?.signal }),
      create: (s, o) => send('put', `${base}/subscriptions/${idOf(s.id)}`, { signal: o?.signal, json: s }),
      update: (s, o) => send('post', `${base}/subscriptions/${idOf(s.id)}`, { signal: o?.signal, json: s }),
      delete: (id, o) => send('delete', `${base}/subscriptions/${idOf(id)}`, { signal: o?.signal }),
    },
    catalogue: {
      get: async (o) =>
        (await send<{ items: CatalogueEntry[] }>('get', `${base}/catalogue`, { signal: o?.signal })).items,
      deliver: async (entries, o) => {
        if (!Array.isArray(entries)) throw new TypeError('publisher: catalogue entries must be an array');
        return (
          await send<{ items: CatalogueEntry[] }>('put', `${base}/catalogue`, { signal: o?.signal, json: { entries } })
        ).items;
      },
    },
    schools: async (o) => (await send<{ items: School[] }>('get', `${base}/schools`, { signal: o?.signal })).items,
    allocationCounts: async (q, o) =>
      (
        await send<{ items: AllocationCount[] }>('get', `${base}/allocation-counts`, {
          signal: o?.signal,
          searchParams: 'subscriptionId' in q ? { subscriptionId: q.subscriptionId } : { projectCode: q.projectCode },
        })
      ).items,
  };
}
