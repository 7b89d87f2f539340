/**
 * `@opengar/server`: the reference GAR service, as an embedder needs it: the application service
 * (`createGarService`), the HTTP app (`createHttpApp`, Hono), the `Store` contract and the memory store, the signing
 * keys and the hand-off routes. All of it is browser-safe. The rest lives behind subpaths: `@opengar/server/node`
 * (listener, SQL stores, CLI), `/handoff`, `/gar` (GAR wire codecs), `/identity`, `/feeds`, `/stats`,
 * `/notifications` and `/demo` (the demo data set).
 *
 * @packageDocumentation
 */
export { createGarService } from './create-gar-service.js';
export type { GarService } from './create-gar-service.js';
export { GarServerError } from './kernel/gar-server-error.js';
export type { GarServerErrorOptions } from './kernel/gar-server-error.js';
export { GarServiceError } from './kernel/errors.js';
export type { GarServiceErrorCode } from './kernel/errors.js';
export { LOG_LEVELS, createConsoleLogger, silentLogger } from './kernel/logger.js';
export type { ConsoleLoggerOptions, LogLevel } from './kernel/logger.js';
export type { LogFields, Logger } from './kernel/logger.js';
export { MIN_SECRET_BYTES, ServiceConfigError } from './kernel/service-config-error.js';
export type { ServiceConfigErrorCode } from './kernel/service-config-error.js';
export type {
  Actor,
  Clock,
  EntClient,
  EntUser,
  GarServiceOptions,
  JwksFetchOptions,
  OperatorActor,
  PublisherActor,
} from './kernel/types.js';

export { DEFAULT_RATE_LIMITS, createRateLimiter } from './identity/rate-limiter.js';
export type { FailureScope, RateLimiter, RateLimits, RequestClient } from './identity/rate-limiter.js';

export { createHttpApp } from './http/create-http-app.js';
export type { HttpApp, HttpAppOptions } from './http/create-http-app.js';
export type { AppEnv } from './http/app-env.js';
export { renderDocsPage } from './http/docs-page.js';
export { escapeHtml } from './http/escape-html.js';
export { escapeXml } from './http/escape-xml.js';

export {
  createMemoryStore,
  StoreBusyError,
  StoreConflictError,
  StoreError,
  StoreNotFoundError,
} from './store/index.js';
export type {
  AuditEntry,
  AuditStore,
  CopyQuery,
  SchoolSearch,
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
export type { CatalogueStore, StoredCatalogueEntry } from './store/types-catalogue.js';
export type {
  HandoffDayCount,
  ResourceProbe,
  ServiceDay,
  StatsArchive,
  StatsCounter,
  StatsCounterDimension,
  StatsStoreOps,
} from './store/types-stats.js';
export type { ClassroomStore, StoredClassRequest, StoredPin } from './store/types-classroom.js';
export type {
  ConsoleNotification,
  DepartureRecord,
  FeedRun,
  FeedStoreOps,
  OutboxMessage,
  RolloverRecord,
  SyncReport,
} from './store/types-directory-feeds.js';

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
  JwsSigner,
  JwsSignerFactory,
  KeyEncryptionKey,
  KeyErrorCode,
  KeyManager,
  KeyManagerOptions,
  KeyStore,
  KeyTimes,
  RotateOptions,
} from './keys/index.js';

export { createHandoffRoutes } from './handoff/create-handoff-routes.js';
export type { HandoffRoutesOptions } from './handoff/create-handoff-routes.js';

// The types of the service's use cases' arguments and results, so that an embedder can name them.
export { AllocationRuleError } from './allocation/allocation-rule-error.js';
export { WsAbonnementError } from './ws-abonnement/errors.js';
export type { WsAbonnementErrorCode } from './ws-abonnement/errors.js';
export type { AllocationProblem } from './allocation/allocation-rule-error.js';
export type { SupportContact } from './allocation/dashboard-use-cases.js';
export type { AllocationCount, SubscriptionFilters } from './subscriptions/subscriptions-use-cases.js';
export type { FeedImportOptions, FeedImportResult, FeedOptions, FeedProgress } from './feeds/feed-use-cases.js';
export type { FeedSource } from './feeds/read-feed.js';
export type { FeedRouteOptions } from './http/routes/feed-routes.js';
export type { RolloverOutcome } from './rollover/rollover-use-cases.js';
export type { NotificationView } from './notifications/notification-use-cases.js';
export type { ProblemExtension } from './kernel/gar-server-error.js';
export type { HandoffRoutesService } from './handoff/handoff-context.js';
export type { AuthorizationCodeRecord, CodeRedemption, NativeAppStore } from './store/types-native-apps.js';
export type { LtiPlatformStore } from './store/types-lti-platforms.js';
export type { LtiAuthorizeRefusal, LtiAuthorizeResult } from './handoff/lti/lti-authorize.js';
export type { DeepLinkingReturn, DeepLinkingStart } from './handoff/lti/lti-deep-linking-use-cases.js';
export type { LtiLoginRequest, LtiOutcome } from './handoff/lti-tool/lti-login.js';
export type { LtiToolRefusal } from './handoff/lti-tool/lti-id-token.js';
export type { DeepLinkingRefusal, DeepLinkingSession } from './handoff/lti/lti-deep-linking.js';
export type { AuthnRequestReadError } from './handoff/saml/parse-authn-request.js';
export type { LtiLaunchNext, PickerItem } from './handoff/lti-tool/lti-tool-types.js';
export type {
  AuthnRequestInput,
  AuthnRequestRefusal,
  AuthnRequestResult,
  SamlRefusalResponse,
} from './handoff/saml/saml-use-cases.js';
export type { LogoutRequestRefusal, LogoutRequestResult } from './handoff/saml/saml-logout-use-cases.js';
export type { AppClaims, AuthorizationStart, TokenResponse } from './handoff/native/oauth-use-cases.js';
export type { OAuthErrorCode, OAuthFailure, OAuthParams } from './handoff/native/oauth-errors.js';
export type { AuditFilter } from './store/types.js';
export type { CasSession, CasSessionService } from './handoff/cas/cas-session.js';
export type { LegalLinks } from './kernel/legal-links.js';
export type { PersonDataQuery, PersonDataRecords, PersonTracesErasure } from './store/types-person-data.js';
export type { DiscoveryChoices, DiscoveryQuery, DiscoverySchool } from './handoff/discovery/discovery-use-cases.js';
export type {
  ErasureReport,
  PersonDataExport,
  PersonDataSkipped,
  PersonDataTableView,
} from './privacy/person-data-use-cases.js';
export type { PersonDataHolding } from './store/person-data-coverage.js';
