// Every route of the service's OpenAPI document has an SDK method (the GAR wire formats, the browser's hand-off and
// the probes aside), and the methods added for the console's year, the operator, publishers and ENT back ends work
// against the reference service in process.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  GarApiError,
  createEntClient,
  createGarClient,
  createMediacentreClient,
  createPublisherClient,
} from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_ENT_ID, DEMO_REFERENCE_DATE, DEMO_USERS, seedDemo } from '@opengar/server/demo';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { importSigningKey, signAssertion } from '../../elements/test/fixtures/sign-assertion.js';

const ISSUER = 'http://opengar.test';
const now = () => new Date(DEMO_REFERENCE_DATE);
const seconds = () => Math.floor(now().getTime() / 1000);
let app: ReturnType<typeof createHttpApp>;
let key: CryptoKey;
const kid = DEMO_CREDENTIALS.entSigningKey.privateJwk.kid;

// Routes a client library has no business calling: GAR's own wire formats (their clients exist), the browser's
// hand-off and CAS (forms and redirects, see `submitLaunchForm`), key discovery (`@opengar/verifier`) and probes.
const NOT_FOR_THE_SDK = new Set([
  'Subscription web service (GAR XML)',
  'GAR-compatible',
  'Hand-off',
  'CAS',
  'Keys and metadata',
  'System',
]);

const fetchApp = (req: Request) => app.fetch(req);
const userToken = (userKey: string) => async () => {
  const u = DEMO_USERS.find((x) => x.key === userKey);
  assert.ok(u);
  return signAssertion(key, kid, {
    iss: u.entId,
    aud: ISSUER,
    sub: u.personId,
    uai: u.schools[0]?.uai,
    iat: seconds(),
  });
};

before(async () => {
  const store = createMemoryStore();
  await seedDemo(store);
  const service = createGarService({
    store,
    issuer: ISSUER,
    pseudonymSecret: 'sdk-test-pseudonym-secret-0001-0123456789',
    clock: { now },
    logger: silentLogger,
  });
  app = createHttpApp(service);
  key = await importSigningKey(DEMO_CREDENTIALS.entSigningKey.privateJwk);
});

describe('the SDK covers the service', () => {
  it('has a method for every route of the OpenAPI document', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !(op.tags ?? []).some((t) => NOT_FOR_THE_SDK.has(t)))
        .map(([method, _]) => ({
          name: `${method.toUpperCase()} ${path}`,
          pattern: new RegExp(`^${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        })),
    );
    assert.ok(routes.length > 40, `${routes.length} routes`);
    const sent: string[] = [];
    const recording = (req: Request) => {
      sent.push(`${req.method} ${new URL(req.url).pathname}`);
      return new Response(null, { status: 503 });
    };
    const options = { baseUrl: ISSUER, token: 'x', fetch: recording, retry: 0 };
    const clients = {
      gar: createGarClient(options),
      mediacentre: createMediacentreClient(options),
      publisher: createPublisherClient(options),
      ent: createEntClient(options),
    };
    // Each method is called with the first argument list it accepts (an id, an object with an id, files…): what is
    // counted is the request it sends, whatever the (refused) answer.
    const tries: unknown[][] = [
      [],
      ['0561641E'],
      ['0561641E', 'ID-1'],
      ['0561641E', 'ID-1', 'ID-2'],
      [{ id: 'ID-1', subscriptionId: 'ID-1' }],
      [[{ name: 'ENT_Eleve_0000.xml', content: '<x/>' }]],
      ['0561641E', { period: '2026-2027', year: '2026-2027' }],
      [{ year: '2026-2027' }],
      ['ID-1', {}],
    ];
    const visit = async (group: object, path: string): Promise<void> => {
      for (const [name, value] of Object.entries(group)) {
        if (name === 'send' || name === 'launchForm') continue;
        if (typeof value === 'function') {
          for (const args of tries) {
            const before = sent.length;
            try {
              await value(...args);
            } catch {}
            if (sent.length > before) break;
          }
        } else if (value && typeof value === 'object') await visit(value, `${path}.${name}`);
      }
    };
    for (const [name, client] of Object.entries(clients)) await visit(client, name);
    const missing = routes.filter((r) => !sent.some((s) => r.pattern.test(s))).map((r) => r.name);
    assert.deepEqual(missing, [], 'routes without an SDK method');
  });
});

describe('the methods of the console’s year, the operator, publishers and ENT back ends', () => {
  it('operator: gets and updates a registry record, previews the rollover', async () => {
    const admin = createGarClient({
      baseUrl: ISSUER,
      token: DEMO_CREDENTIALS.operatorSecret,
      fetch: fetchApp,
      retry: 0,
    }).admin;
    const ent = await admin.ents.get(DEMO_ENT_ID);
    assert.equal(ent.id, DEMO_ENT_ID);
    const updated = await admin.ents.update(DEMO_ENT_ID, { ...ent, name: 'ENT de démonstration (renommé)' });
    assert.equal(updated.name, 'ENT de démonstration (renommé)');
    await assert.rejects(admin.schools.get('0000000X'), (e) => e instanceof GarApiError && e.status === 404);
    const outcomes = await admin.rollover('2027-2028');
    assert.ok(outcomes.length >= 2 && outcomes.every((o) => o.preview === true));
    assert.throws(() => admin.ents.get(''), TypeError);
  });

  it('publisher: creates, reads, updates, lists and deletes its subscription; another key is refused', async () => {
    const publisher = createPublisherClient({
      baseUrl: ISSUER,
      token: DEMO_CREDENTIALS.publisherApiKeys['editions-horizon'],
      fetch: fetchApp,
      retry: 0,
    });
    const [existing] = (await publisher.subscriptions.list({ limit: 1 })).items;
    assert.ok(existing);
    const copy = { ...existing.subscription, id: 'SDK-TEST-0001' };
    const created = await publisher.subscriptions.create(copy);
    assert.equal(created.subscription.id, 'SDK-TEST-0001');
    assert.equal((await publisher.subscriptions.get('SDK-TEST-0001')).subscription.id, 'SDK-TEST-0001');
    await publisher.subscriptions.update({ ...copy, comment: 'mis à jour' });
    assert.equal((await publisher.subscriptions.get('SDK-TEST-0001')).subscription.comment, 'mis à jour');
    await assert.rejects(publisher.subscriptions.create(copy), (e) => e instanceof GarApiError && e.status === 409);
    assert.ok((await publisher.schools()).length > 0);
    assert.ok(Array.isArray(await publisher.allocationCounts({ subscriptionId: existing.subscription.id })));
    assert.equal(await publisher.subscriptions.delete('SDK-TEST-0001'), undefined);
    await assert.rejects(
      publisher.subscriptions.get('SDK-TEST-0001'),
      (e) => e instanceof GarApiError && e.status === 404,
    );
    const stranger = createPublisherClient({ baseUrl: ISSUER, token: 'not-a-key', fetch: fetchApp, retry: 0 });
    await assert.rejects(stranger.schools(), (e) => e instanceof GarApiError && e.status === 401);
  });

  it('ENT back end: uploads a feed; its head reads the sync report (JSON, CSV), notifications and the rollover preview', async () => {
    const url = `${ISSUER}/api/v1/ent/feeds`;
    const ent = createEntClient({
      baseUrl: ISSUER,
      getToken: () =>
        signAssertion(key, kid, { iss: DEMO_ENT_ID, sub: DEMO_ENT_ID, aud: url, iat: seconds(), lifetime: 60 }),
      fetch: fetchApp,
      retry: 0,
    });
    const model = generateFeedModel({ entId: DEMO_ENT_ID, schools: 1, pupilsPerSchool: 12 });
    const files = [...feedFiles(model)].map((f) => ({ name: f.name, content: f.text }));
    const run = await ent.uploadFeed(files);
    assert.equal(run.status, 'applied');
    await assert.rejects(
      ent.uploadFeed([{ name: 'ENT_Eleve_0000.xml', content: '<not-a-feed' }]),
      (e) => e instanceof GarApiError && e.status >= 400 && e.status < 500,
    );
    assert.throws(() => ent.uploadFeed([]), TypeError);

    const uai = model.schools[0]!.uai;
    const head = `${uai}-dir-0000`;
    const client = createGarClient({
      baseUrl: ISSUER,
      fetch: fetchApp,
      retry: 0,
      getToken: () => signAssertion(key, kid, { iss: DEMO_ENT_ID, aud: ISSUER, sub: head, uai, iat: seconds() }),
    });
    const report = await client.console.syncReport(uai);
    assert.equal(report.counts.National_elv, 12);
    assert.match(await client.console.syncReportCsv(uai), /^section;item;value\r\n/);
    // The refused upload above told the school's managers.
    const [refused] = await client.console.notifications(uai, { unread: true });
    assert.equal(refused?.kind, 'feed.problems');
    assert.match(refused.text, /refusé/);
    assert.equal(await client.console.markNotificationRead(uai, refused.id), undefined);
    assert.deepEqual(await client.console.notifications(uai, { unread: true }), []);
    await assert.rejects(
      client.console.markNotificationRead(uai, 'nope'),
      (e) => e instanceof GarApiError && e.status === 404,
    );
    const preview = await client.console.rollover(uai, '2027-2028');
    assert.equal(preview.preview, true);
    // Notification preferences: everything on, then e-mail off for feeds; a malformed body is refused.
    assert.deepEqual(await client.console.notificationPreferences(uai), {
      email: { subscriptions: true, copies: true, feeds: true },
    });
    const quiet = { email: { subscriptions: true, copies: true, feeds: false } };
    assert.deepEqual(await client.console.setNotificationPreferences(uai, quiet), quiet);
    assert.deepEqual(await client.console.notificationPreferences(uai), quiet);
    await assert.rejects(
      client.console.setNotificationPreferences(uai, { email: {} } as never),
      (e) => e instanceof GarApiError && e.status === 400,
    );
    const pupil = createGarClient({ baseUrl: ISSUER, fetch: fetchApp, retry: 0, getToken: userToken('pupil') });
    await assert.rejects(pupil.console.syncReport('0561641E'), (e) => e instanceof GarApiError && e.status === 403);
  });
});
