import type { MediacentreResource } from '@opengar/core';
import type { IndexedResource } from './filter-resources.js';
import type { MediacentreTranslation } from './localize/translation.js';
import { markOf } from './templates.js';
import type { GridSource } from './tile-fill.js';

/** The médiacentre's state that the grid's tiles show. */
export interface GridState {
  t: MediacentreTranslation;
  ordered: readonly IndexedResource[];
  /** Each shown resource's place among the shown tiles (search, filters). */
  visibleIndex: ReadonlyMap<string, number>;
  activeIndex: number;
  favouriteIds: readonly string[];
  /** The resource being opened, if any. */
  opening: string | undefined;
  broken: ReadonlySet<string>;
  now: number;
  /** The id of the keyboard hint the active tile points to, until the grid's keys are used. */
  hint: string | undefined;
  onBroken: (id: string) => void;
}

/** What the fill needs (see tile-fill.ts): the list element, the resources in order, and what each tile shows. */
export function gridSource(ul: HTMLElement, s: GridState): GridSource {
  const favourites = new Set(s.favouriteIds);
  return {
    ul,
    items: s.ordered.map((x) => x.resource),
    onBroken: s.onBroken,
    view: (r: MediacentreResource) => {
      const index = s.visibleIndex.get(r.id);
      return {
        t: s.t,
        hidden: index === undefined,
        active: index === s.activeIndex,
        favourite: favourites.has(r.id),
        busy: s.opening === r.id,
        broken: s.broken.has(r.id),
        mark: markOf(r, s.now),
        hint: s.hint,
        pos: (index ?? -1) + 1,
        of: s.visibleIndex.size,
      };
    },
  };
}
