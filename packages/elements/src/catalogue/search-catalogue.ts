import type { SchoolCatalogueEntry, VocabularyTerm } from '@opengar/core';
import { foldText } from '../mediacentre/filter-resources.js';

/** The facets the catalogue can be narrowed by; several values of one facet add up (or), facets narrow (and). */
export const CATALOGUE_FACETS = ['status', 'level', 'subject', 'type', 'price', 'offer', 'publisher'] as const;
/** A facet of the catalogue. */
export type CatalogueFacet = (typeof CATALOGUE_FACETS)[number];
/** The values chosen in each facet (an empty or absent set: any). */
export type CatalogueSelection = Partial<Record<CatalogueFacet, ReadonlySet<string>>>;

/** A value of a facet: its key, its label, and how many entries of the current results would have it. */
export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

/** The catalogue prepared for searching: folded words, each with the entries it comes from. */
export interface CatalogueIndex {
  entries: readonly SchoolCatalogueEntry[];
  /** Each distinct word → the entries holding it. */
  words: ReadonlyMap<string, readonly number[]>;
  /** Per entry, per facet, the values (`value`→`label`). */
  facets: readonly Record<CatalogueFacet, readonly (readonly [string, string])[]>[];
  /** Per facet, the label of each value found in the catalogue. */
  labels: Record<CatalogueFacet, ReadonlyMap<string, string>>;
}

const terms = (list: readonly VocabularyTerm[] | undefined) => (Array.isArray(list) ? list : []);
const termValues = (list: readonly VocabularyTerm[] | undefined) =>
  terms(list).map((t) => [t.uri || t.nom, t.nom || t.uri] as const);
const split = (text: string) =>
  foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const arr = <T>(v: readonly T[] | undefined): T[] => (Array.isArray(v) ? [...v] : []);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

// What a host's source answers is not trusted to have every list: missing ones are empty, never a crash.
function normalise(e: SchoolCatalogueEntry): SchoolCatalogueEntry {
  return {
    ...e,
    name: str(e.name) || e.resourceId,
    publisherName: str(e.publisherName),
    distributors: arr(e.distributors),
    levels: arr(e.levels),
    teachingDomains: arr(e.teachingDomains),
    pedagogicalTypes: arr(e.pedagogicalTypes),
    documentTypologies: arr(e.documentTypologies),
    nationalOffers: arr(e.nationalOffers),
    declaredAttributes: arr(e.declaredAttributes),
  };
}

/** The facet values of one entry (labels of statuses, prices and offers are keys, worded by the element). */
function facetsOf(e: SchoolCatalogueEntry): Record<CatalogueFacet, (readonly [string, string])[]> {
  return {
    status: [[e.status, e.status]],
    level: termValues(e.levels),
    subject: termValues(e.teachingDomains),
    type: e.presentationType ? [[e.presentationType.code, e.presentationType.nom || e.presentationType.code]] : [],
    price: e.free === undefined ? [] : [[e.free ? 'free' : 'paid', e.free ? 'free' : 'paid']],
    offer: (e.nationalOffers ?? []).map((o) => [o, o] as const),
    publisher: [[e.publisherId, e.publisherName || e.publisherId]],
  };
}

/**
 * Prepares catalogue entries for {@link searchCatalogue}: the words of the name, publisher, levels, subjects, types,
 * description and reference, folded (no accents, no case), each word once with the entries it appears in.
 *
 * @example
 * ```ts
 * const index = indexCatalogue(items);
 * ```
 */
export function indexCatalogue(items: readonly SchoolCatalogueEntry[]): CatalogueIndex {
  const entries = items.filter((e) => e && typeof e.resourceId === 'string').map(normalise);
  const words = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const text = [
      e.name,
      e.publisherName,
      e.resourceId,
      e.presentationType?.nom ?? '',
      ...terms(e.levels).map((t) => t.nom),
      ...terms(e.teachingDomains).map((t) => t.nom),
      ...terms(e.pedagogicalTypes).map((t) => t.nom),
      ...terms(e.documentTypologies).map((t) => t.nom),
      ...(e.nationalOffers ?? []),
      e.description ?? '',
    ].join(' ');
    for (const w of new Set(split(text))) {
      const list = words.get(w);
      if (list) list.push(i);
      else words.set(w, [i]);
    }
  });
  const facets = entries.map(facetsOf);
  const labels = Object.fromEntries(CATALOGUE_FACETS.map((f) => [f, new Map<string, string>()])) as Record<
    CatalogueFacet,
    Map<string, string>
  >;
  for (const e of facets) for (const f of CATALOGUE_FACETS) for (const [v, l] of e[f]) labels[f].set(v, l);
  return { entries, words, facets, labels };
}

/** Damerau–Levenshtein distance of two words, or `max + 1` as soon as it is certainly over `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** How well a query word matches a word of an entry: 4 same, 3 start, 2 inside, 1 within the typos allowed, 0 not. */
function wordScore(q: string, w: string): number {
  if (w === q) return 4;
  if (w.startsWith(q)) return 3;
  if (q.length >= 3 && w.includes(q)) return 2;
  const typos = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0;
  if (typos === 0 || w.length < q.length - typos) return 0;
  // Typos are looked for past the first letter (or a swap of the first two), as people rarely miss the first one:
  // this keeps a keystroke within a frame at thousands of words.
  if (w[0] !== q[0] && !(w[0] === q[1] && w[1] === q[0])) return 0;
  if (editDistance(q, w, typos) <= typos) return 1;
  // A typo in the start of a longer word (« dictionaire » for « dictionnaires »).
  if (w.length > q.length && editDistance(q, w.slice(0, q.length), typos) <= typos) return 1;
  return 0;
}

/**
 * The entries matching a query, best first: each word of the query must match a word of the entry, ignoring accents
 * and case, as the same word, its start, inside it (3 letters or more), or with a small typo past the first letter
 * (one from 4 letters, two from 8). An empty query keeps every entry in catalogue order.
 *
 * @example
 * ```ts
 * searchCatalogue(index, 'dictionaire francais'); // indexes of the entries, best first
 * ```
 */
export function searchCatalogue(index: CatalogueIndex, query: string): number[] {
  const qs = [...new Set(split(query))];
  const n = index.entries.length;
  if (qs.length === 0) return index.entries.map((_, i) => i);
  // Typed arrays rather than maps: a keystroke allocates two buffers, whatever the number of entries and words.
  const total = new Float64Array(n);
  const best = new Uint8Array(n);
  for (const [k, q] of qs.entries()) {
    best.fill(0);
    for (const [w, ids] of index.words) {
      const s = wordScore(q, w);
      if (s === 0) continue;
      for (const id of ids) if (best[id]! < s) best[id] = s;
    }
    let alive = 0;
    for (let i = 0; i < n; i++) {
      total[i] = (k === 0 || total[i]! > 0) && best[i]! > 0 ? total[i]! + best[i]! : 0;
      if (total[i]! > 0) alive++;
    }
    if (alive === 0) return [];
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (total[i]! > 0) out.push(i);
  return out.sort((a, b) => total[b]! - total[a]! || a - b);
}

/**
 * Narrows matching entries by the chosen facet values and counts, for each facet, how many entries each of its
 * values would give with the other facets' choices kept (so that ticking a value never leads to nothing unseen).
 *
 * @example
 * ```ts
 * const { results, counts } = narrowCatalogue(index, searchCatalogue(index, 'maths'), { level: new Set(['6e']) });
 * ```
 */
export function narrowCatalogue(
  index: CatalogueIndex,
  matches: readonly number[],
  selection: CatalogueSelection,
): { results: number[]; counts: Record<CatalogueFacet, FacetCount[]> } {
  const active = CATALOGUE_FACETS.filter((f) => (selection[f]?.size ?? 0) > 0);
  const keeps = (id: number, f: CatalogueFacet) => index.facets[id]![f].some(([v]) => selection[f]!.has(v));
  const results: number[] = [];
  const counts = Object.fromEntries(CATALOGUE_FACETS.map((f) => [f, new Map<string, FacetCount>()])) as Record<
    CatalogueFacet,
    Map<string, FacetCount>
  >;
  for (const id of matches) {
    let failures = 0;
    let failed: CatalogueFacet | undefined;
    for (const f of active) {
      if (keeps(id, f)) continue;
      failures++;
      failed = f;
      if (failures > 1) break;
    }
    if (failures === 0) results.push(id);
    if (failures > 1) continue;
    for (const f of CATALOGUE_FACETS) {
      // An entry counts in facet f when it passes every other facet.
      if (failed !== undefined && failed !== f) continue;
      for (const [value, label] of index.facets[id]![f]) {
        const c = counts[f].get(value);
        if (c) c.count++;
        else counts[f].set(value, { value, label, count: 1 });
      }
    }
  }
  const out = {} as Record<CatalogueFacet, FacetCount[]>;
  for (const f of CATALOGUE_FACETS) {
    // Chosen values stay listed (with 0) so that they can be unticked.
    for (const v of selection[f] ?? [])
      if (!counts[f].has(v)) counts[f].set(v, { value: v, label: index.labels[f].get(v) ?? v, count: 0 });
    out[f] = [...counts[f].values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  }
  return { results, counts: out };
}
