import type { Store, StoreOps } from '../types.js';
import { memoryDirectoryOps, memoryRegistryOps } from './memory-directory-ops.js';
import { memoryFeedOps } from './memory-feed-ops.js';
import { memoryFeedStagingOps } from './memory-feed-staging-ops.js';
import type { MemoryContext } from './memory-context.js';
import { memoryLicenceOps } from './memory-licence-ops.js';
import { memorySharedOps } from './memory-shared-ops.js';
import { memoryStatsOps } from './memory-stats-ops.js';
import { memoryTeachingOps } from './memory-teaching-ops.js';
import { memoryNativeAppOps } from './memory-native-app-ops.js';
import { memoryLtiPlatformOps } from './memory-lti-platform-ops.js';
import { memoryCatalogueOps } from './memory-catalogue-ops.js';
import { memoryClassroomOps } from './memory-classroom-ops.js';
import { memoryPersonDataOps } from './memory-person-data-ops.js';
import { createMemoryState, type MemoryState } from './memory-state.js';
import { Mutex } from '../shared/mutex.js';
import { Journal } from './table.js';

function ops(ctx: MemoryContext): StoreOps {
  return {
    ...memoryRegistryOps(ctx),
    ...memoryDirectoryOps(ctx),
    ...memoryLicenceOps(ctx),
    ...memorySharedOps(ctx),
    ...memoryStatsOps(ctx),
    ...memoryFeedOps(ctx),
    ...memoryFeedStagingOps(ctx),
    ...memoryTeachingOps(ctx),
    ...memoryNativeAppOps(ctx),
    ...memoryLtiPlatformOps(ctx),
    ...memoryCatalogueOps(ctx),
    ...memoryClassroomOps(ctx),
    ...memoryPersonDataOps(ctx),
  };
}

function run<T>(journal: Journal, fn: (journal: Journal) => T): T {
  try {
    return fn(journal);
  } catch (error) {
    journal.rollback();
    throw error;
  }
}

/**
 * A store held in memory: for tests, the demo and Storybook (it imports nothing from Node). Writes are serialised by a
 * mutex; `transaction` keeps an undo journal and replays it when `fn` throws, so a failed transaction leaves nothing
 * written. Reads outside a transaction answer at once (they may see a transaction in progress). Every read by school,
 * person or subscription goes through an index. Data goes when the process ends. Inside `fn`, use `tx`, never the
 * store itself: a write through the store would wait for the transaction to end, which waits for `fn`.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.putSchool({ uai: '0561641E', entId: 'ENTBRE', name: 'Collège Jules Ferry', degree: '2D' });
 * await store.transaction(async (tx) => {
 *   const sub = await tx.lockSubscription('ABO-2026-001');
 *   const used = await tx.countCopies('ABO-2026-001');
 *   // … insert copies while fewer than the licences are used
 * });
 * ```
 */
export function createMemoryStore(): Store {
  const state: MemoryState = createMemoryState();
  const mutex = new Mutex();
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new TypeError('the store is closed');
  };

  const root = ops({
    state,
    inTransaction: false,
    read: async (fn) => {
      assertOpen();
      return fn();
    },
    write: (fn) =>
      mutex.run(() => {
        assertOpen();
        return run(new Journal(), fn);
      }),
  });

  // Transactions run one at a time (the mutex), so one set of transaction operations serves them all, writing to the
  // journal of the transaction in progress; each caller gets a thin handle that stops working when its turn ends.
  let journal: Journal | undefined;
  const txOps = ops({
    state,
    inTransaction: true,
    read: async (f) => f(),
    write: async (f) => {
      const current = journal;
      if (!current) throw new TypeError('this transaction has ended; use the store');
      const statement = new Journal();
      const result = run(statement, f);
      current.absorb(statement);
      return result;
    },
  });
  const ended = () => Promise.reject(new TypeError('this transaction has ended; use the store'));

  return {
    ...root,
    kind: 'memory',
    transaction: <T>(fn: (tx: StoreOps) => Promise<T>) =>
      mutex.run(async () => {
        assertOpen();
        const own = new Journal();
        journal = own;
        let open = true;
        const tx = new Proxy(txOps, {
          get: (target, property, receiver) => (open ? Reflect.get(target, property, receiver) : ended),
        });
        try {
          return await fn(tx);
        } catch (error) {
          own.rollback();
          throw error;
        } finally {
          open = false;
          journal = undefined;
        }
      }),
    migrate: async () => undefined,
    ping: async () => !closed,
    close: async () => {
      await mutex.run(() => {
        closed = true;
      });
    },
  };
}
