/** Demo and benchmark data (browser-safe, deterministic): the demo data set, its users and credentials, the académie generator. */
export { DEMO_ENT_ID, DEMO_PUBLISHERS, DEMO_UAI, demoCatalogue, demoResourceId } from './demo-catalogue.js';
export type { DemoCatalogue, DemoCatalogueOptions } from './demo-catalogue.js';
export { DEMO_CREDENTIALS } from './demo-credentials.js';
export { DEMO_REFERENCE_DATE, DEMO_SEED, demoDataSet } from './demo-data-set.js';
export type { DemoDataSet, DemoDataSetOptions } from './demo-data-set.js';
export { DEMO_PERSON_IDS } from './demo-directory.js';
export type { DemoDirectory } from './demo-directory.js';
export type { DemoSubscriptions } from './demo-subscriptions.js';
export { DEMO_USERS } from './demo-users.js';
export type { DemoUser } from './demo-users.js';
export { academieCatalogue, generateAcademie } from './generate-academie.js';
export type { AcademieSchool, GenerateAcademieOptions } from './generate-academie.js';
export { createPrng } from './prng.js';
export type { Prng } from './prng.js';
export { DEMO_SEED_SETTING, seedDemo } from './seed-demo.js';
export type { SeedDemoOptions, SeedDemoResult } from './seed-demo.js';
export { uaiWithCheckLetter } from './uai.js';
