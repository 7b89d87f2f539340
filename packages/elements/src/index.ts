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
export { GarClientProvider } from './client-provider/client-provider.js';
export { GarMediacentre } from './mediacentre/mediacentre.js';
export { GarAllocationPanel } from './allocation-panel/allocation-panel.js';
export type { AllocationPanelStatus } from './allocation-panel/allocation-panel.js';
export { GarAllocationChangeEvent } from './allocation-panel/events.js';
export type { GarAllocationChangeDetail } from './allocation-panel/events.js';
export { panelEn } from './allocation-panel/localize/en.js';
export { panelFr } from './allocation-panel/localize/fr.js';
export type { AllocationPanelTranslation, PanelTab } from './allocation-panel/localize/translation.js';
export type { MediacentreStatus } from './mediacentre/mediacentre.js';
export { GarUsageStats } from './usage-stats/usage-stats.js';
export type { UsageStatsStatus } from './usage-stats/usage-stats.js';
export { GarPeriodChangeEvent } from './usage-stats/events.js';
export type { GarPeriodChangeDetail } from './usage-stats/events.js';
export type { UsageStatsSource } from './usage-stats/stats-source.js';
export { usageStatsEn } from './usage-stats/localize/en.js';
export { usageStatsFr } from './usage-stats/localize/fr.js';
export type {
  StatsBreakdown,
  StatsMetric,
  StatsTab,
  UsageStatsTranslation,
} from './usage-stats/localize/translation.js';
export { GarTeacherClasses } from './teacher-classes/teacher-classes.js';
export type { TeacherClassesStatus } from './teacher-classes/teacher-classes.js';
export { GarClassRequestEvent, GarPinEvent } from './teacher-classes/events.js';
export type { GarClassRequestDetail, GarPinDetail } from './teacher-classes/events.js';
export { teacherClassesEn } from './teacher-classes/localize/en.js';
export { teacherClassesFr } from './teacher-classes/localize/fr.js';
export type { TeacherClassesTranslation } from './teacher-classes/localize/translation.js';
export { garClientContext } from './shared/client-context.js';
export { GarErrorEvent } from './shared/gar-error-event.js';
export type { GarErrorDetail } from './shared/gar-error-event.js';
export { GarLaunchEvent } from './mediacentre/events.js';
export type { GarLaunchDetail } from './mediacentre/events.js';
export { facetOptions, filterResources, foldText, indexResources } from './mediacentre/filter-resources.js';
export type {
  FacetKey,
  FacetOption,
  FacetSelection,
  IndexedResource,
  SortKey,
} from './mediacentre/filter-resources.js';
export { en } from './mediacentre/localize/en.js';
export { fr } from './mediacentre/localize/fr.js';
export { langOf, onTranslationsChange, registerTranslation, translationFor } from './mediacentre/localize.js';
export type { ErrorMessageKey, MediacentreLang, MediacentreTranslation } from './mediacentre/localize/translation.js';
export type { RecentStorage } from './mediacentre/recent-store.js';
export { safeHttpUrl } from './shared/safe-url.js';
export type { YearTranslation } from './allocation-panel/localize/year.js';
export type { SubscriptionStatus } from './allocation-panel/localize/year.js';
export { GarCatalogue } from './catalogue/catalogue.js';
export type { CatalogueSource, CatalogueView } from './catalogue/catalogue.js';
export { GarCatalogueCopyEvent } from './catalogue/events.js';
export type { GarCatalogueCopyDetail } from './catalogue/events.js';
export { catalogueEn } from './catalogue/localize/en.js';
export { catalogueFr } from './catalogue/localize/fr.js';
export type { CatalogueTranslation } from './catalogue/localize/translation.js';
export {
  CATALOGUE_FACETS,
  editDistance,
  indexCatalogue,
  narrowCatalogue,
  searchCatalogue,
} from './catalogue/search-catalogue.js';
export type {
  CatalogueFacet,
  CatalogueIndex,
  CatalogueSelection,
  FacetCount,
} from './catalogue/search-catalogue.js';
export { releasedDataTexts } from './released-data/released-data-texts.js';
export type { ReleasedDataTexts, ReleasedDataVoice } from './released-data/released-data-texts.js';
export type { ShareTranslation } from './mediacentre/localize/share.js';
export type { Lang } from './shared/localize.js';
