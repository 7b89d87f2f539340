/**
 * The browser-safe side of the stores: the contract every store implements, its errors, and the memory store.
 * PGlite and PostgreSQL stores are Node-only (`src/node/stores.ts`).
 */
export { createMemoryStore } from './memory/create-memory-store.js';
export { StoreBusyError, StoreConflictError, StoreError, StoreNotFoundError } from './errors.js';
export type { StoreErrorCode } from './errors.js';
export type {
  AuditEntry,
  AuditFilter,
  AuditStore,
  CopyQuery,
  SchoolSearch,
  DelegationStore,
  DirectoryStore,
  HandoffEventStore,
  LeaseStore,
  LicenceStore,
  RateStore,
  RegistryStore,
  SettingStore,
  SharedStateStore,
  SigningKeyStore,
  SubscriptionStore,
  TicketStore,
  HandoffEvent,
  OperatorRecord,
  PeopleQuery,
  SigningKeyRecord,
  Store,
  StoreOps,
  StoredAllocation,
  StoredPublisher,
  StoredSubscription,
  SubscriptionQuery,
  TicketRecord,
  TransactionOptions,
} from './types.js';
export type {
  ConsoleNotification,
  DepartureRecord,
  ErasureStore,
  FeedRun,
  FeedRunStore,
  FeedStagingStore,
  FeedStoreOps,
  NotificationStore,
  OutboxMessage,
  OutboxStore,
  RolloverRecord,
  RolloverStore,
  SyncReport,
} from './types-directory-feeds.js';
export type { StatsStore, StatsStoreOps } from './types-stats.js';
export type { AuthorizationCodeRecord, CodeRedemption, NativeAppStore } from './types-native-apps.js';
export type { LtiPlatformStore } from './types-lti-platforms.js';
export type { CatalogueStore, StoredCatalogueEntry } from './types-catalogue.js';
export type { ClassroomStore, StoredClassRequest, StoredPin } from './types-classroom.js';
