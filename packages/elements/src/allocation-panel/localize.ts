import { LocalizeController, type LocalizedHost, register } from '../shared/localize.js';
import { panelEn } from './localize/en.js';
import { panelFr } from './localize/fr.js';
import type { AllocationPanelTranslation } from './localize/translation.js';

declare module '../shared/localize.js' {
  interface GarTranslations {
    'gar-allocation-panel': AllocationPanelTranslation;
  }
}

// The console is for staff on any page: both languages come with it.
register('gar-allocation-panel', 'fr', panelFr);
register('gar-allocation-panel', 'en', panelEn);

/** The element's texts in its `lang` (a controller: it re-renders the element when a language is registered). */
export const localize = (host: LocalizedHost): LocalizeController<'gar-allocation-panel'> =>
  new LocalizeController(host, 'gar-allocation-panel');
