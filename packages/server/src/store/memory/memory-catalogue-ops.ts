import { cloneJson, compareText } from '../shared/fold.js';
import type { CatalogueStore, StoredCatalogueEntry } from '../types-catalogue.js';
import type { MemoryContext } from './memory-context.js';

/** The catalogue in memory. */
export function memoryCatalogueOps({ state: s, read, write }: MemoryContext): CatalogueStore {
  return {
    replaceCatalogue: (publisherId, entries, deliveredAt) =>
      write((j) => {
        for (const old of s.catalogue.find('publisher', publisherId)) s.catalogue.delete(j, old.entry.resourceId);
        for (const entry of entries) s.catalogue.set(j, { entry: cloneJson(entry), publisherId, deliveredAt });
      }),
    listCatalogue: (filter) =>
      read(() =>
        (filter?.publisherId !== undefined
          ? s.catalogue.find('publisher', filter.publisherId)
          : [...s.catalogue.values()]
        )
          .map((v): StoredCatalogueEntry => cloneJson(v))
          .sort((a, b) => compareText(a.entry.resourceId, b.entry.resourceId)),
      ),
  };
}
