import type { Mediacentre, MediacentreResource } from '@opengar/core';
import type { FacetSelection } from './filter-resources.js';

/**
 * A result count for the locale, grouped by hand as Intl.NumberFormat writes it (French: a narrow no-break space;
 * English: a comma): the first Intl.NumberFormat of a page costs several milliseconds of the first screen.
 */
export function formatCount(n: number, locale: string): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, locale.startsWith('fr') ? '\u202f' : ',');
}
/** No facet chosen. */
export const NO_FACETS: FacetSelection = { presentationType: '', level: '', domain: '', publisher: '' };

/** The answer is a listing the element can show (checked: it comes from the network). */
export function isListing(v: unknown): v is Mediacentre {
  const m = v as Mediacentre;
  return (
    typeof m === 'object' &&
    m !== null &&
    Array.isArray(m.resources) &&
    typeof m.school?.uai === 'string' &&
    Array.isArray(m.schools)
  );
}

const byIds = new WeakMap<Mediacentre, ReadonlyMap<string, MediacentreResource>>();
/** A listing's resources by id, made once per listing (every update of the rows reads it). */
export function resourcesById(listing: Mediacentre): ReadonlyMap<string, MediacentreResource> {
  let map = byIds.get(listing);
  if (!map) {
    map = new Map(listing.resources.map((r) => [r.id, r]));
    byIds.set(listing, map);
  }
  return map;
}
