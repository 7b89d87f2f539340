import { panelEn } from './panel-en.js';
import { panelFr } from './panel-fr.js';
import type { AllocationPanelTranslation } from './panel-translation.js';

/** The texts of `<gar-allocation-panel>`, by language. */
export const panelTranslations: Readonly<Record<'fr' | 'en', AllocationPanelTranslation>> = { fr: panelFr, en: panelEn };
