import type { Mediacentre, MediacentreResource } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { FacetKey, FacetOption, FacetSelection, SortKey } from './filter-resources.js';
import type { MediacentreTranslation } from './localize/translation.js';
import { formatDate } from './templates.js';

/** The facets, in the order the toolbar shows them. */
export const FACETS: readonly FacetKey[] = ['presentationType', 'level', 'domain', 'publisher'];

const targetValue = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** The school picker, for a person at several schools. */
export function schoolSwitcher(
  listing: Mediacentre,
  t: MediacentreTranslation,
  onChange: (uai: string) => void,
): TemplateResult | typeof nothing {
  if (listing.schools.length < 2) return nothing;
  return html`<label class="field" part="school-switcher"
    >${t.school}
    <select @change=${(e: Event) => onChange(targetValue(e))}>
      ${listing.schools.map((s) => html`<option value=${s.uai} ?selected=${s.uai === listing.school.uai}>${s.name}</option>`)}
    </select></label
  >`;
}

/** What the toolbar shows and reports. */
export interface ToolbarOptions {
  t: MediacentreTranslation;
  listing: Mediacentre;
  query: string;
  facets: FacetSelection;
  sort: SortKey;
  facetOptions: (key: FacetKey) => FacetOption[];
  onSchool: (uai: string) => void;
  onQuery: (query: string) => void;
  onFacet: (key: FacetKey, value: string) => void;
  onSort: (sort: SortKey) => void;
  onClear: () => void;
}

/** Search, school, facet pickers (those with a choice to make) and sort. */
export function toolbar(o: ToolbarOptions): TemplateResult {
  const t = o.t;
  const labels: Record<FacetKey, string> = {
    presentationType: t.presentationType,
    level: t.level,
    domain: t.domain,
    publisher: t.publisher,
  };
  const filtered = o.query !== '' || FACETS.some((k) => o.facets[k] !== '');
  return html`<div class="toolbar" part="toolbar">
    ${schoolSwitcher(o.listing, t, o.onSchool)}
    <label class="field search" part="search"
      >${t.searchLabel}
      <input type="search" placeholder=${t.searchPlaceholder} .value=${o.query} @input=${(e: Event) => o.onQuery(targetValue(e))}
    /></label>
    ${FACETS.map((key) => {
      const options = o.facetOptions(key);
      if (options.length < 2 && o.facets[key] === '') return nothing;
      return html`<label class="field" part="filters"
        >${labels[key]}
        <select data-facet=${key} @change=${(e: Event) => o.onFacet(key, targetValue(e))}>
          <option value="" ?selected=${o.facets[key] === ''}>${t.allOption}</option>
          ${options.map((opt) => html`<option value=${opt.value} ?selected=${o.facets[key] === opt.value}>${opt.label}</option>`)}
        </select></label
      >`;
    })}
    <label class="field" part="sort"
      >${t.sortBy}
      <select data-sort @change=${(e: Event) => o.onSort(targetValue(e) === 'recent' ? 'recent' : 'name')}>
        <option value="name" ?selected=${o.sort === 'name'}>${t.sortName}</option>
        <option value="recent" ?selected=${o.sort === 'recent'}>${t.sortRecent}</option>
      </select></label
    >
    ${filtered ? html`<button class="button" part="clear-button" @click=${o.onClear}>${t.clearFilters}</button>` : nothing}
  </div>`;
}

/** How many chips a collapsed row shows (on one line: see `.chips.one-line`). */
export const ROW_CHIPS = 6;

/** A row that shows its first `ROW_CHIPS` on one line until the person asks for all of them. */
export interface RowMore {
  expanded: boolean;
  onToggle: () => void;
}

/** A bounded row's state, kept by `host` (which renders again when it changes). */
export function rowMore(host: { requestUpdate(): void }): RowMore {
  const more: RowMore = {
    expanded: false,
    onToggle: () => {
      more.expanded = !more.expanded;
      host.requestUpdate();
    },
  };
  return more;
}

/** The "show all (n)" / "show fewer" button of a bounded row, when it has more than one line's chips. */
function moreButton(count: number, more: RowMore | undefined, t: MediacentreTranslation, controls: string) {
  if (!more || count <= ROW_CHIPS) return nothing;
  return html`<button class="button more" part="show-all" aria-expanded=${more.expanded ? 'true' : 'false'} aria-controls=${controls} @click=${more.onToggle}>
    ${more.expanded ? t.showFewer : t.showAll(count, String(count))}
  </button>`;
}

/**
 * The favourites row; a favourite the person no longer has shows as unavailable. With `more`, the row is bounded:
 * one line of `ROW_CHIPS` chips and a "show all" button, so that the grid's first tiles stay on the first screen
 * whatever the number of favourites.
 */
export function favouritesRow(
  ids: readonly string[],
  byId: ReadonlyMap<string, MediacentreResource>,
  t: MediacentreTranslation,
  onOpen: (r: MediacentreResource) => void,
  onUnavailable: () => void,
  more?: RowMore,
): TemplateResult | typeof nothing {
  if (ids.length === 0) return nothing;
  const shown = more && !more.expanded ? ids.slice(0, ROW_CHIPS) : ids;
  return html`<section class="row" part="favourites" aria-labelledby="fav-title">
    <h3 id="fav-title">${t.favourites}</h3>
    <ul class="chips" id="fav-chips" ?data-one-line=${more !== undefined && !more.expanded}>
      ${shown.map((id) => {
        const r = byId.get(id);
        return r
          ? html`<li><button class="chip" data-id=${id} @click=${() => onOpen(r)}>${r.name}</button></li>`
          : html`<li>
              <button class="chip" data-id=${id} aria-disabled="true" title=${t.unavailableHint} @click=${onUnavailable}>
                ${t.unavailable} <span class="sr-only">${id}</span>
              </button>
            </li>`;
      })}
    </ul>
    ${moreButton(ids.length, more, t, 'fav-chips')}
  </section>`;
}

/** The recently opened row (at most six, on one line), newest first. */
export function recentRow(
  recent: ReadonlyMap<string, number>,
  byId: ReadonlyMap<string, MediacentreResource>,
  t: MediacentreTranslation,
  onOpen: (r: MediacentreResource) => void,
): TemplateResult | typeof nothing {
  const items = [...recent].flatMap(([id, at]) => {
    const r = byId.get(id);
    return r ? [{ r, at }] : [];
  });
  if (items.length === 0) return nothing;
  return html`<section class="row" part="recent" aria-labelledby="recent-title">
    <h3 id="recent-title">${t.recentlyOpened}</h3>
    <ul class="chips" data-one-line>
      ${items.slice(0, ROW_CHIPS).map(({ r, at }) => html`<li><button class="chip" data-id=${r.id} title=${t.openedOn(formatDate(at, t.locale))} @click=${() => onOpen(r)}>${r.name}</button></li>`)}
    </ul>
  </section>`;
}
