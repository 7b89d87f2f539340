// The statistics calls against the reference service in process (memory store, demo seed and its usage events).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { allocationStatsSchema, qualitySchema, schoolStatsSchema, unusedStatsSchema } from '@opengar/core';
import { GarApiError, createGarClient, type GarClient } from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_REFERENCE_DATE, DEMO_USERS, seedDemo } from '@opengar/server/demo';
import { importSigningKey, signAssertion } from '../../elements/test/fixtures/sign-assertion.js';

const ISSUER = 'http://opengar.test';
const now = () => new Date(DEMO_REFERENCE_DATE);
let fetchApp: (req: Request) => Response | Promise<Response>;
let key: CryptoKey;

function clientFor(userKey: string): GarClient {
  const u = DEMO_USERS.find((x) => x.key === userKey);
  assert.ok(u);
  const getToken = () =>
    signAssertion(key, DEMO_CREDENTIALS.entSigningKey.privateJwk.kid, {
      iss: u.entId,
      aud: ISSUER,
      sub: u.personId,
      uai: u.schools[0]?.uai,
      iat: Math.floor(now().getTime() / 1000),
    });
  return createGarClient({ baseUrl: ISSUER, getToken, fetch: fetchApp, retry: 0 });
}

before(async () => {
  const store = createMemoryStore();
  await seedDemo(store);
  await store.aggregateHandoffEvents(1_000_000);
  const app = createHttpApp(
    createGarService({
      store,
      issuer: ISSUER,
      clock: { now },
      logger: silentLogger,
    }),
  );
  fetchApp = (req) => app.fetch(req);
  key = await importSigningKey(DEMO_CREDENTIALS.entSigningKey.privateJwk);
});

describe('statistics calls', () => {
  it('a head reads the school statistics, allocations, unused and quality, each as the core schemas say', async () => {
    const head = clientFor('head');
    const uai = DEMO_USERS.find((u) => u.key === 'head')!.schools[0]!.uai;
    const year = schoolStatsSchema.parse(await head.stats.school(uai, { period: '2026-2027', by: 'resource' }));
    assert.equal(year.schoolYear, '2026-2027');
    const month = schoolStatsSchema.parse(await head.stats.school(uai, { period: '2026-09', by: 'profile' }));
    assert.deepEqual(month.table.columns, ['2026-09']);
    allocationStatsSchema.parse(await head.stats.allocations(uai));
    unusedStatsSchema.parse(await head.stats.unused(uai));
    qualitySchema.parse(await head.stats.quality(uai, { month: '2026-09' }));
  });

  it('refusals come back as typed errors with their codes', async () => {
    const uai = DEMO_USERS.find((u) => u.key === 'head')!.schools[0]!.uai;
    await assert.rejects(
      clientFor('pupil').stats.school(uai, { period: '2026-09' }),
      (e: unknown) => e instanceof GarApiError && e.code === 'forbidden' && e.status === 403,
    );
    await assert.rejects(
      clientFor('head').stats.school(uai, { period: '2026-09-01' }),
      (e: unknown) => e instanceof GarApiError && e.code === 'validation',
    );
    await assert.rejects(
      clientFor('head').stats.national({ year: '2026-2027' }),
      (e: unknown) => e instanceof GarApiError && e.status === 401,
    );
  });
});
