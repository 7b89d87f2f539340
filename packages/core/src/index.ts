/**
 * `@opengar/core`: the GAR domain and its rules as pure functions. No I/O; runs in browsers and Node.
 *
 * @packageDocumentation
 */
export { GarCoreError, ValidationError } from './errors.js';
export type { GarCoreErrorCode, ValidationIssue } from './errors.js';

export {
  AUDIENCES,
  PROFILES,
  PROFILE_PRECEDENCE,
  audienceOf,
  audienceSchema,
  normalizeProfile,
  profileSchema,
} from './model/profiles.js';
export type { Audience, Profile } from './model/profiles.js';

export {
  entIdSchema,
  isSafePublisherUrl,
  isoDateTimeSchema,
  licenceCountSchema,
  personIdSchema,
  publisherDateTimeSchema,
  publisherUrlSchema,
  resourceIdSchema,
  schoolYearSchema,
  uaiSchema,
  vocabularyTermSchema,
} from './model/primitives.js';
export type { LicenceCount, VocabularyTerm } from './model/primitives.js';

export { csvCell, csvText } from './model/csv.js';
export type { CsvSeparator } from './model/csv.js';
export { TEXT_PROBLEM_MESSAGES, freeText, idText, normalizeText, textProblem } from './model/text.js';
export type { TextKind, TextProblemCode } from './model/text.js';
export { MAX_JSON_DEPTH, cleanJsonText, jsonDepth } from './model/json-input.js';
export type { JsonTextProblem } from './model/json-input.js';
export { isHttpsOrLoopbackUrl, isLoopbackHost, isLoopbackUrl } from './model/loopback.js';
export { MAX_GRAIN_LENGTH, MAX_GRAIN_ORIGINS, checkGrain } from './model/grain.js';
export { ltiToolSchema } from './model/lti-tool.js';
export type { LtiTool } from './model/lti-tool.js';
export { ltiRolesFor } from './rules/lti-roles.js';
export { grainOriginSchema } from './model/grain-origin.js';
export type { GrainCheck, GrainRefusal } from './model/grain.js';
export { withParisOffset } from './model/paris-time.js';
export {
  clientIdSchema,
  matchesRedirectUri,
  nativeAppListQuerySchema,
  nativeAppListSchema,
  nativeAppSchema,
  redirectUriProblem,
  redirectUriSchema,
} from './model/native-app.js';
export type { NativeApp } from './model/native-app.js';
export { ltiPlatformListSchema, ltiPlatformSchema } from './model/lti-platform.js';
export type { LtiPlatform } from './model/lti-platform.js';

export { pemCertificateSchema, samlServiceProviderSchema } from './model/saml-provider.js';
export type { SamlServiceProvider } from './model/saml-provider.js';

export {
  ATTRIBUTE_NAMES,
  PRESENTATION_TYPES,
  SIGNING_ALGORITHMS,
  allocationTargetSchema,
  entSchema,
  groupSchema,
  jwksSchema,
  licencesSchema,
  membershipSchema,
  subjectSchema,
  teachingSchema,
  mefSchema,
  personProfileSchema,
  personSchema,
  publisherSchema,
  resourceSchema,
  respAffSchema,
  schoolSchema,
  garSubscriptionIdSchema,
  subscriptionIdSchema,
  subscriptionSchema,
} from './model/entities.js';
export type {
  Allocation,
  AllocationTarget,
  AttributeName,
  Delegation,
  Ent,
  Group,
  LicenceCopy,
  Licences,
  Membership,
  Mef,
  Person,
  PersonProfile,
  Publisher,
  Resource,
  RespAff,
  School,
  SigningAlgorithm,
  Subject,
  Subscription,
  Teaching,
} from './model/entities.js';

export {
  parse,
  parseEnt,
  parseGroup,
  parseMef,
  parseMembership,
  parsePerson,
  parsePublisher,
  parseResource,
  parseRespAff,
  parseSchool,
  parseSubscription,
  safeParse,
  toJsonPointer,
  toValidationIssues,
} from './validation.js';
export type { ParseResult } from './validation.js';

export { endsWithin, isSubscriptionValidAt, toMillis } from './rules/validity.js';
export {
  addMonths,
  isMonth,
  monthOf,
  monthsOfYear,
  openingYear,
  previousSchoolYear,
  schoolYearEnd,
  schoolYearOf,
  statsYearOfMonth,
} from './rules/calendar.js';
export { foldText } from './rules/fold.js';
export { sameJson } from './rules/json-equal.js';
export { audienceAt, isPupilAt, primaryProfileAt, schoolsOf } from './rules/people.js';
export { pairwisePseudonym, pseudonymScope, statisticsPseudonym } from './rules/pseudonym.js';
export type { PseudonymInput } from './rules/pseudonym.js';
export { codeLabel, mefStat4Codes, releaseAttributes } from './rules/attributes.js';
export type { ReleaseInput, ReleasedAttributes } from './rules/attributes.js';
export { releasableAttributeNames, releasedAttributeNames, releasedDataAddress } from './rules/released-data.js';
export type { ReleasedDataAddress } from './rules/released-data.js';
export {
  checkAllocation,
  checkWithdrawal,
  isOverAllocated,
  licenceUsage,
  planMembershipChange,
  poolFor,
  poolLicences,
  poolsOf,
} from './rules/licences.js';
export type {
  AllocationFit,
  AllocationRefusal,
  Candidate,
  CheckAllocationOptions,
  MembershipPlan,
  PoolKey,
  PoolUsage,
  WithdrawalRefusal,
} from './rules/licences.js';
export { explainEntitlement, resolveEntitlements } from './rules/entitlement.js';
export type {
  Entitlement,
  EntitlementDecision,
  EntitlementInput,
  EntitlementRefusalReason,
} from './rules/entitlement.js';
export {
  expandTarget,
  normalizeTarget,
  personFacts,
  sameTarget,
  targetAudiences,
  targetCovers,
  targetKey,
} from './rules/targets.js';
export type { PersonFacts, SchoolDirectory } from './rules/targets.js';
export { adviseRefusal, followMembership, previewByAudience } from './rules/allocation-advice.js';
export { suggestAllocations } from './rules/suggestions.js';
export type { AllocationSuggestion, SuggestionInput, SuggestionReason } from './rules/suggestions.js';
export type { AudiencePreview, FollowPlan, RefusalAdvice } from './rules/allocation-advice.js';
export { band, HIDDEN_BAND, protectTable } from './rules/disclosure.js';
export type { CountCell, CountTable, ProtectOptions, PublishedCell, PublishedTable } from './rules/disclosure.js';

export { problemSchema } from './api/problem.js';
export type { Problem } from './api/problem.js';
export { PROBLEM_BASE, PROBLEM_CATALOGUE, PROBLEM_CODES, isProblemCode, problemType } from './api/problem-codes.js';
export type { ProblemCode } from './api/problem-codes.js';

// API schemas
export { releasedDataQuerySchema, releasedDataSchema, schoolReleasedDataSchema } from './api/released-data.js';
export type { ReleasedData, ReleasedDataQuery, SchoolReleasedData } from './api/released-data.js';
export {
  favouritesSchema,
  mediacentreQuerySchema,
  mediacentreResourceSchema,
  mediacentreSchema,
  schoolSummarySchema,
} from './api/mediacentre.js';
export type {
  Favourites,
  Mediacentre,
  MediacentreQuery,
  MediacentreResource,
  SchoolSummary,
} from './api/mediacentre.js';
export {
  entListSchema,
  publisherCreatedSchema,
  publisherListSchema,
  publisherViewSchema,
  resourceListSchema,
  schoolListQuerySchema,
  schoolListSchema,
} from './api/admin.js';
export type { PublisherCreated, PublisherView, SchoolListQuery } from './api/admin.js';
export {
  allocateRequestSchema,
  allocationListQuerySchema,
  allocationListSchema,
  allocationResultSchema,
  allocationViewSchema,
  delegationListSchema,
  delegationRequestSchema,
  delegationViewSchema,
  moveRequestSchema,
  poolUsageSchema,
  schoolSubscriptionListSchema,
  schoolSubscriptionSchema,
  withdrawRequestSchema,
} from './api/allocation.js';
export { auditEntryViewSchema, auditListSchema, auditQuerySchema, undoPreviewSchema } from './api/audit-history.js';
export type { AuditEntryView, AuditQuery, UndoPreview } from './api/audit-history.js';
export {
  AUDIT_ACTIONS,
  AUDIT_RECORD_VERSION,
  audienceCountsSchema,
  auditKindOf,
  auditRecordSchema,
  auditTargetDescriptionSchema,
  countByAudience,
  describeAuditTarget,
  parseTargetKey,
  readAuditRecord,
  UNDOABLE_KINDS,
} from './api/audit-record.js';
export type {
  AudienceCounts,
  AuditNames,
  AuditRecord,
  AuditRecordKind,
  AuditTargetDescription,
  StoredAuditParts,
} from './api/audit-record.js';
export type {
  AllocateRequest,
  AllocationResult,
  DelegationRequest,
  MoveRequest,
  SchoolSubscription,
  WithdrawRequest,
} from './api/allocation.js';
export {
  allocationPreviewSchema,
  audiencePreviewSchema,
  refusalAdviceSchema,
  directoryGroupSchema,
  directoryPersonSchema,
  directorySubjectSchema,
  managedSchoolListSchema,
  previewRequestSchema,
  schoolDirectoryQuerySchema,
  schoolDirectorySchema,
} from './api/console-directory.js';
export type {
  AllocationPreview,
  DirectoryGroup,
  DirectoryPerson,
  DirectorySubject,
  ManagedSchool,
  PreviewRequest,
  SchoolDirectoryPage,
  SchoolDirectoryQuery,
} from './api/console-directory.js';
export { acceptSuggestionsRequestSchema, acceptSuggestionsResultSchema, dashboardSchema } from './api/dashboard.js';
export type {
  AcceptSuggestionsRequest,
  AcceptSuggestionsResult,
  Dashboard,
  DashboardSuggestion,
} from './api/dashboard.js';
export { notificationGroupSchema, notificationPreferencesSchema } from './api/notification-preferences.js';
export type { NotificationGroup, NotificationPreferences } from './api/notification-preferences.js';
export {
  publisherSubscriptionListSchema,
  publisherSubscriptionQuerySchema,
  publisherSubscriptionSchema,
} from './api/subscriptions.js';
export type { PublisherSubscription, PublisherSubscriptionQuery } from './api/subscriptions.js';
export { LEVEL_TABLE, mefStat4ForLevels, mefStat4Of } from './model/levels.js';
export type { LevelEntry } from './model/levels.js';
export {
  PRIMARY_LEVELS,
  PROFILES_ABSENT_AT_ECOLE,
  audiencesAtSchool,
  primaryLevelOf,
} from './rules/primary-school.js';
export type { PrimaryLevel } from './rules/primary-school.js';
export {
  allocationStatsSchema,
  bandedCountSchema,
  handoffDaySchema,
  nationalDimensionSchema,
  nationalStatsQuerySchema,
  nationalStatsSchema,
  publishedCellSchema,
  qualityQuerySchema,
  qualitySchema,
  resourceProbeSchema,
  schoolStatsQuerySchema,
  schoolStatsSchema,
  serviceDaySchema,
  statsDimensionSchema,
  statsPeriodSchema,
  statsTableSchema,
  statsYearQuerySchema,
  unusedStatsSchema,
} from './api/stats.js';
export type {
  AllocationStats,
  NationalStats,
  NationalStatsQuery,
  PublishedStatsCell,
  QualityQuery,
  QualityStats,
  SchoolStats,
  SchoolStatsQuery,
  StatsDimension,
  StatsTable,
  StatsYearQuery,
  UnusedStats,
} from './api/stats.js';

export {
  MAX_CATALOGUE_ENTRIES,
  NATIONAL_OFFERS,
  catalogueDeliverySchema,
  catalogueEntrySchema,
  catalogueStatusSchema,
  publisherCatalogueSchema,
  schoolCatalogueEntrySchema,
  schoolCatalogueSchema,
} from './api/catalogue.js';
export type {
  CatalogueEntry,
  CatalogueEntryInput,
  CatalogueStatus,
  NationalOffer,
  SchoolCatalogue,
  SchoolCatalogueEntry,
} from './api/catalogue.js';
export { describeReleasedData } from './rules/released-data-words.js';
export {
  PIN_MAX_DAYS,
  PIN_NOTE_MAX,
  classRequestDecisionSchema,
  classRequestInputSchema,
  classRequestSchema,
  classRequestStatusSchema,
  classResourcesSchema,
  classUsageSchema,
  pinInputSchema,
  pinLackingSchema,
  pinSchema,
  recommendationSchema,
  recommendationsSchema,
  taughtClassSchema,
  teacherQuerySchema,
} from './api/classroom.js';
export type {
  ClassRequest,
  ClassRequestDecision,
  ClassRequestInput,
  ClassRequestStatus,
  ClassResources,
  ClassUsage,
  Pin,
  PinInput,
  PinLacking,
  Recommendation,
  Recommendations,
  TaughtClass,
} from './api/classroom.js';
