import { ContextConsumer } from '@lit/context';
import { createMediacentreClient, type FetchLike, type GarMediacentreClient, type GetToken } from '@opengar/sdk';
import type { PropertyValues, ReactiveController, ReactiveElement } from 'lit';
import { garClientContext } from './client-context.js';

/** The connection settings every element and the provider share. */
export interface ClientSettings {
  serviceUrl: string;
  getToken?: GetToken | undefined;
  fetch?: FetchLike | undefined;
  client?: GarMediacentreClient | undefined;
}

/** A client from `service-url`, `getToken` and `fetch`, or `undefined` when they are incomplete or invalid. */
export function makeClient({ serviceUrl, getToken, fetch }: ClientSettings): GarMediacentreClient | undefined {
  if (!serviceUrl || !getToken) return undefined;
  try {
    return createMediacentreClient({ baseUrl: serviceUrl, getToken, ...(fetch ? { fetch } : {}) });
  } catch {
    return undefined;
  }
}

/** What {@link ClientController} asks of its host. */
export interface ClientControllerOptions<S> {
  /** What the host loads from, given the client (default: the client itself). */
  source?: (client: GarMediacentreClient | undefined) => S | undefined;
  /** No source yet, but a provider or `service-url` may still give one. */
  waiting(): void;
  /** No source, and none will come: neither a provider nor a `service-url`. */
  unconfigured(): void;
}

type Task<S> = (source: S, signal: AbortSignal) => Promise<void>;

/**
 * The client lifecycle of `<gar-mediacentre>`, `<gar-allocation-panel>` and `<gar-usage-stats>`: takes the client
 * from the element's `client`, an enclosing `<gar-client-provider>`, or one made from `service-url` and `getToken`
 * (made again only when they change); says when there is none; runs one load at a time with an `AbortSignal`,
 * aborted when another starts or the element leaves the page, and started again when it comes back.
 *
 * Hand-written rather than `@lit/task`: the part a task would take (one abortable run at a time) is a dozen lines
 * here, and the rest (context, own client, the waiting and unconfigured states) a task does not do.
 */
export class ClientController<S = GarMediacentreClient> implements ReactiveController {
  /** What the host loads from now. */
  active: S | undefined;
  /** Set once a provider answered: its client (`undefined` until it has one). */
  #provided?: { client: GarMediacentreClient | undefined };
  #own?: { key: unknown[]; client: GarMediacentreClient | undefined };
  #abort?: AbortController;
  /** The run in progress, or the one a disconnection cut short. */
  #task?: Task<S>;

  constructor(
    private readonly host: ReactiveElement & ClientSettings,
    private readonly options: ClientControllerOptions<S>,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: garClientContext,
      subscribe: true,
      callback: (client) => {
        this.#provided = { client };
        host.requestUpdate();
      },
    });
  }

  /** The client in use: the element's `client`, the provider's, or its own. */
  get client(): GarMediacentreClient | undefined {
    const h = this.host;
    const client = h.client ?? this.#provided?.client;
    if (client) return client;
    const key = [h.serviceUrl, h.getToken, h.fetch];
    if (!this.#own || this.#own.key.some((v, i) => v !== key[i])) this.#own = { key, client: makeClient(h) };
    return this.#own.client;
  }

  /** Whether a source may still come: a provider encloses the element, or it has a `service-url`. */
  get configured(): boolean {
    return !!this.#provided || !!this.host.serviceUrl;
  }

  /**
   * Called from the host's `willUpdate`: makes the current source active and answers whether it changed (or
   * `force`). Without a source, the host waits, or, once rendered or given an empty `service-url`, is unconfigured.
   */
  sync(changed: PropertyValues, force = false): boolean {
    const client = this.client;
    const next = this.options.source ? this.options.source(client) : (client as S | undefined);
    if (next === this.active && !force) return false;
    this.active = next;
    if (next === undefined) {
      if (this.configured) this.options.waiting();
      else if (this.host.hasUpdated || changed.has('serviceUrl')) this.options.unconfigured();
    }
    return true;
  }

  /** Runs `task` on the active source with a fresh signal, aborting the run before it. */
  async run(task: Task<S>): Promise<void> {
    const source = this.active;
    if (source === undefined) return;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#task = task;
    // Tasks handle their own errors; one aborted (by a newer run or a disconnection) stays to be started again.
    await task(source, abort.signal);
    if (!abort.signal.aborted) this.#task = undefined;
  }

  hostConnected(): void {
    // Moved in the page while loading: the load was aborted on disconnect, so start it again.
    if (this.#task && this.#abort?.signal.aborted) void this.run(this.#task);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  hostUpdated(): void {
    // The first update (`hasUpdated` turns true just after): nothing to load from, and nothing will come.
    if (!this.host.hasUpdated && this.active === undefined && !this.configured) this.options.unconfigured();
  }
}
