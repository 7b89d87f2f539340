import { ContextProvider } from '@lit/context';
import type { FetchLike, GarMediacentreClient, GetToken } from '@opengar/sdk';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { garClientContext } from '../shared/client-context.js';
import { makeClient } from '../shared/client-controller.js';

/**
 * Makes one opengar client and gives it, through context, to the elements inside it (`<gar-mediacentre>`…).
 * Register it before the elements it wraps (`define-all.js` does).
 *
 * @summary Provides an opengar client to the elements inside it.
 * @slot - The elements that use the client.
 *
 * @example
 * ```html
 * <gar-client-provider service-url="https://gar.example">
 *   <gar-mediacentre></gar-mediacentre>
 * </gar-client-provider>
 * <script type="module">
 *   document.querySelector('gar-client-provider').getToken = () => ent.assertion();
 * </script>
 * ```
 */
export class GarClientProvider extends LitElement {
  static override properties = {
    serviceUrl: { attribute: 'service-url', reflect: true },
    getToken: { attribute: false },
    fetch: { attribute: false },
    client: { attribute: false },
  };

  /** The element's shadow styles (themable through its `--gar-*` custom properties and parts). */
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The opengar service's URL. */
  serviceUrl = '';

  /** Returns the ENT user assertion; asked again when the service says it expired. */
  getToken?: GetToken;

  /** The fetch the client uses (default: the global one); pass a service's `app.fetch` to run without network. */
  fetch?: FetchLike;

  /** A ready-made client; when set, `service-url`, `getToken` and `fetch` are ignored. */
  client?: GarMediacentreClient;

  private readonly provider = new ContextProvider(this, { context: garClientContext });

  /** The client given to the elements inside (`undefined` until `service-url` and `getToken` are set). */
  get providedClient(): GarMediacentreClient | undefined {
    return this.provider.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('serviceUrl') || changed.has('getToken') || changed.has('fetch')) {
      this.provider.setValue(this.client ?? makeClient(this));
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gar-client-provider': GarClientProvider;
  }
}
