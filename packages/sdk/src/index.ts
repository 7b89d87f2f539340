/**
 * `@opengar/sdk`: a typed client of the opengar service, for browsers and Node 20+.
 *
 * @example
 * ```ts
 * import { createGarClient, GarApiError } from '@opengar/sdk';
 * const client = createGarClient({ baseUrl: 'https://gar.example', getToken });
 * const { resources } = await client.resources('0561641E');
 * ```
 *
 * @packageDocumentation
 */
export { createGarClient } from './create-gar-client.js';
export { createMediacentreClient } from './create-mediacentre-client.js';
export { consoleOf, statsOf, teacherOf } from './client-groups.js';
export type { NativeAppCollection } from './create-gar-client.js';
export type { LtiPlatformCollection, LtiPlatformInput } from './create-gar-client.js';
export type { GarMediacentreClient } from './create-mediacentre-client.js';
export type {
  AdminCollection,
  ResourceCollection,
  EntInput,
  GarAdminClient,
  GarClient,
  PublisherInput,
  ResourceInput,
  SchoolInput,
} from './create-gar-client.js';
export { createConsoleClient } from './console-client.js';
export type {
  AllocationView,
  AuditEntryView,
  AuditOptions,
  AuditPage,
  ConsoleSend,
  DelegationView,
  GarConsoleClient,
  UndoPreview,
} from './console-client.js';
export { consoleYearCalls } from './console-year-client.js';
export type { GarConsoleYearCalls, NotificationView, RolloverOutcome, SyncReportView } from './console-year-client.js';
export { createPublisherClient } from './create-publisher-client.js';
export type { AllocationCount, GarPublisherClient, SubscriptionInput } from './create-publisher-client.js';
export { createEntClient } from './create-ent-client.js';
export type { FeedFile, FeedRunView, GarEntClient } from './create-ent-client.js';
export { classRequestCalls, createTeacherClient } from './teacher-client.js';
export type { GarClassRequestCalls, GarTeacherClient } from './teacher-client.js';
export { createStatsClient } from './stats-client.js';
export type { GarStatsClient } from './stats-client.js';
export {
  GarApiError,
  GarNetworkError,
  GarSdkError,
  GarTimeoutError,
  GarTokenError,
  isGarSdkError,
} from './errors.js';
export type { GarNetworkReason, GarRequestInfo, GarSdkErrorCode } from './errors.js';
export { createNativeAppClient, NativeAppError } from './create-native-app-client.js';
export type {
  NativeAppClient,
  NativeAppClientOptions,
  NativeAppTokens,
  PendingAuthorization,
} from './create-native-app-client.js';
export { submitLaunchForm } from './launch-form.js';
export { resourceLink } from './resource-link.js';
export type { ResourceLinkOptions } from './resource-link.js';
export type { LaunchForm } from './launch-form.js';
export type { CallOptions, FetchLike, GarClientOptions, GarRetryOptions, GetToken, TokenReason } from './options.js';
export { readProblem } from './problem.js';
export type { SendOptions } from './transport.js';
