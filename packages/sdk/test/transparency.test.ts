// The SDK's « données transmises » and data-protection calls against the reference service in process (demo data).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GarApiError, createGarClient } from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_ENT_ID, DEMO_REFERENCE_DATE, DEMO_USERS, seedDemo } from '@opengar/server/demo';
import { importSigningKey, signAssertion } from '../../elements/test/fixtures/sign-assertion.js';

const ISSUER = 'http://opengar.test';
const now = () => new Date(DEMO_REFERENCE_DATE);
let app: ReturnType<typeof createHttpApp>;
let key: CryptoKey;
const kid = DEMO_CREDENTIALS.entSigningKey.privateJwk.kid;

const clientOf = (userKey: string) => {
  const u = DEMO_USERS.find((x) => x.key === userKey);
  assert.ok(u);
  return createGarClient({
    baseUrl: ISSUER,
    fetch: (req: Request) => app.fetch(req),
    retry: 0,
    getToken: () =>
      signAssertion(key, kid, {
        iss: u.entId,
        aud: ISSUER,
        sub: u.personId,
        uai: u.schools[0]?.uai,
        iat: Math.floor(now().getTime() / 1000),
      }),
  });
};

before(async () => {
  const store = createMemoryStore();
  await seedDemo(store);
  const service = createGarService({
    store,
    issuer: ISSUER,
    pseudonymSecret: 'sdk-test-pseudonym-secret-0001-0123456789',
    statisticsSecret: 'sdk-test-statistics-secret-0001',
    clock: { now },
    logger: silentLogger,
  });
  app = createHttpApp(service);
  key = await importSigningKey(DEMO_CREDENTIALS.entSigningKey.privateJwk);
});

describe('« données transmises » and data protection through the SDK', () => {
  it('a pupil reads what a resource of their médiacentre receives, in tu; a head reads it per resource', async () => {
    const pupil = clientOf('pupil');
    const { resources, school } = await pupil.resources();
    const first = resources[0];
    assert.ok(first);
    const data = await pupil.releasedData(first.id, school.uai);
    assert.equal(data.address, 'tu');
    assert.equal(data.attributes[0], 'IDO');
    const head = clientOf('head');
    const perResource = await head.console.releasedData(school.uai);
    assert.ok(perResource.resources.some((r) => r.resourceId === first.id));
    await assert.rejects(pupil.console.releasedData(school.uai), (e) => e instanceof GarApiError && e.status === 403);
  });

  it('the operator exports a person, as JSON and as a page, then erases them with the report', async () => {
    const operator = createGarClient({
      baseUrl: ISSUER,
      token: DEMO_CREDENTIALS.operatorSecret,
      fetch: (req: Request) => app.fetch(req),
      retry: 0,
    });
    const u = DEMO_USERS.find((x) => x.key === 'pupil');
    assert.ok(u);
    const data = (await operator.admin.personData(DEMO_ENT_ID, u.personId)) as { tables: { rows: unknown[] }[] };
    assert.ok(data.tables.some((t) => t.rows.length > 0));
    const page = await operator.admin.personData(DEMO_ENT_ID, u.personId, { format: 'html', lang: 'en' });
    assert.match(String(page), /^<!doctype html>/);
    const report = (await operator.admin.erasePersonWithReport(DEMO_ENT_ID, u.personId)) as { pseudonym: string };
    assert.match(report.pseudonym, /^erased:/);
    await assert.rejects(
      clientOf('head').admin.personData(DEMO_ENT_ID, u.personId),
      (e) => e instanceof GarApiError && e.status === 401,
    );
  });
});
