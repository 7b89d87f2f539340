import { describeReleasedData, type SchoolCatalogueEntry } from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../shared/localize.js';
import type { CatalogueTranslation } from './localize/translation.js';
import { CATALOGUE_FACETS, type CatalogueFacet, type CatalogueSelection, type FacetCount } from './search-catalogue.js';

/** The label of a facet value in the element's language. */
export function facetLabel(t: CatalogueTranslation, facet: CatalogueFacet, c: FacetCount): string {
  if (facet === 'status') return t.statuses[c.value as keyof CatalogueTranslation['statuses']] ?? c.label;
  if (facet === 'price') return c.value === 'free' ? t.prices.free : t.prices.paid;
  if (facet === 'offer') return t.offers[c.value] ?? c.label;
  return c.label;
}

/** The facet checkboxes, each value with its count; facets with nothing to choose are left out. */
export function facetsView(o: {
  t: CatalogueTranslation;
  counts: Record<CatalogueFacet, FacetCount[]>;
  selection: CatalogueSelection;
  onToggle: (facet: CatalogueFacet, value: string, on: boolean) => void;
  onClear: () => void;
  /** Whether the filters are shown. */
  open: boolean;
  onToggleOpen: (e: Event) => void;
}): TemplateResult {
  const { t, counts, selection } = o;
  const any = CATALOGUE_FACETS.some((f) => (selection[f]?.size ?? 0) > 0);
  const chosen = CATALOGUE_FACETS.reduce((n, f) => n + (selection[f]?.size ?? 0), 0);
  // A disclosure, closed at first on a narrow screen, so that the results are not pushed two screens down.
  return html`<details class="facets" part="facets" ?open=${o.open} @toggle=${o.onToggleOpen}>
    <summary>${t.filtersSummary(chosen)}</summary>
    ${CATALOGUE_FACETS.map((f) =>
      counts[f].length === 0
        ? nothing
        : html`<fieldset part="facet" data-facet=${f}>
            <legend>${t.facets[f]}</legend>
            ${counts[f].map((c) => {
              const label = facetLabel(t, f, c);
              const checked = selection[f]?.has(c.value) ?? false;
              return html`<label>
                <input
                  type="checkbox"
                  .checked=${checked}
                  data-value=${c.value}
                  @change=${(e: Event) => o.onToggle(f, c.value, (e.target as HTMLInputElement).checked)}
                />
                <span>${t.facetOption(label, c.count)}</span>
              </label>`;
            })}
          </fieldset>`,
    )}
    ${any ? html`<button type="button" class="button" part="clear-filters" @click=${o.onClear}>${t.clearFilters}</button>` : nothing}
  </details>`;
}

/** One catalogue entry: selection box, name, the school's standing, what it is, its reference and the data it gets. */
export function entryView(o: {
  t: CatalogueTranslation;
  lang: Lang;
  entry: SchoolCatalogueEntry;
  index: number;
  selected: boolean;
  formatDate: (iso: string) => string;
  onSelect: (on: boolean) => void;
}): TemplateResult {
  const { t, entry: e } = o;
  const id = `entry-${o.index}`;
  const until = e.until ? o.formatDate(e.until) : undefined;
  const kinds = [
    e.presentationType?.nom,
    ...e.levels.map((l) => l.nom),
    ...e.teachingDomains.map((d) => d.nom),
    e.free === undefined ? undefined : e.free ? t.prices.free : t.prices.paid,
    ...e.nationalOffers.map((n) => t.offers[n] ?? n),
  ].filter((x): x is string => !!x);
  return html`<li part="entry" data-resource-id=${e.resourceId}>
    <article class="entry" aria-labelledby=${id}>
      <div class="entry-head">
        <input
          type="checkbox"
          part="select"
          aria-label=${t.select(e.name)}
          .checked=${o.selected}
          @change=${(ev: Event) => o.onSelect((ev.target as HTMLInputElement).checked)}
        />
        <div>
          <h3 id=${id}>${e.name}</h3>
          <span class="badge ${e.status}" part="status-badge">${t.statusBadge(e.status, until)}</span>
          <p class="meta">
            <span>${t.publisher}\u202f: ${e.publisherName || e.publisherId}</span>${kinds.map((k) => html`<span>${k}</span>`)}
          </p>
          ${e.description ? html`<p>${e.description}</p>` : nothing}
          <p class="meta"><span>${t.reference}\u202f: <code part="reference">${e.resourceId}</code></span></p>
          <details part="data">
            <summary>${t.data}</summary>
            <p>${t.dataIntro}</p>
            <ul>
              ${describeReleasedData(e.declaredAttributes, o.lang).map((w) => html`<li>${w}</li>`)}
            </ul>
          </details>
        </div>
      </div>
    </article>
  </li>`;
}

/** The text copied for an order: a header, then one line per entry (reference, name, distributor), tab-separated. */
export function referencesText(t: CatalogueTranslation, entries: readonly SchoolCatalogueEntry[]): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  return [
    [t.reference, t.resource, t.distributor].join('\t'),
    ...entries.map((e) => [e.resourceId, clean(e.name), e.distributors[0]?.id ?? ''].join('\t')),
  ].join('\n');
}
