/**
 * The Node-only stores: PGlite (files) and PostgreSQL, and the helpers the CLI uses to open and close them. The memory
 * store and the `Store` interface are on the browser-safe side (`../store/index.ts`).
 */
export { createPgliteStore, DEFAULT_DATA_DIR } from '../store/node/create-pglite-store.js';
export type { PgliteStoreOptions } from '../store/node/create-pglite-store.js';
export { createPostgresStore } from '../store/node/create-postgres-store.js';
export type { PostgresStoreOptions } from '../store/node/create-postgres-store.js';
export { openStore, postgresPoolFromEnv } from '../store/node/open-store.js';
export type { PostgresPoolOptions } from '../store/node/open-store.js';
export { closeStoreOnSignals } from '../store/node/close-store-on-signals.js';
export type { CloseOnSignalsOptions } from '../store/node/close-store-on-signals.js';
export { lockDataDir, LOCK_FILE } from '../store/node/data-dir-lock.js';
export type { DataDirLock, LockDataDirOptions } from '../store/node/data-dir-lock.js';
