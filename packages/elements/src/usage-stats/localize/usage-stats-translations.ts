import type { MediacentreLang } from '../../localize/translation.js';
import { usageStatsEn } from './usage-stats-en.js';
import { usageStatsFr } from './usage-stats-fr.js';
import type { UsageStatsTranslation } from './usage-stats-translation.js';

/** The translations of `<gar-usage-stats>`, by language. */
export const usageStatsTranslations: Readonly<Record<MediacentreLang, UsageStatsTranslation>> = { fr: usageStatsFr, en: usageStatsEn };
