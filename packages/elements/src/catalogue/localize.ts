import { LocalizeController, type LocalizedHost, register } from '../shared/localize.js';
import { catalogueEn } from './localize/en.js';
import { catalogueFr } from './localize/fr.js';
import type { CatalogueTranslation } from './localize/translation.js';

declare module '../shared/localize.js' {
  interface GarTranslations {
    'gar-catalogue': CatalogueTranslation;
  }
}

// The catalogue is for staff on any page: both languages come with it.
register('gar-catalogue', 'fr', catalogueFr);
register('gar-catalogue', 'en', catalogueEn);

/** The element's texts in its `lang` (a controller: it re-renders the element when a language is registered). */
export const localize = (host: LocalizedHost): LocalizeController<'gar-catalogue'> =>
  new LocalizeController(host, 'gar-catalogue');
