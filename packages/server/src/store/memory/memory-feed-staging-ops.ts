import { compareIds } from '../../feeds/feed-staging.js';
import type { FeedStagingStore } from '../types-directory-feeds.js';
import { cloneJson } from '../shared/fold.js';
import type { MemoryContext } from './memory-context.js';
import { key } from './table.js';

/** The store's people in pages ordered by id; the feed's records are staged in memory (no staging here). */
export function memoryFeedStagingOps({ state, read }: MemoryContext): FeedStagingStore {
  return {
    listPeoplePage: (entId, afterId, limit) =>
      read(() => {
        // The `limit` smallest ids after `afterId`, kept sorted (feeds usually arrive in id order: a cheap reject).
        const best: string[] = [];
        for (const row of state.people.values()) {
          const { id } = row.value;
          if (row.value.entId !== entId || (afterId !== undefined && compareIds(id, afterId) <= 0)) continue;
          if (best.length >= limit && compareIds(id, best[best.length - 1]!) >= 0) continue;
          let lo = 0;
          let hi = best.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (compareIds(best[mid]!, id) < 0) lo = mid + 1;
            else hi = mid;
          }
          best.splice(lo, 0, id);
          if (best.length > limit) best.pop();
        }
        return best.map((id) => cloneJson(state.people.get(key(entId, id))!.value));
      }),
    openFeedStaging: async () => undefined,
  };
}
