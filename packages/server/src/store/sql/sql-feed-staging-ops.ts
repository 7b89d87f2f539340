import type { FeedStagingStore } from '../types-directory-feeds.js';
import type { SqlDriver } from './driver.js';
import type { SqlContext } from './sql-context.js';
import { sqlHelpers } from './sql-directory-ops.js';
import { createSqlFeedStaging } from './sql-feed-staging.js';
import * as m from './sql-mappers.js';

/**
 * The store's people in pages ordered by id (byte order, on the index of migration 015) and, inside a transaction on
 * PostgreSQL, a feed staging in temporary tables. PGlite stages in the heap: its temporary tables live in its
 * WebAssembly memory, which never shrinks (measured: 588 MiB of RSS and growing a third of the way into 300,000 people,
 * bench/README.md « Feed import memory »).
 */
export function sqlFeedStagingOps(ctx: SqlContext, kind: SqlDriver['kind']): FeedStagingStore {
  const { many } = sqlHelpers(ctx);
  return {
    // Two statements, not `$2 IS NULL OR …`: the range has to reach the planner to walk the index.
    listPeoplePage: (entId, afterId, limit) =>
      afterId === undefined
        ? many(
            'listPeoplePage',
            m.people,
            `SELECT ${m.people.select} FROM people WHERE ent_id = $1::text ORDER BY id COLLATE "C" LIMIT $2::bigint`,
            [entId, limit],
          )
        : many(
            'listPeoplePage',
            m.people,
            `SELECT ${m.people.select} FROM people WHERE ent_id = $1::text AND id COLLATE "C" > $2::text COLLATE "C"
             ORDER BY id COLLATE "C" LIMIT $3::bigint`,
            [entId, afterId, limit],
          ),
    openFeedStaging: async (entId) =>
      ctx.inTransaction && kind === 'postgres' ? createSqlFeedStaging(ctx, entId) : undefined,
  };
}
