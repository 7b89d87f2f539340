import type { SchoolReleasedData } from '@opengar/core';
import { consoleOf, type GarMediacentreClient } from '@opengar/sdk';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ReleasedDataCache } from '../released-data/released-data-controller.js';
import type { Lang } from '../shared/localize.js';

/**
 * « Données transmises » for heads, in a subscription's detail: what its resource can receive about a pupil and about
 * a member of staff, read once per school from `GET …/released-data` (the hand-off's own release for a person with
 * every value). A failure is a sentence; the console stays usable.
 */
export class SchoolReleasedDataController {
  readonly #cache: ReleasedDataCache<SchoolReleasedData>;

  constructor(
    private readonly host: ReactiveControllerHost & { shadowRoot: ShadowRoot | null },
    client: () => GarMediacentreClient | undefined,
  ) {
    this.#cache = new ReleasedDataCache(host, async (uai) => {
      const c = client();
      if (!c) throw new Error('no client');
      return consoleOf(c).releasedData(uai);
    });
  }

  /** The disclosure for `resourceId` of the school `uai`. */
  render(uai: string, resourceId: string, lang: Lang): TemplateResult {
    const entry = this.#cache.entry(uai, `${uai}\u0000${resourceId}`);
    const view = this.#cache.view;
    if (!view) return html`<details class="released" part="released-data" aria-busy="true"></details>`;
    view.adoptReleasedDataStyles(this.host.shadowRoot);
    return view.schoolSection(entry, resourceId, lang);
  }
}
