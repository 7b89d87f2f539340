/**
 * `@opengar/test-support` (private, never published): test and benchmark data generators (directory feeds, broken
 * feeds, a whole académie) and the export-snapshot helper, kept out of the published packages.
 *
 * @packageDocumentation
 */
export { feedFiles, generateFeedModel } from './generate-feed.js';
export type { FeedModel, GenerateFeedOptions, GeneratedFeedFile, ModelPupil, ModelStaff } from './generate-feed.js';
export { FEED_BREAKAGES } from './generate-broken-feed.js';
export type { FeedBreakage } from './generate-broken-feed.js';
export { academieCatalogue, generateAcademie } from './generate-academie.js';
export type { AcademieSchool, GenerateAcademieOptions } from './generate-academie.js';
export { HOSTILE_GRAINS } from './hostile-grains.js';
