import { createEntKeySets } from '../identity/ent-key-sets.js';
import { verifyEntAssertion } from '../identity/verify-ent-assertion.js';
import { verifyEntClient, type EntClientCredential } from '../identity/verify-ent-client.js';
import { verifyOperator, verifyPublisher, type PublisherCredential } from '../identity/verify-secrets.js';
import { allocationUseCases } from './allocation-use-cases.js';
import { catalogueUseCases } from './catalogue-use-cases.js';
import { consoleDirectoryUseCases } from './console-directory-use-cases.js';
import type { ServiceContext } from './context.js';
import { dashboardUseCases } from './dashboard-use-cases.js';
import { delegationUseCases } from './delegation-use-cases.js';
import { directoryUseCases } from './directory-use-cases.js';
import { feedUseCases, type FeedOptions } from '../feeds/feed-use-cases.js';
import { notificationUseCases } from '../notifications/notification-use-cases.js';
import { rolloverUseCases } from '../rollover/rollover-use-cases.js';
import { createConsoleLogger } from './logger.js';
import { mediacentreUseCases } from './mediacentre-use-cases.js';
import { registryUseCases } from './registry-use-cases.js';
import { subscriptionsUseCases } from './subscriptions-use-cases.js';
import { statsUseCases } from '../stats/stats-use-cases.js';
import type { EntClient, EntUser, GarServiceOptions, OperatorActor, PublisherActor } from './types.js';

const systemClock = { now: () => new Date() };

/**
 * Creates the application service: every use case of the GAR service, over a {@link Store}. The HTTP app and the
 * CLI call it; it imports nothing from Node and runs in browsers too.
 *
 * @example
 * ```ts
 * const service = createGarService({ store: createMemoryStore(), issuer: 'https://gar.example', pseudonymSecret: secret });
 * const user = await service.authenticateEntUser(assertion);
 * const mediacentre = await service.listMediacentre(user, { uai: '0561641E' });
 * ```
 */
export function createGarService(options: GarServiceOptions & { feeds?: FeedOptions }) {
  const issuer = new URL(options.issuer).href.replace(/\/$/, '');
  if (typeof options.pseudonymSecret === 'string' ? options.pseudonymSecret.length < 16 : options.pseudonymSecret.byteLength < 16) {
    throw new TypeError('pseudonymSecret must be at least 16 bytes');
  }
  const clock = options.clock ?? systemClock;
  const ctx: ServiceContext = { store: options.store, clock, logger: options.logger ?? createConsoleLogger(), issuer };
  const keySets = createEntKeySets({ ...options.jwks, clock });
  const { store } = ctx;

  return {
    /** The issuer URL, without a trailing slash. */
    issuer,
    /** The logger the service writes to. */
    logger: ctx.logger,
    /** The clock the service reads. */
    clock,
    ...registryUseCases(ctx),
    ...catalogueUseCases(ctx),
    ...directoryUseCases(ctx),
    ...mediacentreUseCases(ctx),
    ...subscriptionsUseCases(ctx),
    ...allocationUseCases(ctx),
    ...delegationUseCases(ctx),
    ...consoleDirectoryUseCases(ctx),
    ...feedUseCases(ctx, options.feeds),
    ...notificationUseCases(ctx),
    ...rolloverUseCases(ctx),
    ...dashboardUseCases(ctx, options.supportContact),
    ...statsUseCases(ctx),
    /**
     * Verifies an ENT user assertion. @example `const user = await service.authenticateEntUser(token)`
     * @throws {@link GarServiceError} `unauthenticated`, `token_expired`, `forbidden`, `unavailable`.
     */
    authenticateEntUser: (token: string): Promise<EntUser> => verifyEntAssertion(token, { store, clock, issuer, keySets }),
    /**
     * Verifies an ENT back end's client assertion or certificate. @example `await service.authenticateEntClient({ certFingerprint })`
     * @throws {@link GarServiceError} `unauthenticated`, `token_expired`, `unavailable`.
     */
    authenticateEntClient: (credential: EntClientCredential): Promise<EntClient> => verifyEntClient(credential, { store, clock, keySets }),
    /** Identifies a publisher by API key or certificate. @example `await service.authenticatePublisher({ apiKey })` */
    authenticatePublisher: (credential: PublisherCredential): Promise<PublisherActor> => verifyPublisher(credential, store),
    /** Identifies an operator by secret. @example `await service.authenticateOperator(secret)` */
    authenticateOperator: (secret: string): Promise<OperatorActor> => verifyOperator(secret, store),
    /**
     * Whether a browser origin is registered for an ENT, or for any ENT when `entId` is omitted (CORS preflight).
     *
     * @example
     * ```ts
     * await service.isAllowedOrigin('https://ent.example', 'ENTTEST1'); // true
     * ```
     */
    async isAllowedOrigin(origin: string, entId?: string): Promise<boolean> {
      if (entId !== undefined) return (await store.getEnt(entId))?.origins.includes(origin) ?? false;
      return (await store.listEnts()).some((e) => e.origins.includes(origin));
    },
    /** Whether the store answers (`/readyz`). @example `await service.ready()` */
    async ready(): Promise<boolean> {
      try {
        return await store.ping();
      } catch {
        return false;
      }
    },
  };
}

/** The application service made by {@link createGarService}. */
export type GarService = ReturnType<typeof createGarService>;
