import type { Mediacentre, MediacentreResource, Recommendation } from '@opengar/core';
import { submitLaunchForm, type GarMediacentreClient } from '@opengar/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ClientController } from '../shared/client-controller.js';
import { describeError } from '../shared/describe-error.js';
import { GarClientElement } from '../shared/gar-element.js';
import { GarErrorEvent, type GarErrorDetail } from '../shared/gar-error-event.js';
import { safeHttpUrl } from '../shared/safe-url.js';
import { GarLaunchEvent, launchDetail } from './events.js';
import {
  collatorFor,
  facetOptions,
  indexResources,
  warmIndex,
  matcher,
  orderResources,
  type FacetKey,
  type FacetOption,
  type FacetSelection,
  type IndexedResource,
  type SortKey,
} from './filter-resources.js';
import { formatCount, NO_FACETS, resourcesById } from './listing.js';
import { localize } from './localize.js';
import type { ErrorMessageKey, MediacentreLang, MediacentreTranslation } from './localize/translation.js';
import { mediacentreStyles } from './mediacentre.styles.js';
import { recommendedStyles } from './recommended-row.styles.js';
import { readRecent, recentStorageFor, recordOpened, type RecentStorage } from './recent-store.js';
import { ReleasedDataController } from './released-data.js';
import { legalLinks } from '../shared/legal-links.js';
import { details, noMatchMessage, skeletons } from './templates.js';
import { TileFill, type GridSource } from './tile-fill.js';
import { gridSource } from './grid-source.js';
import { gridHintBlur, gridHintFocus } from './grid-hint.js';
import { gridAction, gridStep } from './grid-keys.js';
import { errorState, readListing } from './read-listing.js';
import { favouritesRow, recentRow, rowMore, schoolSwitcher, toolbar } from './toolbar.js';
import { atGrain, isTextbook, recommendedRow, textbooksRow } from './recommended-row.js';
import { YoungMode } from './young-view.js';
import { youngStyles } from './young.styles.js';
import { OpeningTracker } from './opening-tracker.js';
import { ShareController } from './share-controller.js';
import { shareStyles } from './share-link.js';

/** What `<gar-mediacentre>` shows: waiting for a client, loading, the listing, an error, or the offline message. */
export type MediacentreStatus = 'waiting' | 'loading' | 'ready' | 'error' | 'offline';
type View = MediacentreStatus;

/**
 * The médiacentre: the resources a person may open at their school, as tiles with search, filters, sort,
 * favourites and a recently-opened row. Opening a resource posts the GAR hand-off form as a top-level navigation.
 *
 * It takes its client from an enclosing `<gar-client-provider>`, or, alone on a page, makes one from `service-url`
 * and `getToken`.
 *
 * @summary The GAR médiacentre of one person.
 *
 * @fires {GarLaunchEvent} gar-launch - Before a resource opens (cancelable).
 * @fires {GarErrorEvent} gar-error - When loading, saving favourites, opening or rendering fails.
 *
 * @csspart title - The heading.
 * @csspart toolbar - Search, school, filters and sort.
 * @csspart search - The search field.
 * @csspart school-switcher - The school picker (several schools only).
 * @csspart filters - The facet pickers.
 * @csspart sort - The sort picker.
 * @csspart clear-button - Clears the search and filters.
 * @csspart status - The result count (a live region).
 * @csspart favourites - The favourites row.
 * @csspart recent - The recently opened row.
 * @csspart show-all - The favourites row's "show all (n)" / "show fewer" button (more than six favourites).
 * @csspart grid-hint - How the grid is used from the keyboard (shown while the keyboard is in the grid).
 * @csspart recommended - The row of what the person's teachers recommend, shown first; each item is a `recommendation`.
 * @csspart recommendation - One recommendation: the resource's button, « Recommandé par M. X », the note.
 * @csspart textbooks - The « Mes manuels » row (`textbooks-apart`).
 * @csspart grid - The tile grid (also the skeleton grid, with `skeleton`): its tiles are in groups, each a grid whose
 * columns are this part's `grid-template-columns` (set it, or `--gar-mediacentre-tile-min-width`, to change them).
 * @csspart skeleton - The placeholder grid while loading.
 * @csspart tile - One tile.
 * @csspart tile-thumbnail - A tile's picture, or its lettered fallback.
 * @csspart tile-thumbnail-fallback - The lettered block shown when there is no usable picture.
 * @csspart tile-name - A tile's name, the button that opens it.
 * @csspart tile-publisher - A tile's publisher.
 * @csspart tile-mark - A tile's "new" or "ending soon" mark (`mark-new`, `mark-ending`).
 * @csspart tile-type - A tile's presentation type.
 * @csspart badge - The GAR badge.
 * @csspart favourite-button - A tile's favourite toggle.
 * @csspart details-button - A tile's details button.
 * @csspart details - The details view.
 * @csspart description - The publisher's description in the details view.
 * @csspart back-button - Leaves the details view.
 * @csspart open-button - Opens the resource from the details view.
 * @csspart released-data - « Données transmises »: what the resource receives about the person, in words.
 * @csspart released-list - The list of what it receives.
 * @csspart copy-link-tile-button - A tile's « Copier le lien » button.
 * @csspart share - The details view's section to copy a link (to the resource, or to one of its pages).
 * @csspart share-link - The resource’s link, read-only.
 * @csspart copy-link-button - Copies it.
 * @csspart page-address - The field for a page’s address.
 * @csspart copy-page-button - Copies the link to that page.
 * @csspart page-error - Why a page's address is refused.
 * @csspart empty - The empty and no-match messages.
 * @csspart error - The error and offline messages.
 * @csspart report - The error state's "report a problem" link (with `support-url`).
 * @csspart legal - The links to the deployment's terms of use and information notice (`terms-url`, `notice-url`).
 *
 * @attr textbooks-apart - Shows textbooks (`MAN`) in a « Mes manuels » row above the other resources (off by default).
 * @attr variant - `young` for an école's young pupils: large tiles, one action each, names read aloud on demand, no
 * search, filters, sort, favourites or recently-opened row, and nothing kept on the device.
 * @csspart tile-open - A young pupils' tile's open button (`variant="young"`).
 * @csspart listen-button - A young pupils' tile's « Écouter » button (only when the browser can speak).
 *
 * @attr support-url - The support's page (http or https): the error state links to it ("Signaler un problème") with
 * the failed request's id (`ref`) and the school (`uai`) as query parameters. Read when the error shows.
 *
 * @cssprop --gar-mediacentre-background - Background (falls back to `--gar-color-surface`).
 * @cssprop --gar-mediacentre-color - Text colour (`--gar-color-text`).
 * @cssprop --gar-mediacentre-muted-color - Secondary text (`--gar-color-text-muted`).
 * @cssprop --gar-mediacentre-tile-background - Tile background (`--gar-color-surface-raised`).
 * @cssprop --gar-mediacentre-border-color - Borders (`--gar-color-border`).
 * @cssprop --gar-mediacentre-accent - Buttons and links (`--gar-color-accent`).
 * @cssprop --gar-mediacentre-on-accent - Text on the accent (`--gar-color-on-accent`).
 * @cssprop --gar-mediacentre-badge-background - The GAR badge (`--gar-color-badge`).
 * @cssprop --gar-mediacentre-danger - Error titles (`--gar-color-danger`).
 * @cssprop --gar-mediacentre-focus-ring - Focus outline (`--gar-focus-ring`).
 * @cssprop --gar-mediacentre-radius - Corner radius (`--gar-radius`).
 * @cssprop --gar-mediacentre-gap - Spacing (`--gar-space`).
 * @cssprop --gar-mediacentre-tile-min-width - Narrowest tile (default 11rem).
 * @cssprop --gar-mediacentre-font-family - Font (`--gar-font-family`).
 * @cssprop --gar-mediacentre-font-size - Base font size.
 */
export class GarMediacentre extends GarClientElement {
  /** The element's shadow styles (themable through its `--gar-*` custom properties and parts). */
  static override styles = [mediacentreStyles, recommendedStyles, youngStyles, shareStyles];
  static override properties = {
    uai: { reflect: true },
    openIn: { attribute: 'open-in', reflect: true },
    variant: { reflect: true },
    storage: { attribute: false },
    recentScope: { attribute: 'recent-scope' },
    termsUrl: { attribute: 'terms-url' },
    noticeUrl: { attribute: 'notice-url' },
    now: { attribute: false },
    view: { state: true },
    listing: { state: true },
    favouriteIds: { state: true },
    query: { state: true },
    facets: { state: true },
    sort: { state: true },
    selectedId: { state: true },
    errorKey: { state: true },
    notice: { state: true },
    recent: { state: true },
    activeIndex: { state: true },
    broken: { state: true },
    recommended: { state: true },
    textbooksApart: { type: Boolean, attribute: 'textbooks-apart' },
  };

  /** The school shown (UAI): set it to switch; default: the one the assertion names, or the person's only school. */
  uai = '';
  /** Where a resource opens: `new-tab` (default) or `same-tab`. */
  openIn: 'new-tab' | 'same-tab' = 'new-tab';
  /** `standard` (default), or `young` for an école's young pupils (see the `variant` attribute). */
  variant: 'standard' | 'young' = 'standard';
  /**
   * Where recently opened resources are remembered: default `sessionStorage` (forgotten when the browser closes, as
   * school computers are shared); pass `localStorage` with a per-person `recent-scope` to keep them; `null` keeps nothing.
   */
  storage?: RecentStorage | null;
  /** Separates the recently opened lists of several people on one browser (e.g. a hash of the person's id). */
  recentScope = '';
  /** The deployment's terms of use (CGU): an `https:` URL or a path of the page's origin, linked under the listing. */
  termsUrl?: string;
  /** The deployment's information notice (mentions d'information), linked beside the terms. */
  noticeUrl?: string;
  /** The clock (ms since epoch). */
  now: () => number = () => Date.now();
  /** Shows textbooks in a « Mes manuels » row, apart from the other resources (off by default). */
  textbooksApart = false;

  private view: View = 'waiting';
  private listing?: Mediacentre;
  private favouriteIds: readonly string[] = [];
  private query = '';
  private facets: FacetSelection = NO_FACETS;
  private sort: SortKey = 'name';
  private selectedId?: string;
  private errorKey?: ErrorMessageKey;
  private notice?: string;
  readonly #share = new ShareController(this);
  private recent: ReadonlyMap<string, number> = new Map();
  private activeIndex = 0;
  private broken: ReadonlySet<string> = new Set();
  /** What the person's teachers recommend (resources of the listing only). */
  private recommended: readonly Recommendation[] = [];
  /** The error of the error state, for the report link. */
  private failure?: unknown;

  readonly #client = new ClientController(this, {
    waiting: () => (this.view = 'waiting'),
    unconfigured: () =>
      this.#fail('configure', new Error('no service URL'), { code: 'not-configured', messageKey: 'notConfigured' }),
  });
  readonly #localize = localize(this);
  readonly #young = new YoungMode(this);
  readonly #released = new ReleasedDataController(this, () => this.#client.active);
  #currentUai = '';
  #indexed: IndexedResource[] = [];
  #ordered: IndexedResource[] = [];
  #visible: MediacentreResource[] = [];
  #visibleIndex = new Map<string, number>();
  #facetChoices: Partial<Record<FacetKey, FacetOption[]>> = {};
  #lastFocusId?: string;
  /** The resource being opened (its tile busy). */
  readonly #opening = new OpeningTracker(this);
  /** Builds the grid's first screen at once and the other tiles in later tasks (see tile-fill.ts). */
  readonly #fill = new TileFill(this, () => this.#gridSource());
  /** The grid's keys were used once: the active tile stops pointing to the keyboard hint. */
  #arrowsUsed = false;
  /** The favourites row shows one line until the person asks for all of them. */
  readonly #favouritesMore = rowMore(this);

  /** What the element shows now. */
  get status(): MediacentreStatus {
    return this.view;
  }

  /** The resources shown in the grid now (after search, filters and sort). */
  get visibleResources(): readonly MediacentreResource[] {
    return this.view === 'ready' ? this.#visible : [];
  }

  /** The current language. */
  get language(): MediacentreLang {
    return this.#localize.lang;
  }

  get #t(): MediacentreTranslation {
    return this.#localize.t;
  }

  get #recentStorage(): RecentStorage | undefined {
    return recentStorageFor(this.variant === 'young', this.storage);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener?.('online', this.#onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener?.('online', this.#onOnline);
  }

  readonly #onOnline = () => {
    if (this.view === 'offline') void this.reload();
  };

  /** Loads the listing again (after an error, or to refresh). */
  async reload(): Promise<void> {
    await this.#load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#client.sync(changed, changed.has('uai') && this.uai !== this.#currentUai)) {
      if (changed.has('uai')) this.#currentUai = this.uai;
      if (this.#client.active) void this.#load();
    }
    // Ordering and facets change with the listing, sort or language; a keystroke only re-filters the ordered list,
    // and the grid hides what does not match instead of rebuilding tiles.
    const has = (...keys: string[]) => keys.some((k) => changed.has(k as keyof GarMediacentre));
    if (!this.listing) return;
    if (has('listing', 'lang')) this.#facetChoices = {};
    if (has('listing')) this.#fill.reset(0, true);
    else if (has('selectedId') && !this.selectedId) {
      // Back from the details: the grid is rendered again, at least up to the tile that gets the focus back.
      const at = this.#ordered.findIndex((item) => item.resource.id === this.#lastFocusId);
      this.#fill.reset(at + 1);
    }
    if (has('listing', 'sort', 'recent', 'lang'))
      this.#ordered = orderResources(this.#indexed, this.sort, this.recent, this.#t.locale);
    if (has('listing', 'sort', 'recent', 'lang', 'query', 'facets', 'textbooksApart')) {
      const keep = matcher(this.query, this.facets);
      this.#visible = [];
      this.#visibleIndex = new Map();
      for (const item of this.#ordered)
        if (keep(item) && !(this.textbooksApart && isTextbook(item.resource)))
          this.#visibleIndex.set(item.resource.id, this.#visible.push(item.resource) - 1);
      if (this.activeIndex >= this.#visible.length) this.activeIndex = 0;
    }
  }

  /** Resolves once the update is done and every tile of the grid is in the DOM. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.#fill.done();
    return (await super.getUpdateComplete()) && done;
  }

  #load(): Promise<void> {
    return this.#client.run((client, signal) => this.#read(client, signal));
  }

  async #read(client: GarMediacentreClient, signal: AbortSignal): Promise<void> {
    this.view = 'loading';
    this.notice = undefined;
    try {
      // The page's first Intl.Collator costs several milliseconds: made while the listing is on its way.
      const pending = readListing(client, { uai: this.#currentUai, young: this.variant === 'young', signal });
      collatorFor(this.#t.locale);
      const loaded = await pending;
      if (signal.aborted) return;
      const { listing } = loaded;
      this.listing = listing;
      this.#indexed = indexResources(listing.resources);
      // Once every tile is built, the search texts are folded ahead of the first search.
      void this.updateComplete.then(() => warmIndex(this.#indexed));
      this.#currentUai = listing.school.uai;
      this.recommended = loaded.recommended;
      this.favouriteIds = loaded.favouriteIds;
      this.recent = readRecent(this.#recentStorage, `${this.recentScope}:${listing.school.uai}`);
      this.selectedId = undefined;
      this.activeIndex = 0;
      this.view = 'ready';
    } catch (error) {
      if (signal.aborted) return;
      this.#fail('load', error);
    }
  }

  /** Shows the failure (an error state for the listing, a notice otherwise) and dispatches `gar-error`. */
  #fail(operation: GarErrorDetail['operation'], error: unknown, described = describeError(error)): void {
    const message = this.#t.errors[described.messageKey];
    if (operation === 'load' || operation === 'configure' || operation === 'render') {
      this.failure = error;
      this.errorKey = described.messageKey;
      this.view =
        described.messageKey === 'offline' || (typeof navigator === 'object' && navigator.onLine === false)
          ? 'offline'
          : 'error';
    } else {
      this.notice = message;
    }
    this.dispatchEvent(
      new GarErrorEvent({ operation, code: described.code, messageKey: described.messageKey, message, error }),
    );
  }

  async #toggleFavourite(id: string): Promise<void> {
    const client = this.#client.active;
    if (!client) return;
    const before = this.favouriteIds;
    const next = before.includes(id) ? before.filter((x) => x !== id) : [...before, id];
    this.favouriteIds = next;
    this.notice = undefined;
    try {
      const saved = await client.setFavourites(next);
      if (Array.isArray(saved?.resourceIds)) this.favouriteIds = saved.resourceIds;
    } catch (error) {
      this.favouriteIds = before;
      this.#fail('favourites', error);
    }
  }

  async #launch(r: MediacentreResource, grain?: string): Promise<void> {
    const client = this.#client.active;
    const listing = this.listing;
    if (!client || !listing) return;
    this.notice = undefined;
    const launchUrl = safeHttpUrl(listing.launchUrl);
    if (!launchUrl) {
      this.#fail('launch', new Error('unsafe launch URL'), { code: 'unsafe-url', messageKey: 'badLink' });
      return;
    }
    // A second click while the assertion is fetched, the service checked or the hand-off page loads opens nothing.
    if (!this.#opening.start(r.id)) return;
    let submitted = false;
    try {
      // Rejects when the service cannot be reached: the person stays here with a message, not on a browser error page.
      const form = atGrain(await client.launchForm(r.id, listing.school.uai, { launchUrl }), grain);
      const target = this.openIn === 'same-tab' ? '_self' : '_blank';
      this.recent = recordOpened(this.#recentStorage, `${this.recentScope}:${listing.school.uai}`, r.id, this.now());
      if (this.dispatchEvent(new GarLaunchEvent(launchDetail(form, r.name, target)))) {
        submitLaunchForm(form, { target });
        submitted = true;
      }
    } catch (error) {
      this.#fail('launch', error);
    } finally {
      this.#opening.end(submitted);
    }
  }

  async #showDetails(id: string | undefined): Promise<void> {
    this.#share.reset();
    if (id) this.#lastFocusId = this.selectedId === undefined ? id : this.#lastFocusId;
    this.selectedId = id;
    await this.updateComplete;
    const root = this.renderRoot as ShadowRoot;
    if (id) root.querySelector<HTMLElement>('#details-title')?.focus();
    else
      root
        .querySelector<HTMLElement>(`.tile[data-id="${CSS.escape(this.#lastFocusId ?? '')}"] [part="details-button"]`)
        ?.focus();
  }

  #visibleTiles(): HTMLElement[] {
    return [...(this.renderRoot as ShadowRoot).querySelectorAll<HTMLElement>('.grid .tile:not([hidden])')];
  }

  #onGridClick(e: Event): void {
    const asked = gridAction(e);
    const r = asked && this.listing?.resources.find((x) => x.id === asked.id);
    if (!asked || !r) return;
    if (asked.action === 'open') void this.#launch(r);
    else if (asked.action === 'favourite') void this.#toggleFavourite(r.id);
    else if (asked.action === 'details') void this.#showDetails(r.id);
    else if (asked.action === 'copy-link') void this.#share.copy(this.listing, r, this.#t.share);
  }

  #onGridKey(e: KeyboardEvent): void {
    const n = this.#visible.length;
    if (!n) return;
    const tiles = this.#visibleTiles();
    const step = gridStep(e.key, tiles, n);
    if (step === undefined) return;
    e.preventDefault();
    this.#arrowsUsed = true;
    this.activeIndex = Math.min(n - 1, Math.max(0, this.activeIndex + step));
    if (this.activeIndex >= tiles.length) this.#fill.flush();
    void this.updateComplete.then(() =>
      this.#visibleTiles()[this.activeIndex]?.querySelector<HTMLElement>('.open')?.focus(),
    );
  }

  #onGridFocus(e: FocusEvent): void {
    gridHintFocus(e);
    const id = (e.target as HTMLElement).closest?.<HTMLElement>('.tile')?.dataset.id;
    const index = id === undefined ? -1 : (this.#visibleIndex.get(id) ?? -1);
    if (index >= 0 && index !== this.activeIndex) this.activeIndex = index;
  }

  protected override render(): TemplateResult {
    try {
      return this.#renderView();
    } catch (error) {
      queueMicrotask(() => this.#fail('render', error));
      return html`<div lang=${this.language}><div class="message error" part="error" role="alert"><p>${this.#t.errors.generic}</p></div></div>`;
    }
  }

  #renderView(): TemplateResult {
    const t = this.#t;
    const count =
      this.view === 'ready' && !this.selectedId
        ? t.resultCount(this.#visible.length, formatCount(this.#visible.length, t.locale))
        : '';
    const openingId = this.#opening.id;
    const opening = openingId && this.listing?.resources.find((r) => r.id === openingId);
    const status =
      this.view === 'loading' || this.view === 'waiting'
        ? t.loading
        : opening
          ? t.opening(opening.name)
          : (this.#share.notice ?? count);
    return html`<div lang=${this.language} class="root">
      <h2 class="title" part="title">${this.variant === 'young' ? this.#young.text(this.language).title : t.title}</h2>
      <p class="status" part="status" role="status">${status}</p>
      ${this.notice ? html`<p class="notice" role="alert">${this.notice}</p>` : nothing} ${this.#renderBody()}
      ${legalLinks(this.termsUrl, this.noticeUrl, this.language)}
    </div>`;
  }

  #renderBody(): TemplateResult | typeof nothing {
    const t = this.#t;
    switch (this.view) {
      case 'waiting':
      case 'loading':
        return skeletons(8);
      case 'error':
      case 'offline':
        return errorState({
          t,
          offline: this.view === 'offline',
          errorKey: this.errorKey,
          retry: this.#client.active ? () => void this.reload() : undefined,
          supportUrl: this.getAttribute('support-url') ?? undefined,
          failure: this.failure,
          uai: this.#currentUai,
        });
      case 'ready':
        break;
    }
    const listing = this.listing;
    if (!listing) return nothing;
    const selected = this.selectedId ? listing.resources.find((r) => r.id === this.selectedId) : undefined;
    if (selected) {
      return details(
        selected,
        t,
        this.broken.has(selected.id),
        () => void this.#showDetails(undefined),
        () => void this.#launch(selected),
        () => this.#markBroken(selected.id),
        this.#opening.id === selected.id,
        this.#released.render(selected.id, listing.school.uai, this.language),
        this.#share.section(listing, selected, t.share),
      );
    }
    if (this.variant === 'young')
      return this.#young.render(listing, {
        lang: this.language,
        opening: this.#opening.id,
        broken: this.broken,
        open: (r) => void this.#launch(r),
        onBroken: (id) => this.#markBroken(id),
      });
    // Switching school sets `uai`, which loads that school's listing (see willUpdate).
    const onSchool = (uai: string) => (this.uai = uai);
    if (listing.resources.length === 0) {
      return html`${schoolSwitcher(listing, t, onSchool)}<div class="message" part="empty"><h3>${t.emptyTitle}</h3><p>${t.emptyHint}</p></div>`;
    }
    const byId = resourcesById(listing);
    const open = (r: MediacentreResource, grain?: string) => void this.#launch(r, grain);
    const textbooks = this.textbooksApart
      ? this.#ordered
          .filter((x) => isTextbook(x.resource) && matcher(this.query, this.facets)(x))
          .map((x) => x.resource)
      : [];
    return html`${recommendedRow(this.recommended, byId, this.language, open)}${toolbar({
      t,
      listing,
      query: this.query,
      facets: this.facets,
      sort: this.sort,
      facetOptions: (key) => (this.#facetChoices[key] ??= facetOptions(listing.resources, key, t.locale)),
      onSchool,
      onQuery: (q) => (this.query = q),
      onFacet: (key, value) => (this.facets = { ...this.facets, [key]: value }),
      onSort: (sort) => (this.sort = sort),
      onClear: () => this.#clearFilters(),
    })}
    ${favouritesRow(this.favouriteIds, byId, t, open, () => (this.notice = t.unavailableHint), this.#favouritesMore)} ${recentRow(this.recent, byId, t, open)} ${textbooksRow(textbooks, this.language, open)} ${this.#renderGrid(textbooks.length > 0)}`;
  }

  #clearFilters(): void {
    this.facets = NO_FACETS;
    this.query = '';
  }

  #renderGrid(textbooksShown = false): TemplateResult {
    const t = this.#t;
    const none = this.#visible.length === 0;
    const noMatch = none && !textbooksShown;
    // The tiles are not in this template: the fill builds and updates them in the list's groups (see #gridSource).
    return html`${noMatch ? noMatchMessage(t, () => this.#clearFilters()) : nothing}
      <p id="grid-hint" class="grid-hint" part="grid-hint" ?hidden=${none}>${t.gridHint}</p>
      <div class="grid" part="grid" role="list" aria-label=${t.resourcesLabel} ?hidden=${none} @click=${this.#onGridClick} @keydown=${this.#onGridKey} @focusin=${this.#onGridFocus} @focusout=${gridHintBlur}></div>`;
  }

  /** The grid this update rendered, and what each of its tiles shows, if the listing's grid is shown. */
  #gridSource(): GridSource | undefined {
    const ul = this.renderRoot.querySelector<HTMLElement>('.grid[role="list"]');
    if (!ul || this.view !== 'ready' || this.selectedId || this.variant === 'young') return undefined;
    return gridSource(ul, {
      t: this.#t,
      ordered: this.#ordered,
      visibleIndex: this.#visibleIndex,
      activeIndex: this.activeIndex,
      favouriteIds: this.favouriteIds,
      opening: this.#opening.id,
      broken: this.broken,
      now: this.now(),
      hint: this.#arrowsUsed ? undefined : 'grid-hint',
      onBroken: (id) => this.#markBroken(id),
    });
  }

  #markBroken(id: string): void {
    if (!this.broken.has(id)) this.broken = new Set([...this.broken, id]);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gar-mediacentre': GarMediacentre;
  }
}
