import type { FetchLike, GarMediacentreClient, GetToken } from '@opengar/sdk';
import { LitElement, type PropertyDeclarations } from 'lit';

/**
 * What `<gar-mediacentre>`, `<gar-allocation-panel>` and `<gar-usage-stats>` share: how they reach the service
 * (through `ClientController`), their theme and their language.
 */
export class GarClientElement extends LitElement {
  static override properties: PropertyDeclarations = {
    serviceUrl: { attribute: 'service-url', reflect: true },
    getToken: { attribute: false },
    fetch: { attribute: false },
    client: { attribute: false },
    theme: { reflect: true },
    lang: {},
  };

  /** The service URL; used only when no `<gar-client-provider>` encloses the element. */
  serviceUrl = '';
  /** Returns the ENT user assertion (with `service-url`, when used alone). */
  getToken?: GetToken;
  /** The fetch of the element's own client (default: the global one). */
  fetch?: FetchLike;
  /** A ready-made client (any `GarClient` will do); takes precedence over the provider and `service-url`. */
  client?: GarMediacentreClient;
  /**
   * `page` (default: the host page's `color-scheme`, light unless the page says otherwise), `light`, `dark`, or `auto`
   * (follows the system: for an ENT whose own pages follow it too).
   */
  theme: 'page' | 'auto' | 'light' | 'dark' = 'page';
  /** The language: `fr` (default) or `en`; switchable at run time. */
  override lang = '';
}
