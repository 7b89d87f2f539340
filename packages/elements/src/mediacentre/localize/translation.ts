import type { ErrorMessageKey } from '../../shared/localize.js';
import type { ShareTranslation } from './share.js';

export type { ErrorMessageKey };

/** The languages `<gar-mediacentre>` speaks (those of every element: `Lang` in `shared/localize.ts`). */
export type MediacentreLang = 'fr' | 'en';

/**
 * Every text of `<gar-mediacentre>`. Plurals and values are functions so each language words them its own way;
 * numbers and dates arrive already formatted for the locale.
 */
export interface MediacentreTranslation {
  /** BCP 47 tag used for `Intl` formatting and the `lang` of the rendered text. */
  locale: string;
  title: string;
  loading: string;
  searchLabel: string;
  searchPlaceholder: string;
  school: string;
  allOption: string;
  presentationType: string;
  level: string;
  domain: string;
  publisher: string;
  sortBy: string;
  sortName: string;
  sortRecent: string;
  clearFilters: string;
  resultCount: (count: number, formatted: string) => string;
  resourcesLabel: string;
  favourites: string;
  recentlyOpened: string;
  open: (name: string) => string;
  /** Said (status) and shown on the tile while a resource opens. */
  opening: (name: string) => string;
  details: (name: string) => string;
  addFavourite: (name: string) => string;
  removeFavourite: (name: string) => string;
  unavailable: string;
  unavailableHint: string;
  badge: string;
  badgeLabel: string;
  /** The marks of a tile: available for 30 days or less, ending within 30 days. */
  marks: { new: string; ending: string };
  back: string;
  description: string;
  noDescription: string;
  levels: string;
  domains: string;
  validUntil: (date: string) => string;
  openedOn: (date: string) => string;
  emptyTitle: string;
  emptyHint: string;
  noMatchTitle: string;
  noMatchHint: string;
  errorTitle: string;
  offlineTitle: string;
  retry: string;
  /** The error state's link to the support (with the request id, school and resource). */
  report: string;
  errors: Record<ErrorMessageKey, string>;
  /** How the grid is used from the keyboard (said with the active tile until the keys are used, shown on focus). */
  gridHint: string;
  /** The favourites and recently opened rows show one line; this button shows the rest (`count` in all). */
  showAll: (count: number, formatted: string) => string;
  showFewer: string;
  /** Links to a resource and to its pages (copy a link). */
  share: ShareTranslation;
}
