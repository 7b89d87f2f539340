/**
 * `@opengar/elements`: the embeddable web components of opengar. Importing this module registers nothing; import
 * `define-all.js` (or one `define-*.js`) to register the elements.
 *
 * @example
 * ```ts
 * import { GarMediacentre } from '@opengar/elements';
 * import '@opengar/elements/define-all.js';
 * ```
 *
 * @packageDocumentation
 */
export { GarClientProvider } from './client-provider.component.js';
export { GarMediacentre } from './mediacentre.component.js';
export { GarAllocationPanel } from './allocation-panel.component.js';
export type { AllocationPanelStatus } from './allocation-panel.component.js';
export { GarAllocationChangeEvent } from './allocation/gar-allocation-change-event.js';
export type { GarAllocationChangeDetail } from './allocation/gar-allocation-change-event.js';
export { panelEn } from './allocation/localize/panel-en.js';
export { panelFr } from './allocation/localize/panel-fr.js';
export type { AllocationPanelTranslation, PanelTab } from './allocation/localize/panel-translation.js';
export type { MediacentreStatus } from './mediacentre.component.js';
export { GarUsageStats } from './usage-stats.component.js';
export type { UsageStatsStatus } from './usage-stats.component.js';
export { GarPeriodChangeEvent } from './usage-stats/gar-period-change-event.js';
export type { GarPeriodChangeDetail } from './usage-stats/gar-period-change-event.js';
export type { UsageStatsSource } from './usage-stats/stats-source.js';
export { usageStatsEn } from './usage-stats/localize/usage-stats-en.js';
export { usageStatsFr } from './usage-stats/localize/usage-stats-fr.js';
export type { StatsBreakdown, StatsMetric, StatsTab, UsageStatsTranslation } from './usage-stats/localize/usage-stats-translation.js';
export { garClientContext } from './client-context.js';
export { GarErrorEvent } from './events/gar-error-event.js';
export type { GarErrorDetail } from './events/gar-error-event.js';
export { GarLaunchEvent } from './events/gar-launch-event.js';
export type { GarLaunchDetail } from './events/gar-launch-event.js';
export { facetOptions, filterResources, foldText, indexResources } from './filter-resources.js';
export type { FacetKey, FacetOption, FacetSelection, IndexedResource, SortKey } from './filter-resources.js';
export { en } from './localize/en.js';
export { fr } from './localize/fr.js';
export { langOf, onTranslationsChange, registerTranslation, translationFor } from './localize/translations.js';
export type { ErrorMessageKey, MediacentreLang, MediacentreTranslation } from './localize/translation.js';
export type { RecentStorage } from './recent-store.js';
export { safeHttpUrl } from './safe-url.js';
