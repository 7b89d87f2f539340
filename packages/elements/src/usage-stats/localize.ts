import { LocalizeController, type LocalizedHost, register } from '../shared/localize.js';
import { usageStatsEn } from './localize/en.js';
import { usageStatsFr } from './localize/fr.js';
import type { UsageStatsTranslation } from './localize/translation.js';

declare module '../shared/localize.js' {
  interface GarTranslations {
    'gar-usage-stats': UsageStatsTranslation;
  }
}

// The statistics are for staff on any page: both languages come with them.
register('gar-usage-stats', 'fr', usageStatsFr);
register('gar-usage-stats', 'en', usageStatsEn);

/** The element's texts in its `lang` (a controller: it re-renders the element when a language is registered). */
export const localize = (host: LocalizedHost): LocalizeController<'gar-usage-stats'> =>
  new LocalizeController(host, 'gar-usage-stats');
