import type { SchoolCatalogue, SchoolCatalogueEntry } from '@opengar/core';
import { consoleOf, type GarMediacentreClient } from '@opengar/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ClientController } from '../shared/client-controller.js';
import { describeError } from '../shared/describe-error.js';
import { GarClientElement } from '../shared/gar-element.js';
import { GarErrorEvent, type GarErrorDetail } from '../shared/gar-error-event.js';
import type { ErrorMessageKey, Lang } from '../shared/localize.js';
import { catalogueStyles } from './catalogue.styles.js';
import { entryView, facetsView, referencesText } from './catalogue-view.js';
import { GarCatalogueCopyEvent } from './events.js';
import type { CatalogueTranslation } from './localize/translation.js';
import { localize } from './localize.js';
import {
  indexCatalogue,
  narrowCatalogue,
  searchCatalogue,
  type CatalogueFacet,
  type CatalogueIndex,
  type CatalogueSelection,
} from './search-catalogue.js';

/** What `<gar-catalogue>` shows: waiting for a client, loading, the catalogue, an error, or a refusal. */
export type CatalogueView = 'waiting' | 'loading' | 'ready' | 'error' | 'refused';

/** Where the catalogue comes from: the service's `GET /api/v1/schools/{uai}/catalogue` by default. */
export type CatalogueSource = (uai: string, signal: AbortSignal) => Promise<SchoolCatalogue>;

const PAGE = 50;

/**
 * The catalogue of diffusable resources for a school's head, librarians and teachers: search that ignores accents
 * and small typos, facets with counts (level, subject, type, cost, national offer, publisher, and the school's
 * standing: already subscribed here, not yet, ended), a selection whose references are copied for an order, and for
 * each resource the data it would receive.
 *
 * It takes its client from an enclosing `<gar-client-provider>`, or, alone on a page, makes one from `service-url`
 * and `getToken`.
 *
 * @summary The catalogue of resources a school may subscribe to.
 *
 * @fires {GarCatalogueCopyEvent} gar-catalogue-copy - When the references of the selection are copied.
 * @fires {GarErrorEvent} gar-error - When loading or rendering fails, or the person may not read the catalogue.
 *
 * @csspart title - The heading.
 * @csspart status - The live region (visually hidden): "loading", then how many resources are shown.
 * @csspart search - The search field.
 * @csspart facets - The filters; each is a `facet`.
 * @csspart facet - One facet's checkboxes.
 * @csspart clear-filters - The button that clears the filters.
 * @csspart selection - The selection bar.
 * @csspart copy-button - Copies the references of the selection.
 * @csspart references - The text to copy by hand when the clipboard is not available.
 * @csspart list - The list of entries; each is an `entry`.
 * @csspart entry - One resource.
 * @csspart select - An entry's selection box.
 * @csspart status-badge - The school's standing with a resource.
 * @csspart reference - A resource's `idRessource`.
 * @csspart data - What data the resource would receive.
 * @csspart more - The "show more" button.
 * @csspart empty - The empty and no-match messages.
 * @csspart error - The error and refusal messages.
 * @csspart skeleton - The placeholder while loading.
 *
 * @cssprop --gar-catalogue-background - Background (falls back to `--gar-color-surface`).
 * @cssprop --gar-catalogue-color - Text colour (`--gar-color-text`).
 * @cssprop --gar-catalogue-muted-color - Secondary text (`--gar-color-text-muted`).
 * @cssprop --gar-catalogue-surface - Raised surfaces (`--gar-color-surface-raised`).
 * @cssprop --gar-catalogue-border-color - Borders (`--gar-color-border`).
 * @cssprop --gar-catalogue-accent - The copy button (`--gar-color-accent`).
 * @cssprop --gar-catalogue-on-accent - Text on the accent (`--gar-color-on-accent`).
 * @cssprop --gar-catalogue-danger - Errors and "ended" (`--gar-color-danger`).
 * @cssprop --gar-catalogue-success - "Already subscribed" (`--gar-color-success`).
 * @cssprop --gar-catalogue-focus-ring - Focus outline (`--gar-focus-ring`).
 * @cssprop --gar-catalogue-radius - Corner radius (`--gar-radius`).
 * @cssprop --gar-catalogue-gap - Spacing (`--gar-space`).
 * @cssprop --gar-catalogue-font-family - Font (`--gar-font-family`).
 * @cssprop --gar-catalogue-font-size - Base font size.
 */
export class GarCatalogue extends GarClientElement {
  /** The element's shadow styles (themable through its `--gar-catalogue-*` custom properties and parts). */
  static override styles = catalogueStyles;
  static override properties = {
    uai: { reflect: true },
    query: { reflect: true },
    source: { attribute: false },
    view: { state: true },
    selection: { state: true },
    selected: { state: true },
    shown: { state: true },
    copyState: { state: true },
    filtersOpen: { state: true },
  };

  /** The school (UAI) whose standing is shown; default: the person's current school. */
  uai = '';
  /** The search text. */
  query = '';
  /** Where the catalogue comes from (default: the client); for hosts with their own transport, and stories. */
  source?: CatalogueSource;

  private view: CatalogueView = 'waiting';
  private selection: CatalogueSelection = {};
  private selected: ReadonlySet<string> = new Set();
  private shown = PAGE;
  private copyState?: { count: number; fallback?: string };
  private filtersOpen = true;
  #index: CatalogueIndex = indexCatalogue([]);
  #errorKey: ErrorMessageKey = 'generic';
  #loadedFor?: unknown;
  #filtersSized = false;

  readonly #client = new ClientController<CatalogueSource>(this, {
    source: (client) => this.source ?? (client && this.#sourceFor(client)),
    waiting: () => (this.view = 'waiting'),
    unconfigured: () =>
      this.#fail('configure', new Error('no service URL'), { code: 'not-configured', messageKey: 'notConfigured' }),
  });
  readonly #localize = localize(this);
  #sources = new WeakMap<GarMediacentreClient, CatalogueSource>();

  /** What the element shows now. */
  get status(): CatalogueView {
    return this.view;
  }

  /** The `idRessource` of the selected entries, in catalogue order; set it to select entries (unknown ids go). */
  get selectedIds(): string[] {
    return this.#index.entries.filter((e) => this.selected.has(e.resourceId)).map((e) => e.resourceId);
  }
  set selectedIds(ids: readonly string[]) {
    this.selected = new Set(Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : []);
    this.copyState = undefined;
  }

  get #t(): CatalogueTranslation {
    return this.#localize.t;
  }

  get #lang(): Lang {
    return this.#localize.lang;
  }

  #sourceFor(client: GarMediacentreClient): CatalogueSource {
    let s = this.#sources.get(client);
    if (!s) {
      s = async (uai, signal) => {
        const school = uai || (await client.resources(undefined, { signal })).school.uai;
        return consoleOf(client).catalogue(school, { signal });
      };
      this.#sources.set(client, s);
    }
    return s;
  }

  /** Loads the catalogue again (after an error, or to refresh). */
  async reload(): Promise<void> {
    this.#loadedFor = undefined;
    await this.#load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#client.sync(changed, changed.has('uai') || changed.has('source'));
    const key = this.#client.active && [this.#client.active, this.uai];
    if (key && (this.#loadedFor as unknown[] | undefined)?.every((v, i) => v === key[i]) !== true) {
      this.#loadedFor = key;
      void this.#load();
    }
  }

  #load(): Promise<void> {
    return this.#client.run(async (source, signal) => {
      this.view = 'loading';
      try {
        const catalogue = await source(this.uai, signal);
        if (signal.aborted) return;
        if (!catalogue || !Array.isArray(catalogue.items)) throw new TypeError('unexpected catalogue');
        this.#index = indexCatalogue(catalogue.items);
        // Closed at first where the filters would stand above the results (a phone: one column), once.
        if (!this.#filtersSized) {
          this.#filtersSized = true;
          const width = this.getBoundingClientRect().width;
          if (width > 0 && width < 640) this.filtersOpen = false;
        }
        const known = new Set(catalogue.items.map((e) => e.resourceId));
        this.selected = new Set([...this.selected].filter((id) => known.has(id)));
        this.view = 'ready';
      } catch (error) {
        if (signal.aborted) return;
        this.#fail('load', error);
      }
    });
  }

  #fail(operation: GarErrorDetail['operation'], error: unknown, described = describeError(error)): void {
    this.#errorKey = described.messageKey;
    this.view = described.messageKey === 'forbidden' ? 'refused' : 'error';
    const message = this.#t.errors[described.messageKey];
    this.dispatchEvent(
      new GarErrorEvent({ operation, code: described.code, messageKey: described.messageKey, message, error }),
    );
  }

  #toggleFacet(facet: CatalogueFacet, value: string, on: boolean): void {
    const next = new Set(this.selection[facet] ?? []);
    if (on) next.add(value);
    else next.delete(value);
    this.selection = { ...this.selection, [facet]: next };
    this.shown = PAGE;
  }

  #select(ids: readonly string[], on: boolean): void {
    const next = new Set(this.selected);
    for (const id of ids) on ? next.add(id) : next.delete(id);
    this.selected = next;
    this.copyState = undefined;
  }

  async #copy(): Promise<void> {
    const entries = this.#index.entries.filter((e) => this.selected.has(e.resourceId));
    if (entries.length === 0) return;
    const text = referencesText(this.#t, entries);
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
    this.copyState = copied ? { count: entries.length } : { count: entries.length, fallback: text };
    this.dispatchEvent(new GarCatalogueCopyEvent({ resourceIds: entries.map((e) => e.resourceId), text, copied }));
    if (!copied) {
      await this.updateComplete;
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea');
      area?.focus();
      area?.select();
    }
  }

  async #showMore(from: number): Promise<void> {
    this.shown += PAGE;
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLInputElement>('[part="entry"] input[type="checkbox"]')[from]?.focus();
  }

  protected override render(): TemplateResult {
    try {
      return this.#renderView();
    } catch (error) {
      queueMicrotask(() => this.#fail('render', error, { code: 'render', messageKey: 'generic' }));
      return html`<div lang=${this.#lang}><div class="message error" part="error" role="alert"><p>${this.#t.errors.generic}</p></div></div>`;
    }
  }

  #renderView(): TemplateResult {
    const t = this.#t;
    const busy = this.view === 'loading' || this.view === 'waiting';
    const ready = this.view === 'ready';
    const matches = ready ? searchCatalogue(this.#index, this.query) : [];
    const { results, counts } = narrowCatalogue(this.#index, matches, this.selection);
    const total = this.#index.entries.length;
    const status = busy ? t.loading : ready ? t.results(results.length, total) : '';
    return html`<div lang=${this.#lang} class="root">
      <h2 class="title" part="title">${t.title}</h2>
      <p class="sr-only" part="status" role="status">${status}</p>
      ${
        this.view === 'error' || this.view === 'refused'
          ? this.#errorView()
          : html`<div class="search" part="search">
                <label for="q">${t.search}</label>
                <input
                  id="q"
                  type="search"
                  autocomplete="off"
                  aria-describedby="q-hint"
                  .value=${this.query}
                  ?disabled=${!ready}
                  @input=${(e: Event) => {
                    this.query = (e.target as HTMLInputElement).value;
                    this.shown = PAGE;
                  }}
                />
                <span id="q-hint" class="hint">${t.searchHint}</span>
              </div>
              <div class="layout" aria-busy=${busy ? 'true' : 'false'}>
                ${ready && total > 0 ? this.#facets(counts) : html`<div></div>`}
                <section aria-labelledby="results-title">
                  <h3 id="results-title" class="sr-only">${ready ? t.results(results.length, total) : t.loading}</h3>
                  ${busy ? this.#skeleton() : this.#results(results, total)}
                </section>
              </div>`
      }
    </div>`;
  }

  #facets(counts: ReturnType<typeof narrowCatalogue>['counts']): TemplateResult {
    return facetsView({
      t: this.#t,
      counts,
      selection: this.selection,
      onToggle: (f, v, on) => this.#toggleFacet(f, v, on),
      onClear: () => (this.selection = {}),
      open: this.filtersOpen,
      onToggleOpen: (e) => (this.filtersOpen = (e.target as HTMLDetailsElement).open),
    });
  }

  #errorView(): TemplateResult {
    const t = this.#t;
    const refused = this.view === 'refused';
    return html`<div class="message error" part="error" role="alert">
      <p>${refused ? t.refused : t.errors[this.#errorKey]}</p>
      ${refused || !this.#client.active ? nothing : html`<button type="button" class="button" @click=${() => void this.reload()}>${t.retry}</button>`}
    </div>`;
  }

  #skeleton(): TemplateResult {
    return html`<ul class="skeleton" part="skeleton" aria-hidden="true">
      <li></li>
      <li></li>
      <li></li>
    </ul>`;
  }

  #results(results: readonly number[], total: number): TemplateResult {
    const t = this.#t;
    if (total === 0)
      return html`<div class="message" part="empty"><p>${t.empty}</p><p class="hint">${t.emptyHint}</p></div>`;
    const entries = this.#index.entries;
    const resultIds = results.map((i) => entries[i]!.resourceId);
    const fmt = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone: 'Europe/Paris' });
    const formatDate = (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
    };
    const visible = results.slice(0, this.shown);
    return html`${this.#selectionBar(resultIds)}
      ${
        results.length === 0
          ? html`<div class="message" part="empty"><p>${t.noMatch(this.query.trim())}</p><p class="hint">${t.noMatchHint}</p></div>`
          : html`<p>${t.results(results.length, total)}</p>
              <ul class="entries" part="list">
                ${visible.map((i) => {
                  const entry: SchoolCatalogueEntry = entries[i]!;
                  return entryView({
                    t,
                    lang: this.#lang,
                    entry,
                    index: i,
                    selected: this.selected.has(entry.resourceId),
                    formatDate,
                    onSelect: (on) => this.#select([entry.resourceId], on),
                  });
                })}
              </ul>
              ${
                results.length > visible.length
                  ? html`<button type="button" class="button" part="more" @click=${() => void this.#showMore(visible.length)}>
                      ${t.showMore(Math.min(PAGE, results.length - visible.length))}
                    </button>`
                  : nothing
              }`
      }`;
  }

  #selectionBar(resultIds: readonly string[]): TemplateResult {
    const t = this.#t;
    const count = this.selected.size;
    const copy = this.copyState;
    return html`<div class="selection" part="selection" role="group" aria-label=${t.selected(count)}>
      <span>${t.selected(count)}</span>
      <button type="button" class="button" ?disabled=${resultIds.length === 0} @click=${() => this.#select(resultIds, true)}>
        ${t.selectAllShown}
      </button>
      <button type="button" class="button primary" part="copy-button" ?disabled=${count === 0} @click=${() => void this.#copy()}>
        ${t.copyReferences}
      </button>
      <button type="button" class="button" ?disabled=${count === 0} @click=${() => this.#select([...this.selected], false)}>
        ${t.clearSelection}
      </button>
      <p role="status" class=${copy ? '' : 'sr-only'}>${copy ? (copy.fallback ? t.copyFallback : t.copied(copy.count)) : ''}</p>
      ${
        copy?.fallback
          ? html`<textarea part="references" readonly aria-label=${t.copyReferences} .value=${copy.fallback}></textarea>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gar-catalogue': GarCatalogue;
  }
}
