// The one contract every store implements, as node:test tests. Each store's test file calls `storeContract` with a
// factory of fresh, migrated, empty stores; the same assertions then hold for memory, PGlite and PostgreSQL.
import { describe } from 'node:test';
import type { Store } from '../../src/store/index.js';
import { directoryContract, registryContract } from './contract-directory.js';
import { feedIdempotenceContract } from './contract-feed-idempotence.js';
import { feedsContract } from './contract-feeds.js';
import { feedStagingContract } from './contract-feed-staging.js';
import { grainContract } from './contract-grains.js';
import { samlContract } from './contract-saml.js';
import { ltiContract } from './contract-lti.js';
import { handoffRecordContract } from './contract-handoff-record.js';
import { licenceContract } from './contract-licences.js';
import { nativeAppContract } from './contract-native-apps.js';
import { ltiPlatformContract } from './contract-lti-platforms.js';
import { sharedStateContract } from './contract-shared-state.js';
import { statsContract } from './contract-stats.js';
import { teachingContract } from './contract-teachings.js';
import { catalogueContract } from './contract-catalogue.js';
import { classroomContract } from './contract-classroom.js';
import { personDataContract } from './contract-person-data.js';
import { transactionContract } from './contract-transactions.js';

/** What the contract needs from a store's test file. */
export interface ContractOptions {
  /**
   * Opens a second instance on the same data as `store` (PostgreSQL: a second pool on the same database), to check
   * that licence consumption is safe across instances. Stores that are one process only leave it out.
   */
  openAnother?: (store: Store) => Promise<Store>;
}

/** The factory and helpers each part of the contract uses. */
export interface ContractContext extends ContractOptions {
  name: string;
  /** Runs `fn` with a fresh store and closes it afterwards. */
  withStore(fn: (store: Store) => Promise<void>): Promise<void>;
}

/**
 * Registers the contract's tests for one store.
 *
 * @example
 * ```ts
 * storeContract('memory', async () => createMemoryStore());
 * ```
 */
export function storeContract(name: string, makeStore: () => Promise<Store>, options: ContractOptions = {}): void {
  const ctx: ContractContext = {
    ...options,
    name,
    withStore: async (fn) => {
      const store = await makeStore();
      try {
        await fn(store);
      } finally {
        await store.close();
      }
    },
  };
  describe(`store contract: ${name}`, () => {
    describe('registry', () => registryContract(ctx));
    describe('directory', () => directoryContract(ctx));
    describe('subscriptions, allocations and licence copies', () => licenceContract(ctx));
    describe('state shared by instances', () => sharedStateContract(ctx));
    describe('transactions and concurrency', () => transactionContract(ctx));
    describe('feeds, notifications, erasure and rollover', () => feedsContract(ctx));
    describe('statistics', () => statsContract(ctx));
    describe('feed idempotence', () => feedIdempotenceContract(ctx));
    describe('feed staging', () => feedStagingContract(ctx));
    describe('subjects and teachings', () => teachingContract(ctx));
    describe('catalogue', () => catalogueContract(ctx));
    describe('hand-off record', () => handoffRecordContract(ctx));
    describe('native apps and authorization codes', () => nativeAppContract(ctx));
    describe('LTI platforms', () => ltiPlatformContract(ctx));
    describe('pins and class requests', () => classroomContract(ctx));
    describe('access export and erasure sweep', () => personDataContract(ctx));
    describe('grain origins', () => grainContract(ctx));
    describe('SAML service providers', () => samlContract(ctx));
    describe('LTI tools', () => ltiContract(ctx));
  });
}
