/**
 * `@opengar/server`: the reference GAR service. The application service (`createGarService`), the HTTP app
 * (`createHttpApp`, Hono) and the memory store are browser-safe; Node listeners and SQL stores live in
 * `@opengar/server/node`.
 *
 * @packageDocumentation
 */
export { createGarService } from './service/create-gar-service.js';
export type { GarService } from './service/create-gar-service.js';
export { GarServerError } from './gar-server-error.js';
export type { GarServerErrorOptions } from './gar-server-error.js';
export { GarServiceError } from './service/errors.js';
export type { GarServiceErrorCode } from './service/errors.js';
export { createConsoleLogger, silentLogger } from './service/logger.js';
export type { LogFields, Logger } from './service/logger.js';
export type {
  Actor,
  Clock,
  EntClient,
  EntUser,
  GarServiceOptions,
  JwksFetchOptions,
  OperatorActor,
  PublisherActor,
} from './service/types.js';

export { DEFAULT_RATE_LIMITS, createRateLimiter } from './service/rate-limiter.js';
export type { FailureScope, RateLimiter, RateLimits, RequestClient } from './service/rate-limiter.js';

export { createEntKeySets } from './identity/ent-key-sets.js';
export type { DegradedKeySet, EntKeySets } from './identity/ent-key-sets.js';
export { MAX_ASSERTION_LIFETIME_S, verifyEntAssertion, verifyEntAssertionOnce } from './identity/verify-ent-assertion.js';
export type { EntAssertionDeps, VerifiedEntAssertion } from './identity/verify-ent-assertion.js';
export { MAX_CLIENT_ASSERTION_LIFETIME_S, normalizeFingerprint, verifyEntClient } from './identity/verify-ent-client.js';
export type { EntClientCredential, EntClientDeps } from './identity/verify-ent-client.js';
export { verifyOperator, verifyPublisher } from './identity/verify-secrets.js';
export type { PublisherCredential } from './identity/verify-secrets.js';

export { createHttpApp } from './http/create-http-app.js';
export type { HttpApp, HttpAppOptions } from './http/create-http-app.js';
export type { AppEnv } from './http/app-env.js';
export { renderDocsPage } from './http/docs-page.js';

export { createMemoryStore, StoreBusyError, StoreConflictError, StoreError, StoreNotFoundError } from './store/index.js';
export type {
  AuditEntry,
  AuditStore,
  CopyQuery,
  DelegationStore,
  DirectoryStore,
  ErasureStore,
  FeedRunStore,
  HandoffEventStore,
  LeaseStore,
  LicenceStore,
  NotificationStore,
  OutboxStore,
  RateStore,
  RegistryStore,
  RolloverStore,
  SettingStore,
  SharedStateStore,
  SigningKeyStore,
  StatsStore,
  SubscriptionStore,
  TicketStore,
  HandoffEvent,
  OperatorRecord,
  PeopleQuery,
  SigningKeyRecord,
  Store,
  StoreErrorCode,
  StoreOps,
  StoredAllocation,
  StoredPublisher,
  StoredSubscription,
  SubscriptionQuery,
  TicketRecord,
  TransactionOptions,
} from './store/index.js';

export {
  KEY_ALGORITHMS,
  KEY_ROTATION_LEASE,
  KeyError,
  createKeyManager,
  generateKeyEncryptionKey,
  generateSigningKey,
  importKeyEncryptionKey,
  isSigning,
} from './keys/index.js';
export type {
  ActiveSigningKey,
  KeyEncryptionKey,
  KeyErrorCode,
  KeyManager,
  KeyManagerOptions,
  KeyStore,
  KeyTimes,
  RotateOptions,
} from './keys/index.js';

export {
  DEMO_CREDENTIALS,
  DEMO_ENT_ID,
  DEMO_PERSON_IDS,
  DEMO_PUBLISHERS,
  DEMO_REFERENCE_DATE,
  DEMO_SEED,
  DEMO_SEED_SETTING,
  DEMO_UAI,
  DEMO_USERS,
  academieCatalogue,
  createPrng,
  demoCatalogue,
  demoDataSet,
  demoResourceId,
  demoUsageEvents,
  generateAcademie,
  seedDemo,
  uaiWithCheckLetter,
} from './seed/index.js';
export type {
  AcademieSchool,
  DemoCatalogue,
  DemoCatalogueOptions,
  DemoDataSet,
  DemoDataSetOptions,
  DemoDirectory,
  DemoSubscriptions,
  DemoUsageOptions,
  DemoUser,
  GenerateAcademieOptions,
  Prng,
  SeedDemoOptions,
  SeedDemoResult,
} from './seed/index.js';

export { AllocationRuleError } from './service/allocation-rule-error.js';
export type { AllocationProblem } from './service/allocation-rule-error.js';
export type { SupportContact } from './service/dashboard-use-cases.js';
export type { AllocationCount, SubscriptionFilters } from './service/subscriptions-use-cases.js';
export { freeOfferSubscriptionId } from './service/subscriptions-free-offers.js';
export { WS_ABONNEMENT_BASE } from './http/routes/ws-abonnement-routes.js';
export { WS_XML_TYPE } from './ws-abonnement/ws-response.js';
export {
  WS_ABONNEMENT_NS,
  abonnementDocument,
  abonnementsDocument,
  erreurDocument,
  parseAbonnement,
} from './ws-abonnement/abonnement-codec.js';
export type { AbonnementInput } from './ws-abonnement/abonnement-codec.js';
export { decompteCsv } from './ws-abonnement/decompte-codec.js';
export type { DecompteRow } from './ws-abonnement/decompte-codec.js';
export { WsAbonnementError } from './ws-abonnement/errors.js';
export type { WsAbonnementErrorCode } from './ws-abonnement/errors.js';
export { etablissementsDocument } from './ws-abonnement/etablissements-codec.js';
export { parseFiltersQuery, parseFiltersXml, parsePaging } from './ws-abonnement/filters-codec.js';
export type { AbonnementFilters } from './ws-abonnement/filters-codec.js';
export { readXmlRequest } from './ws-abonnement/read-xml-request.js';
export { publisherCredentialOf } from './ws-abonnement/publisher-credential.js';
export { monthOf, monthsOfYear, statsYearOfMonth } from '@opengar/core';
export { createServiceMetrics } from './stats/service-metrics.js';
export type { ServiceMetrics, ServiceMetricsOptions } from './stats/service-metrics.js';
export { retentionCutoff, runResourceProbes, runStatsAggregation, runStatsRetention, STATS_LEASES } from './stats/stats-jobs.js';
export type { ProbeOptions, StatsJobOptions } from './stats/stats-jobs.js';
export { startStatsJobs } from './stats/start-stats-jobs.js';
export type { StatsJobsOptions } from './stats/start-stats-jobs.js';
export { monthOfYearTable, protectYear, tableCsv } from './stats/stats-tables.js';
export { ALL_KEY, LATENCY_BOUNDS_MS, NATIONAL_SCOPE, NONE_KEY } from './store/types-stats.js';
export type { HandoffDayCount, ResourceProbe, ServiceDay, StatsArchive, StatsCounter, StatsCounterDimension, StatsStoreOps } from './store/types-stats.js';
export { FeedCollector } from './feeds/feed-collector.js';
export type { FeedSnapshot } from './feeds/feed-collector.js';
export { feedFileName, parseFeedFileName } from './feeds/feed-file-name.js';
export type { FeedFileName } from './feeds/feed-file-name.js';
export { FeedProblems } from './feeds/feed-problems.js';
export type { FeedProblem, FeedProblemCode } from './feeds/feed-problems.js';
export { FEED_NAMESPACES, FEED_SCHEMAS } from './feeds/feed-schema.js';
export type { FeedDegree, FeedKind, FieldSpec, RecordSpec } from './feeds/feed-schema.js';
export { parseFeedFile } from './feeds/parse-feed-file.js';
export type { FeedFileParser, FeedRecord, ParsedFileInfo, ParseFeedFileOptions } from './feeds/parse-feed-file.js';
export { FEED_KINDS, readFeed } from './feeds/read-feed.js';
export type { FeedSource, ReadFeedOptions, ReadFeedResult } from './feeds/read-feed.js';
export { applyFeed } from './feeds/apply-feed.js';
export type { FeedApplication, SchoolChanges } from './feeds/apply-feed.js';
export { buildSyncReports, syncReportCsv } from './feeds/sync-report.js';
export { feedFiles, generateFeedModel } from './feeds/generate-feed.js';
export type { FeedModel, GenerateFeedOptions, GeneratedFeedFile } from './feeds/generate-feed.js';
export { FEED_BREAKAGES } from './feeds/generate-broken-feed.js';
export type { FeedBreakage } from './feeds/generate-broken-feed.js';
export type { FeedImportOptions, FeedImportResult, FeedOptions, FeedProgress } from './feeds/feed-use-cases.js';
export { FEED_LIMITS } from './feeds/feed-limits.js';
export { createPace } from './feeds/pace.js';
export type { Pace } from './feeds/pace.js';
export { rolloverSchool } from './rollover/rollover-school.js';
export { openingYear } from '@opengar/core';
export type { RolloverSummary } from './rollover/rollover-school.js';
export type { RolloverOutcome } from './rollover/rollover-use-cases.js';
export { enqueueDigests, managersOf, notifyManagers } from './notifications/notify.js';
export type { ManagerRecipient, NotificationEvent, NotifyOptions } from './notifications/notify.js';
export { NEW_SUBSCRIPTIONS_WATERMARK, scanAlerts } from './notifications/scan-alerts.js';
export type { AlertOptions } from './notifications/scan-alerts.js';
export { escapeHtml } from './http/escape-html.js';
export { notificationText, renderNotificationMail } from './notifications/templates.js';
export type { MailLanguage, RenderedMail } from './notifications/templates.js';
export type { NotificationView } from './notifications/notification-use-cases.js';
export type { FeedRouteOptions } from './http/routes/feed-routes.js';
export type { ConsoleNotification, DepartureRecord, FeedRun, FeedStoreOps, OutboxMessage, RolloverRecord, SyncReport } from './store/types-directory-feeds.js';

export {
  GAR_CLAIMS_SUPPORTED,
  LAUNCH_STATE_LIFETIME_S,
  MAX_CAS_TICKET_LIFETIME_S,
  MAX_TOKEN_LIFETIME_S,
  bodyEtag,
  casFailureXml,
  casServices,
  casSuccessXml,
  consumeLaunchState,
  createHandoff,
  createHandoffRoutes,
  cspNonce,
  etagMatches,
  garConfiguration,
  garTokenClaims,
  htmlEscape,
  issueCasTicket,
  issueLaunchState,
  launchPageHeaders,
  launchStateKey,
  MAX_LAUNCH_STATE_LENGTH,
  readLaunchState,
  launchPageHtml,
  listingEtag,
  redeemCasTicket,
  registerHandoffOpenApi,
  signGarToken,
  xmlEscape,
} from './handoff/index.js';
export type {
  CasFailureCode,
  CasTicketPayload,
  GarTokenClaims,
  Handoff,
  HandoffOptions,
  HandoffRefusalReason,
  HandoffRequest,
  HandoffResult,
  HandoffRoutesOptions,
  LaunchPageInput,
  LaunchStatePayload,
  PublicJwks,
  ReadLaunchState,
  SignGarTokenInput,
  SigningKeySource,
} from './handoff/index.js';
export {
  decodeGarBase64,
  garBase64,
  garErrorBody,
  garErrorBodySchema,
  garErrorResponse,
  garLaunchUrl,
  garListingSchema,
  garRessourceSchema,
  reasonPhrase,
  toGarListing,
  toGarRessource,
} from './gar/index.js';
export type { GarErrorBody, GarListing, GarListingContext, GarRessource } from './gar/index.js';
