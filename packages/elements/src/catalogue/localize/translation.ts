import type { CatalogueStatus } from '@opengar/core';
import type { ErrorMessageKey } from '../../shared/localize.js';
import type { CatalogueFacet } from '../search-catalogue.js';

/**
 * Every text of `<gar-catalogue>`. Plurals and values are functions so each language words them its own way; dates
 * arrive already formatted for the locale.
 */
export interface CatalogueTranslation {
  /** BCP 47 tag used for `Intl` formatting and the `lang` of the rendered text. */
  locale: string;
  title: string;
  loading: string;
  search: string;
  searchHint: string;
  filters: string;
  /** The filters' disclosure, with how many values are chosen. */
  filtersSummary: (chosen: number) => string;
  facets: Record<CatalogueFacet, string>;
  statuses: Record<CatalogueStatus, string>;
  /** The status badge of an entry, with the end date when known. */
  statusBadge: (status: CatalogueStatus, until?: string) => string;
  prices: { free: string; paid: string };
  offers: Record<string, string>;
  /** A facet value with its count, read aloud. */
  facetOption: (label: string, count: number) => string;
  clearFilters: string;
  results: (shown: number, total: number) => string;
  showMore: (more: number) => string;
  empty: string;
  emptyHint: string;
  noMatch: (query: string) => string;
  noMatchHint: string;
  select: (name: string) => string;
  selectAllShown: string;
  selected: (count: number) => string;
  copyReferences: string;
  clearSelection: string;
  copied: (count: number) => string;
  copyFallback: string;
  reference: string;
  resource: string;
  publisher: string;
  distributor: string;
  data: string;
  dataIntro: string;
  retry: string;
  refused: string;
  errors: Record<ErrorMessageKey, string>;
}
