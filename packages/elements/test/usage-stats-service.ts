// The reference service running in the page for <gar-usage-stats>: memory store, demo seed with its past hand-offs
// (given a statistics secret), the HTTP app with the statistics routes. Shared by the browser tests and Storybook.
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_REFERENCE_DATE, DEMO_USERS, type DemoUser, seedDemo } from '@opengar/server/demo';
import type { FetchLike, GetToken } from '@opengar/sdk';
import { runStatsAggregation } from '../../server/src/stats/stats-jobs.js';
import { importSigningKey, signAssertion } from './fixtures/sign-assertion.js';

export const ISSUER = 'http://opengar.test';
const STATISTICS_SECRET = 'opengar-demo-statistics-secret-in-the-browser';

/** The demo users the statistics stories and tests sign in as. */
export type StatsUser = DemoUser['key'];

export interface StatsService {
  fetch: FetchLike;
  /** A token getter acting as `user`; its assertions name the user's first school. */
  tokenFor(userKey: StatsUser, options?: { expired?: boolean }): GetToken;
  now: () => Date;
}

let shared: Promise<StatsService> | undefined;

async function create(): Promise<StatsService> {
  const now = () => new Date(DEMO_REFERENCE_DATE);
  const store = createMemoryStore();
  await seedDemo(store, { statisticsSecret: STATISTICS_SECRET });
  // The service publishes from its counters: fold the seeded hand-offs in, as the aggregation job does.
  await runStatsAggregation({ store, clock: { now }, holder: 'page' });
  const service = createGarService({
    store,
    issuer: ISSUER,
    clock: { now },
    logger: silentLogger,
  });
  const app = createHttpApp(service);
  const key = await importSigningKey(DEMO_CREDENTIALS.entSigningKey.privateJwk);
  const kid = DEMO_CREDENTIALS.entSigningKey.privateJwk.kid;
  return {
    fetch: (request) => app.fetch(request),
    now,
    tokenFor(userKey, options = {}) {
      const u = DEMO_USERS.find((x) => x.key === userKey);
      if (!u) throw new Error(`no demo user ${userKey}`);
      return () =>
        signAssertion(key, kid, {
          iss: u.entId,
          aud: ISSUER,
          sub: u.personId,
          uai: u.schools[0]?.uai,
          iat: Math.floor(now().getTime() / 1000) - (options.expired ? 3600 : 0),
        });
    },
  };
}

/** The in-page service with statistics (created once per page). */
export function statsService(): Promise<StatsService> {
  shared ??= create();
  return shared;
}
