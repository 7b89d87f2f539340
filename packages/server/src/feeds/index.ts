/**
 * `@opengar/server/feeds`: the directory feeds (ENT → service) as building blocks: the streaming parser, the reader,
 * the schema, the limits, applying a feed to a store, sync reports, and the school-year rollover.
 *
 * @packageDocumentation
 */
export { FeedCollector } from './feed-collector.js';
export type { FeedSnapshot } from './feed-collector.js';
export type {
  BadRef,
  FeedStaging,
  StagedCheck,
  StagedDuplicate,
  StagedPersonMef,
  StagedProblems,
  StagedRef,
  StagedSchoolRef,
  StagedWhere,
} from './feed-staging.js';
export { feedFileName, parseFeedFileName } from './feed-file-name.js';
export type { FeedFileName } from './feed-file-name.js';
export { FeedProblems } from './feed-problems.js';
export type { FeedProblem, FeedProblemCode } from './feed-problems.js';
export { FEED_NAMESPACES, FEED_SCHEMAS } from './feed-schema.js';
export type { FeedDegree, FeedKind, FieldSpec, RecordSpec } from './feed-schema.js';
export { parseFeedFile } from './parse-feed-file.js';
export type { FeedFileParser, FeedRecord, ParsedFileInfo, ParseFeedFileOptions } from './parse-feed-file.js';
export { FEED_KINDS, readFeed } from './read-feed.js';
export type { FeedSource, ReadFeedOptions, ReadFeedResult } from './read-feed.js';
export { applyFeed } from './apply-feed.js';
export type { FeedApplication, SchoolChanges } from './apply-feed.js';
export { buildSyncReports, syncReportCsv } from './sync-report.js';
export type { FeedImportOptions, FeedImportResult, FeedOptions, FeedProgress } from './feed-use-cases.js';
export { FEED_LIMITS } from './feed-limits.js';
export { createPace } from './pace.js';
export type { Pace } from './pace.js';
export { rolloverSchool } from '../rollover/rollover-school.js';
export { openingYear } from '@opengar/core';
export type { RolloverSummary } from '../rollover/rollover-school.js';
export type { RolloverOutcome } from '../rollover/rollover-use-cases.js';
