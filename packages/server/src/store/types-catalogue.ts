import type { CatalogueEntry } from '@opengar/core';

/** A catalogue entry as stored: the entry and when its publisher last delivered it. */
export interface StoredCatalogueEntry {
  entry: CatalogueEntry;
  /** The publisher account that delivered it (its `idEditeur`). */
  publisherId: string;
  deliveredAt: string;
}

/**
 * The publishers' catalogue of diffusable resources: each publisher delivers its whole list, which replaces the one
 * it delivered before. Lists come ordered by `idRessource` (code-point order, as GAR's file is).
 *
 * @example
 * ```ts
 * await store.replaceCatalogue('ed1', entries, new Date().toISOString());
 * const all = await store.listCatalogue();
 * ```
 */
export interface CatalogueStore {
  /** Replaces a publisher's entries with `entries` (an `idRessource` of another publisher's is the caller's check). */
  replaceCatalogue(publisherId: string, entries: readonly CatalogueEntry[], deliveredAt: string): Promise<void>;
  /** The whole catalogue, or one publisher's entries. */
  listCatalogue(filter?: { publisherId?: string }): Promise<StoredCatalogueEntry[]>;
}
