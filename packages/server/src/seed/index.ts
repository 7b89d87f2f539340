/**
 * `@opengar/server/demo`: the demo data set (browser-safe, deterministic): its catalogue, directory, users and
 * credentials, `seedDemo`, and the building blocks other generators share (the seeded PRNG, UAI check letters, French
 * names, school levels).
 *
 * @packageDocumentation
 */
export {
  DEMO_ENT_ID,
  DEMO_PUBLISHERS,
  DEMO_UAI,
  demoCatalogue,
  demoLtiTool,
  demoResourceId,
} from './demo-catalogue.js';
export type { DemoCatalogue, DemoCatalogueOptions } from './demo-catalogue.js';
export { DEMO_CREDENTIALS } from './demo-credentials.js';
export { DEMO_REFERENCE_DATE, DEMO_SEED, demoDataSet } from './demo-data-set.js';
export type { DemoDataSet, DemoDataSetOptions } from './demo-data-set.js';
export { DEMO_PERSON_IDS } from './demo-directory.js';
export { DEMO_ECOLE_IDS } from './demo-ecole.js';
export type { DemoDirectory } from './demo-directory.js';
export { collegeLevels, lyceeLevels } from './demo-levels.js';
export type { LevelSpec } from './demo-levels.js';
export type { DemoSubscriptions } from './demo-subscriptions.js';
export { demoUsageEvents } from './demo-usage.js';
export type { DemoUsageOptions } from './demo-usage.js';
export { DEMO_USERS } from './demo-users.js';
export type { DemoUser } from './demo-users.js';
export { ADULT_FIRST_NAMES, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './french-names.js';
export { createPrng } from './prng.js';
export type { Prng } from './prng.js';
export { DEMO_SEED_SETTING, seedDemo } from './seed-demo.js';
export type { SeedDemoOptions, SeedDemoResult, SeedProgress } from './seed-demo.js';
export { uaiWithCheckLetter } from './uai.js';
