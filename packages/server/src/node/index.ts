/**
 * `@opengar/server/node`: the Node-only side of the service: the HTTP(S) listener, the deployment's secrets, the SQL
 * stores (PGlite, PostgreSQL) and the `opengar` command line.
 *
 * @packageDocumentation
 */
export { CLIENT_CERT_HEADER, fingerprintFromProxyHeader, fingerprintFromTls } from './client-certificate.js';
export { ServeError, startServer } from './serve.js';
export { nodeJwsSigner } from './node-jws-signer.js';
export { createSamlCrypto } from './create-saml-crypto.js';
export type { SamlCryptoOptions } from './create-saml-crypto.js';
export type { RunningServer, ServeErrorCode, StartServerOptions } from './serve.js';
export {
  DEMO_SECRETS_FILE,
  KEK_ENV,
  PSEUDONYM_SECRET_ENV,
  STATISTICS_SECRET_ENV,
  SecretsError,
  deriveStatisticsSecret,
  loadSecrets,
  readKek,
} from './secrets.js';
export type { DeploymentSecrets, LoadSecretsOptions, SecretsErrorCode } from './secrets.js';
export {
  DEFAULT_DATA_DIR,
  LOCK_FILE,
  closeStoreOnSignals,
  createPgliteStore,
  createPostgresStore,
  lockDataDir,
  openStore,
  postgresPoolFromEnv,
} from './stores.js';
export type {
  CloseOnSignalsOptions,
  DataDirLock,
  LockDataDirOptions,
  PgliteStoreOptions,
  PostgresPoolOptions,
  PostgresStoreOptions,
} from './stores.js';

export { CliError } from '../cli/cli-error.js';
export { EXIT_CODES } from '../cli/exit-codes.js';
export type { ExitCodeName } from '../cli/exit-codes.js';
export type { CliErrorCode } from '../cli/cli-error.js';
export { createProgram } from '../cli/create-program.js';
export type { ProgramIo } from '../cli/create-program.js';
export { main } from '../cli/main.js';
export { PURGE_LEASE, startScheduledJobs } from '../cli/scheduled-jobs.js';
export type { ScheduledJobsOptions } from '../cli/scheduled-jobs.js';
export { describeStore, resolveStoreSpec } from '../cli/store-spec.js';
export type { StoreSpec } from '../cli/store-spec.js';
export { isLoopbackHost } from '../cli/serve-command.js';
export { feedSourcesFromPaths, openFeedBundle } from '../feeds/read-feed-bundle.js';
export type { BundleInput, BundleLimits, OpenedBundle } from '../feeds/read-feed-bundle.js';
export { parseFeedFileInWorker } from '../feeds/parse-in-worker.js';
export { OUTBOX_LEASE, createMailWorker } from '../notifications/mail-worker.js';
export type { MailRunResult, MailWorker, MailWorkerOptions } from '../notifications/mail-worker.js';
export { importFeedCommand } from '../cli/import-feed-command.js';
export { rolloverCommand } from '../cli/rollover-command.js';
export {
  ALERTS_LEASE,
  DIGEST_LEASE,
  ERASURE_LEASE,
  startNotificationJobs,
} from '../notifications/notification-jobs.js';
export type { NotificationJobsOptions } from '../notifications/notification-jobs.js';
export type { CommandIo } from '../cli/cli-io.js';
export type { StaleFeed } from '../notifications/scan-alerts.js';
