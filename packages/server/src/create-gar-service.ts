import { createEntKeySets } from './identity/ent-key-sets.js';
import { decodeJwt } from 'jose';
import { verifyEntAssertion, verifyEntAssertionOnce } from './identity/verify-ent-assertion.js';
import { verifyEntClient, type EntClientCredential } from './identity/verify-ent-client.js';
import { verifyOperator, verifyPublisher, type PublisherCredential } from './identity/verify-secrets.js';
import { allocationUseCases } from './allocation/allocation-use-cases.js';
import { casUseCases } from './handoff/cas/cas-use-cases.js';
import { discoveryUseCases } from './handoff/discovery/discovery-use-cases.js';
import { handoffUseCases } from './handoff/handoff-use-cases.js';
import { samlUseCases } from './handoff/saml/saml-use-cases.js';
import { nativeAppUseCases } from './handoff/native/native-app-use-cases.js';
import { ltiPlatformUseCases } from './handoff/lti-tool/lti-platform-use-cases.js';
import { ltiToolUseCases } from './handoff/lti-tool/lti-tool-use-cases.js';
import { oauthUseCases } from './handoff/native/oauth-use-cases.js';
import { ltiUseCases } from './handoff/lti/lti-use-cases.js';
import { catalogueUseCases } from './registry/catalogue-use-cases.js';
import { diffusableCatalogueUseCases } from './registry/diffusable-catalogue-use-cases.js';
import { consoleDirectoryUseCases } from './allocation/console-directory-use-cases.js';
import type { ServiceContext } from './kernel/context.js';
import { dashboardUseCases } from './allocation/dashboard-use-cases.js';
import { delegationUseCases } from './allocation/delegation-use-cases.js';
import { suggestionUseCases } from './allocation/suggestion-use-cases.js';
import { directoryUseCases } from './directory/directory-use-cases.js';
import { feedUseCases, type FeedOptions } from './feeds/feed-use-cases.js';
import { notificationUseCases } from './notifications/notification-use-cases.js';
import { rolloverUseCases } from './rollover/rollover-use-cases.js';
import { createConsoleLogger } from './kernel/logger.js';
import { sha256Hex } from './kernel/crypto.js';
import { createRateLimiter, type RequestClient } from './identity/rate-limiter.js';
import { mediacentreUseCases } from './mediacentre/mediacentre-use-cases.js';
import { releasedDataUseCases } from './mediacentre/released-data-use-cases.js';
import { checkLegalLinks } from './kernel/legal-links.js';
import { personDataUseCases } from './privacy/person-data-use-cases.js';
import { registryUseCases } from './registry/registry-use-cases.js';
import { subscriptionsUseCases } from './subscriptions/subscriptions-use-cases.js';
import { statsUseCases } from './stats/stats-use-cases.js';
import { classUseCases } from './classroom/class-use-cases.js';
import { pinUseCases } from './classroom/pin-use-cases.js';
import type { EntClient, EntUser, GarServiceOptions, OperatorActor, PublisherActor } from './kernel/types.js';

const systemClock = { now: () => new Date() };

/** A secret-free name for a presented secret: a short, domain-separated hash (never the stored lookup hash). */
const secretName = async (kind: string, secret: string) =>
  `${kind}:${(await sha256Hex(`opengar-rate:${secret}`)).slice(0, 32)}`;

/** The `iss` (and `sub`) a token claims, unverified, for counting its failures; `undefined` when unreadable. */
function claimed(token: string, withSubject: boolean): string | undefined {
  try {
    const { iss, sub } = decodeJwt(token);
    if (typeof iss !== 'string' || iss.length > 64) return undefined;
    if (!withSubject) return `ent:${iss}`;
    return typeof sub === 'string' && sub.length <= 64 ? `user:${iss}:${sub}` : `ent:${iss}`;
  } catch {
    return undefined;
  }
}

/**
 * Creates the application service: every use case of the GAR service, over a {@link Store}. The HTTP app and the
 * CLI call it; it imports nothing from Node and runs in browsers too. It owns the hand-off's secrets and signing
 * keys: give `pseudonymSecret` (at least `MIN_SECRET_BYTES`, 32 bytes), `statisticsSecret` and `signingKeys` to a
 * service that hands off; the others need none.
 *
 * @throws `ServiceConfigError` `secret-too-short` for a `pseudonymSecret` under 32 bytes.
 *
 * @example
 * ```ts
 * const service = createGarService({ store: createMemoryStore(), issuer: 'https://gar.example' });
 * const user = await service.identity.authenticateEntUser(assertion);
 * const mediacentre = await service.mediacentre.resources(user, { uai: '0561641E' });
 * ```
 */
export function createGarService(options: GarServiceOptions & { feeds?: FeedOptions }) {
  const issuer = new URL(options.issuer).href.replace(/\/$/, '');
  const clock = options.clock ?? systemClock;
  const ctx: ServiceContext = { store: options.store, clock, logger: options.logger ?? createConsoleLogger(), issuer };
  if (options.readReplica) ctx.reads = options.readReplica;
  const keySets = createEntKeySets({ ...options.jwks, clock, logger: ctx.logger });
  const { store } = ctx;
  const limiter = createRateLimiter({ store, clock, logger: ctx.logger, limits: options.rateLimits });

  const registry = registryUseCases(ctx);
  const catalogue = catalogueUseCases(ctx);
  const diffusable = diffusableCatalogueUseCases(ctx);
  const subscriptions = subscriptionsUseCases(ctx);
  const allocation = allocationUseCases(ctx);
  const delegation = delegationUseCases(ctx);
  const consoleDirectory = consoleDirectoryUseCases(ctx);
  const dashboard = dashboardUseCases(ctx, options.supportContact);
  const suggestions = suggestionUseCases(ctx, allocation.allocate);
  const mediacentre = mediacentreUseCases(ctx);
  const released = releasedDataUseCases(ctx);
  const feeds = feedUseCases(ctx, {
    ...(options.supportContact ? { supportContact: options.supportContact } : {}),
    ...options.feeds,
  });
  const notifications = notificationUseCases(ctx);
  const rollover = rolloverUseCases(ctx);
  const stats = statsUseCases(ctx);
  const handoff = handoffUseCases(ctx, options);
  const apps = nativeAppUseCases(ctx);
  const ltiPlatforms = ltiPlatformUseCases(ctx);
  const pins = pinUseCases(ctx);
  const classes = classUseCases(ctx);
  const legalLinks = checkLegalLinks(options.legalLinks, issuer);

  return {
    /** The issuer URL, without a trailing slash. */
    issuer,
    /** The deployment's terms of use and information notice, checked and absolute (the hand-off page shows them). */
    legalLinks,
    /** The logger the service writes to. */
    logger: ctx.logger,
    /** The clock the service reads. */
    clock,
    /** Whether the store answers (`/readyz`). @example `await service.ready()` */
    async ready(): Promise<boolean> {
      try {
        return await store.ping();
      } catch {
        return false;
      }
    },
    /** The operator's registry: ENTs, schools, publishers, resources and operators. */
    admin: {
      ents: { create: registry.registerEnt, update: registry.updateEnt, get: registry.getEnt, list: registry.listEnts },
      schools: {
        create: registry.registerSchool,
        update: registry.updateSchool,
        get: registry.getSchool,
        list: registry.listSchools,
      },
      publishers: {
        create: catalogue.registerPublisher,
        update: catalogue.updatePublisher,
        get: catalogue.getPublisher,
        list: catalogue.listPublishers,
      },
      resources: {
        create: catalogue.registerResource,
        update: catalogue.updateResource,
        get: catalogue.getResource,
        list: catalogue.listResources,
        importSamlMetadata: catalogue.importSamlMetadata,
      },
      operators: { create: catalogue.createOperator },
      /** Native apps of a resource (OAuth 2.0 public clients with PKCE). */
      apps: { create: apps.register, update: apps.update, get: apps.get, list: apps.list, delete: apps.delete },
      /** LTI 1.3 platforms (Moodle sites) where opengar is an external tool. */
      ltiPlatforms: {
        create: ltiPlatforms.register,
        update: ltiPlatforms.update,
        get: ltiPlatforms.get,
        list: ltiPlatforms.list,
        delete: ltiPlatforms.delete,
      },
    },
    /** The school directory as ENTs push it (people, groups, memberships, MEFs). */
    directory: directoryUseCases(ctx),
    /** A person's médiacentre and favourites (↔ the SDK's `createMediacentreClient`). */
    mediacentre: {
      resources: mediacentre.listMediacentre,
      favourites: mediacentre.getFavourites,
      setFavourites: mediacentre.setFavourites,
      recommendations: pins.recommendations,
      releasedData: released.releasedData,
    },
    /** A teacher's classes, their usage, pins and requests (↔ the SDK's `client.teacher`). */
    classroom: {
      classes: classes.classResources,
      usage: classes.classUsage,
      pins: pins.listPins,
      pin: pins.createPin,
      unpin: pins.deletePin,
      requests: classes.listMyRequests,
      request: classes.createRequest,
    },
    /** Publishers' subscriptions (the JSON API and GAR's web service). */
    subscriptions: {
      create: subscriptions.createSubscription,
      update: subscriptions.updateSubscription,
      delete: subscriptions.deleteSubscription,
      get: subscriptions.getPublisherSubscription,
      list: subscriptions.listPublisherSubscriptions,
      deliverySchools: subscriptions.listDeliverySchools,
      countAllocations: subscriptions.countAllocations,
    },
    /** The allocation console of a school (↔ the SDK's `client.console`). */
    allocation: {
      schools: consoleDirectory.listManagedSchools,
      subscriptions: allocation.listSchoolSubscriptions,
      allocations: allocation.listAllocations,
      preview: consoleDirectory.previewAllocation,
      allocate: allocation.allocate,
      withdraw: allocation.withdraw,
      move: allocation.moveCopies,
      directory: consoleDirectory.searchSchoolDirectory,
      delegations: delegation.listSchoolDelegations,
      delegate: delegation.grantDelegation,
      revokeDelegation: delegation.revokeDelegation,
      audit: allocation.listSchoolAudit,
      auditCsv: allocation.auditCsv,
      undoPreview: allocation.undoPreview,
      undo: allocation.undo,
      dashboard: dashboard.getDashboard,
      acceptSuggestions: suggestions.acceptSuggestions,
      classRequests: classes.listSchoolRequests,
      decideClassRequest: classes.decideRequest,
      releasedData: released.schoolReleasedData,
    },
    /** Data protection, for the operator: a person's access export, and their erasure with its report. */
    privacy: personDataUseCases(ctx, options.statisticsSecret, feeds.erasePerson),
    /** ENT feeds: import, sync reports, runs and erasure. */
    feeds: {
      import: feeds.importFeed,
      syncReport: feeds.getSyncReport,
      runs: feeds.listFeedRuns,
      eraseDeparted: feeds.eraseDeparted,
      erasePerson: feeds.erasePerson,
    },
    /** In-console notifications. */
    notifications: {
      list: notifications.listNotifications,
      markRead: notifications.markNotificationRead,
      preferences: notifications.getNotificationPreferences,
      setPreferences: notifications.setNotificationPreferences,
    },
    /** The school-year rollover. */
    rollover: { school: rollover.rolloverSchool, all: rollover.rolloverAll },
    /**
     * The publishers' catalogue of diffusable resources: `deliver` and `own` (publishers), `all` (ENT back ends,
     * operator), `school` (a school's head, librarians and teachers, with the school's standing per resource).
     */
    catalogue: { deliver: diffusable.deliver, own: diffusable.own, all: diffusable.all, school: diffusable.school },
    /** Statistics (↔ the SDK's `client.stats`), national figures and service metrics. */
    stats: {
      school: stats.getSchoolStats,
      allocations: stats.getAllocationStats,
      unused: stats.getUnusedStats,
      quality: stats.getQualityStats,
      national: stats.getNationalStats,
      archiveSchoolYear: stats.archiveSchoolYearStatistics,
      serviceMetrics: stats.serviceMetrics,
    },
    /** Who calls: ENT users and back ends, publishers, operators; the front door's rate limits and origins. */
    identity: {
      /** The rate limiter of the front door (its limits, and the launch counter). */
      rateLimiter: limiter,
      /**
       * Verifies an ENT user assertion; failures count against `client`'s address and the claimed user.
       * @example `const user = await service.identity.authenticateEntUser(token, { address })`
       * @throws {@link GarServiceError} `unauthenticated`, `token-expired`, `forbidden`, `unavailable`, `too-many-requests`.
       */
      authenticateEntUser: (token: string, client?: RequestClient): Promise<EntUser> =>
        limiter.guard({ client, credential: claimed(token, true) }, () =>
          verifyEntAssertion(token, { store, clock, issuer, keySets }),
        ),
      /**
       * Verifies an ENT user assertion for a launch and returns `spend`, which records its `jti` once (call it after the
       * origin check): `false` when the assertion was already used, and the launch must be refused.
       *
       * @example
       * ```ts
       * const { user, spend } = await service.identity.authenticateEntLaunch(token, { address });
       * if (!(await spend())) refuse();
       * ```
       * @throws {@link GarServiceError} `unauthenticated`, `token-expired`, `forbidden`, `unavailable`, `too-many-requests`.
       */
      async authenticateEntLaunch(
        token: string,
        client?: RequestClient,
      ): Promise<{ user: EntUser; spend(): Promise<boolean> }> {
        const credential = claimed(token, true);
        const verified = await limiter.guard({ client, credential }, () =>
          verifyEntAssertionOnce(token, { store, clock, issuer, keySets }),
        );
        const spend = () =>
          store.useOnce(
            'ent-user-assertion',
            `${verified.user.entId}:${verified.jti}`,
            verified.replayUntil,
            clock.now().toISOString(),
          );
        return { user: verified.user, spend };
      },
      /**
       * Verifies an ENT back end's client assertion or certificate; failures count against `client` and the claimed ENT.
       * @example `await service.identity.authenticateEntClient({ certFingerprint }, { address })`
       * @throws {@link GarServiceError} `unauthenticated`, `token-expired`, `unavailable`, `too-many-requests`.
       */
      authenticateEntClient: (credential: EntClientCredential, client?: RequestClient): Promise<EntClient> =>
        limiter.guard(
          {
            client,
            credential:
              'certFingerprint' in credential
                ? `cert:${credential.certFingerprint.slice(0, 128)}`
                : claimed(credential.assertion, false),
          },
          () => verifyEntClient(credential, { store, clock, keySets }),
        ),
      /** Identifies a publisher by API key or certificate. @example `await service.identity.authenticatePublisher({ apiKey }, { address })` */
      authenticatePublisher: async (credential: PublisherCredential, client?: RequestClient): Promise<PublisherActor> =>
        limiter.guard(
          {
            client,
            credential:
              'apiKey' in credential
                ? await secretName('pub', credential.apiKey)
                : `cert:${credential.certFingerprint.slice(0, 128)}`,
          },
          () => verifyPublisher(credential, store),
        ),
      /** Identifies an operator by secret. @example `await service.identity.authenticateOperator(secret, { address })` */
      authenticateOperator: async (secret: string, client?: RequestClient): Promise<OperatorActor> =>
        limiter.guard({ client, credential: await secretName('op', secret) }, () => verifyOperator(secret, store)),
      /**
       * Counts an unauthenticated launch start (`GET /launch`, `GET /cas/login`) from `client`.
       * @example `await service.identity.admitLaunch({ address })`
       * @throws {@link GarServiceError} `too-many-requests` past the per-address limit.
       */
      admitLaunch: (client?: RequestClient): Promise<void> => limiter.admitLaunch(client),
      /**
       * Whether a browser origin is registered for an ENT, or for any ENT when `entId` is omitted (CORS preflight).
       *
       * @example
       * ```ts
       * await service.identity.isAllowedOrigin('https://ent.example', 'ENTTEST1'); // true
       * ```
       */
      async isAllowedOrigin(origin: string, entId?: string): Promise<boolean> {
        if (entId !== undefined) return (await store.getEnt(entId))?.origins.includes(origin) ?? false;
        return (await store.listEnts()).some((e) => e.origins.includes(origin));
      },
      /**
       * ENTs whose remote key set cannot be fetched: still served from the last good set (`stale`) or no longer
       * (`unavailable`). Names ENTs, never URLs or keys.
       *
       * @example
       * ```ts
       * service.identity.degradedKeySets(); // [{ entId: 'ENT1', state: 'stale', since: '…', staleUntil: '…' }]
       * ```
       */
      degradedKeySets: () => keySets.degraded(),
    },
    /**
     * The hand-off (one-click access) and what leads to it: launch states of GAR-style links, the origin check of a
     * posted launch, the public keys, and the GAR-compatible listing an ENT back end reads.
     */
    handoff,
    /** CAS 3.0: which resource registered a service URL, and the single-use redemption of its tickets. */
    cas: casUseCases(ctx, options),
    /** OAuth 2.0 for the native apps of a resource (RFC 8252, PKCE S256): authorize, token, userinfo. */
    oauth: oauthUseCases(ctx, {
      ...(options.signingKeys ? { signingKeys: options.signingKeys } : {}),
      startLaunch: handoff.startLaunch,
    }),
    /** Discovery: the académies, ENTs and schools a person arriving from a link without them chooses from. */
    discovery: discoveryUseCases(ctx),
    /** SAML 2.0 identity provider: its metadata and the check of an SP's AuthnRequest (the response is a hand-off). */
    saml: samlUseCases(ctx, options.samlCrypto),
    /** LTI 1.3, opengar as the platform of resources registered as tools: authorization endpoint, Deep Linking. */
    lti: ltiUseCases(ctx, options, { handOff: handoff.handOff, createPin: pins.createPin }),
    /** opengar as an LTI 1.3 tool of a platform (Moodle): login initiation, launch, the Deep Linking picker. */
    ltiTool: ltiToolUseCases(ctx, {
      ...(options.pseudonymSecret === undefined ? {} : { pseudonymSecret: options.pseudonymSecret }),
      ...(options.signingKeys ? { signingKeys: options.signingKeys } : {}),
      ...(options.jwks ? { jwks: options.jwks } : {}),
    }),
  };
}

/** The application service made by {@link createGarService}. */
export type GarService = ReturnType<typeof createGarService>;
