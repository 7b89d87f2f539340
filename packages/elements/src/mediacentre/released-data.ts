import type { ReleasedData } from '@opengar/core';
import type { GarMediacentreClient } from '@opengar/sdk';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ReleasedDataCache } from '../released-data/released-data-controller.js';
import type { Lang } from '../shared/localize.js';

/**
 * « Données transmises » in the details view: asks the service once per school and resource what the resource would
 * receive about the person (`client.releasedData`, the hand-off's own release), and says it in words — `tu` to a
 * pupil, `vous` to an adult. A failure is a sentence, never an error state: the details stay usable.
 */
export class ReleasedDataController {
  readonly #cache: ReleasedDataCache<ReleasedData>;

  constructor(
    private readonly host: ReactiveControllerHost & { shadowRoot: ShadowRoot | null },
    client: () => GarMediacentreClient | undefined,
  ) {
    this.#cache = new ReleasedDataCache(host, async (key) => {
      const [uai = '', resourceId = ''] = key.split('\u0000');
      const c = client();
      if (!c?.releasedData) throw new Error('no client');
      return c.releasedData(resourceId, uai);
    });
  }

  /** The section for `resourceId` at `uai` (an empty busy block until its words are loaded). */
  render(resourceId: string, uai: string, lang: Lang): TemplateResult {
    const entry = this.#cache.entry(`${uai}\u0000${resourceId}`);
    const view = this.#cache.view;
    if (!view) return html`<section class="released" part="released-data" aria-busy="true"></section>`;
    view.adoptReleasedDataStyles(this.host.shadowRoot);
    return view.personSection(entry, lang);
  }
}
