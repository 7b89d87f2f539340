import type { Mediacentre, MediacentreResource } from '@opengar/core';
import type { FacetSelection } from './filter-resources.js';

// The first Intl.NumberFormat of a page costs several milliseconds, and below 1,000 every locale we speak writes plain digits.
let counts: Intl.NumberFormat | undefined;
let countsLocale = '';
/** A result count for the locale. */
export function formatCount(n: number, locale: string): string {
  if (n < 1000) return String(n);
  // resolvedOptions() builds a new object on every call: remember the locale asked for instead.
  if (!counts || countsLocale !== locale) {
    counts = new Intl.NumberFormat(locale);
    countsLocale = locale;
  }
  return counts.format(n);
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
