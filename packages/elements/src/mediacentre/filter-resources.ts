import { foldText as foldAccents, type MediacentreResource, type VocabularyTerm } from '@opengar/core';

/**
 * Lower case, without accents or ligatures, so that « Éducation » matches « education »: core's folding, plus the
 * ligatures that titles of resources carry.
 *
 * @example
 * ```ts
 * foldText('Œuvres ÉTUDIÉES'); // 'oeuvres etudiees'
 * ```
 */
export function foldText(text: string): string {
  return foldAccents(text).replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** The facets a resource list can be narrowed by. */
export type FacetKey = 'presentationType' | 'level' | 'domain' | 'publisher';

/** The chosen value of each facet (`''` = any). */
export type FacetSelection = Record<FacetKey, string>;

/** One option of a facet: the value compared and the label shown. */
export interface FacetOption {
  value: string;
  label: string;
}

/** A resource with its folded search text, computed once per listing. */
export interface IndexedResource {
  resource: MediacentreResource;
  text: string;
}

const terms = (list: readonly VocabularyTerm[] | undefined) => (Array.isArray(list) ? list : []);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A resource's folded search text. */
function searchText(resource: MediacentreResource): string {
  return foldText(
    [
      str(resource.name),
      str(resource.publisherName),
      str(resource.description),
      str(resource.presentationType?.nom),
      ...terms(resource.levels).map((t) => str(t.nom)),
      ...terms(resource.teachingDomains).map((t) => str(t.nom)),
    ].join(' '),
  );
}

/**
 * Indexes a listing for search. Each text is folded when first read (the first search), not when the listing
 * arrives: folding thousands of descriptions would delay the first screen.
 */
export function indexResources(resources: readonly MediacentreResource[]): IndexedResource[] {
  return resources.map((resource) => {
    let text: string | undefined;
    return {
      resource,
      get text() {
        text ??= searchText(resource);
        return text;
      },
    };
  });
}

/** Folds the search texts ahead of the first search, a slice per task (a search meanwhile folds what it reads). */
export function warmIndex(items: readonly IndexedResource[], from = 0): void {
  const end = Math.min(items.length, from + 200);
  for (let i = from; i < end; i++) items[i]?.text;
  if (end < items.length) setTimeout(() => warmIndex(items, end), 0);
}

function facetValues(r: MediacentreResource, key: FacetKey): FacetOption[] {
  switch (key) {
    case 'presentationType':
      return r.presentationType ? [{ value: str(r.presentationType.code), label: str(r.presentationType.nom) }] : [];
    case 'level':
      return terms(r.levels).map((t) => ({ value: str(t.uri), label: str(t.nom) }));
    case 'domain':
      return terms(r.teachingDomains).map((t) => ({ value: str(t.uri), label: str(t.nom) }));
    case 'publisher':
      return [{ value: str(r.publisherId), label: str(r.publisherName) }];
  }
}

/** The options of a facet found in a listing, sorted by label for `locale`. */
export function facetOptions(resources: readonly MediacentreResource[], key: FacetKey, locale: string): FacetOption[] {
  const seen = new Map<string, string>();
  for (const r of resources)
    for (const o of facetValues(r, key)) if (o.value && !seen.has(o.value)) seen.set(o.value, o.label || o.value);
  const collator = collatorFor(locale);
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => collator.compare(a.label, b.label));
}

/** How the grid is ordered. */
export type SortKey = 'name' | 'recent';

const collators = new Map<string, Intl.Collator>();
/** One collator per locale: making one costs more than sorting a few hundred names. */
export function collatorFor(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

/** Orders an indexed listing by name, or by when each was last opened (never opened last, then by name). */
export function orderResources(
  indexed: readonly IndexedResource[],
  sort: SortKey,
  openedAt: ReadonlyMap<string, number>,
  locale: string,
): IndexedResource[] {
  const collator = collatorFor(locale);
  const byName = (a: IndexedResource, b: IndexedResource) =>
    collator.compare(str(a.resource.name), str(b.resource.name));
  return [...indexed].sort(
    sort === 'recent'
      ? (a, b) => (openedAt.get(b.resource.id) ?? 0) - (openedAt.get(a.resource.id) ?? 0) || byName(a, b)
      : byName,
  );
}

/** A predicate true for the resources where every word of `query` appears and each chosen facet matches. */
export function matcher(query: string, facets: FacetSelection): (item: IndexedResource) => boolean {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  const chosen = (Object.keys(facets) as FacetKey[]).filter((k) => facets[k] !== '');
  // `item.text` is read only when there are words: reading it folds the resource's text (see indexResources).
  return (item) =>
    words.every((w) => item.text.includes(w)) &&
    chosen.every((k) => facetValues(item.resource, k).some((o) => o.value === facets[k]));
}

/** Filters and orders an indexed listing (ordering by name or recent use, then matching search and facets). */
export function filterResources(
  indexed: readonly IndexedResource[],
  query: string,
  facets: FacetSelection,
  sort: SortKey,
  openedAt: ReadonlyMap<string, number>,
  locale: string,
): MediacentreResource[] {
  return orderResources(indexed, sort, openedAt, locale)
    .filter(matcher(query, facets))
    .map((i) => i.resource);
}
