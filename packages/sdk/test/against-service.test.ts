// The client against the reference service in process (memory store, demo seed): no network, real routes.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GarApiError, createGarClient, type GarClient } from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_REFERENCE_DATE, DEMO_USERS, seedDemo } from '@opengar/server/demo';
import { importSigningKey, signAssertion } from '../../elements/test/fixtures/sign-assertion.js';

const ISSUER = 'http://opengar.test';
const now = () => new Date(DEMO_REFERENCE_DATE);
let fetchApp: (req: Request) => Response | Promise<Response>;
let key: CryptoKey;

async function assertionFor(userKey: string, iat = Math.floor(now().getTime() / 1000)): Promise<string> {
  const u = DEMO_USERS.find((x) => x.key === userKey);
  assert.ok(u);
  return signAssertion(key, DEMO_CREDENTIALS.entSigningKey.privateJwk.kid, {
    iss: u.entId,
    aud: ISSUER,
    sub: u.personId,
    uai: u.schools[0]?.uai,
    iat,
  });
}

function clientFor(userKey: string): GarClient {
  return createGarClient({ baseUrl: ISSUER, getToken: () => assertionFor(userKey), fetch: fetchApp, retry: 0 });
}

before(async () => {
  const store = createMemoryStore();
  await seedDemo(store);
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

describe('against the reference service', () => {
  it('lists a pupil’s médiacentre and keeps favourites', async () => {
    const client = clientFor('pupil');
    const m = await client.resources();
    assert.equal(m.school.uai, '0561641E');
    assert.ok(m.resources.length > 0);
    const id = m.resources[0]?.id ?? '';
    assert.deepEqual(await client.setFavourites([id]), { resourceIds: [id] });
    assert.deepEqual(await client.favourites(), { resourceIds: [id] });
    const again = await client.resources('0561641E');
    assert.equal(again.resources.find((r) => r.id === id)?.favourite, true);
  });

  it('maps the service’s refusals to typed errors', async () => {
    const client = clientFor('pupil');
    await assert.rejects(
      client.resources('0561622J'),
      (e: unknown) => e instanceof GarApiError && e.status === 403 && e.code === 'forbidden',
    );
    await assert.rejects(
      client.setFavourites(['x', 'x']),
      (e: unknown) => e instanceof GarApiError && e.status === 400 && e.problem.errors !== undefined,
    );
  });

  it('refreshes an expired assertion once and succeeds', async () => {
    const reasons: string[] = [];
    const client = createGarClient({
      baseUrl: ISSUER,
      fetch: fetchApp,
      getToken: ({ reason }) => (
        reasons.push(reason),
        assertionFor('pupil', Math.floor(now().getTime() / 1000) - (reason === 'initial' ? 3600 : 0))
      ),
    });
    const m = await client.resources();
    assert.ok(m.resources.length > 0);
    assert.deepEqual(reasons, ['initial', 'expired']);
  });

  it('lists and creates through the operator API', async () => {
    const admin = createGarClient({
      baseUrl: ISSUER,
      token: DEMO_CREDENTIALS.operatorSecret,
      fetch: fetchApp,
      retry: 0,
    }).admin;
    const ents = await admin.ents.list();
    assert.ok(ents.some((e) => e.id === 'ENT-DEMO'));
    const created = await admin.ents.create({ id: 'ENT-SDK', name: 'ENT of the SDK test' });
    assert.equal(created.id, 'ENT-SDK');
    assert.ok((await admin.ents.list()).some((e) => e.id === 'ENT-SDK'));
    const schools = await admin.schools.list({ query: { entId: 'ENT-DEMO' } });
    assert.ok(schools.length >= 2 && schools.every((s) => s.entId === 'ENT-DEMO'));
    assert.ok((await admin.publishers.list()).every((p) => typeof p.apiKeyCount === 'number'));
    assert.ok((await admin.resources.list()).length > 0);
    await assert.rejects(
      admin.ents.create({ id: 'bad id!', name: '' }),
      (e: unknown) => e instanceof GarApiError && e.code === 'validation',
    );
    const wrong = createGarClient({ baseUrl: ISSUER, token: 'nope', fetch: fetchApp, retry: 0 }).admin;
    await assert.rejects(wrong.ents.list(), (e: unknown) => e instanceof GarApiError && e.status === 401);
  });
});
