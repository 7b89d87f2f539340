// The teacher's calls and the responsables' side of requests, against the reference service on the demo data.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GarApiError, createGarClient, createMediacentreClient, teacherOf } from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_REFERENCE_DATE, DEMO_USERS, seedDemo } from '@opengar/server/demo';
import { importSigningKey, signAssertion } from '../../elements/test/fixtures/sign-assertion.js';

const ISSUER = 'http://opengar.test';
const now = () => new Date(DEMO_REFERENCE_DATE);
let app: ReturnType<typeof createHttpApp>;
let key: CryptoKey;
const kid = DEMO_CREDENTIALS.entSigningKey.privateJwk.kid;
const C = '0561641E';

const client = (userKey: string) => {
  const u = DEMO_USERS.find((x) => x.key === userKey)!;
  return createGarClient({
    baseUrl: ISSUER,
    fetch: (req: Request) => app.fetch(req),
    retry: 0,
    getToken: () =>
      signAssertion(key, kid, {
        iss: u.entId,
        aud: ISSUER,
        sub: u.personId,
        uai: C,
        iat: Math.floor(now().getTime() / 1000),
      }),
  });
};

before(async () => {
  const store = createMemoryStore();
  await seedDemo(store);
  const service = createGarService({ store, issuer: ISSUER, clock: { now }, logger: silentLogger });
  app = createHttpApp(service);
  key = await importSigningKey(DEMO_CREDENTIALS.entSigningKey.privateJwk);
});

describe('client.teacher and the requests of client.console', () => {
  it('a teacher pins for 6e A, the pupil gets the recommendation, the teacher unpins', async () => {
    const teacher = client('teacher').teacher;
    const mine = await teacher.classes(C);
    assert.ok(mine.classes.some((c) => c.code === '6A'));
    const maths = mine.resources.find((r) => r.resourceId === 'ark:/99101/maths-6e');
    assert.ok(maths);
    const pin = await teacher.pin({ uai: C, resourceId: maths.resourceId, groupCodes: ['6A'], until: '2027-06-30' });
    assert.equal(pin.classes[0]?.groupCode, '6A');
    assert.deepEqual(
      (await teacher.pins(C)).map((p) => p.id),
      [pin.id],
    );
    const pupil = DEMO_USERS.find((x) => x.key === 'pupil')!;
    const widget = createMediacentreClient({
      baseUrl: ISSUER,
      fetch: (req: Request) => app.fetch(req),
      retry: 0,
      getToken: () =>
        signAssertion(key, kid, {
          iss: pupil.entId,
          aud: ISSUER,
          sub: pupil.personId,
          uai: C,
          iat: Math.floor(now().getTime() / 1000),
        }),
    });
    const { items } = await widget.recommendations(C);
    assert.equal(items[0]?.resourceId, maths.resourceId);
    // The pupil's client has the teacher's calls on demand, and the service refuses them: the pupil teaches nothing.
    await assert.rejects(teacherOf(widget).classes(C), (e) => e instanceof GarApiError && e.code === 'forbidden');
    await teacher.unpin(C, pin.id);
    assert.deepEqual((await widget.recommendations(C)).items, []);
    const usage = await teacher.usage(C);
    assert.equal(usage.table.columns.length, mine.classes.length);
    await assert.rejects(
      teacher.pin({ uai: C, resourceId: maths.resourceId, groupCodes: ['3A'], until: '2027-06-30' }),
      (e) => e instanceof GarApiError && e.code === 'forbidden',
    );
    assert.throws(() => teacher.classes(''), TypeError);
  });

  it('a teacher requests a resource for 6e A; the head sees it and declines; the teacher reads the answer', async () => {
    const teacher = client('teacher').teacher;
    const r = await teacher.request({ uai: C, resourceId: 'ark:/99303/exos-maths-college', groupCode: '6A' });
    assert.equal(r.status, 'pending');
    const head = client('head').console;
    const list = await head.classRequests(C);
    assert.ok(list.some((x) => x.id === r.id));
    const d = await head.decideClassRequest(C, r.id, { status: 'declined', answer: 'Déjà commandé pour la rentrée' });
    assert.equal(d.status, 'declined');
    assert.deepEqual(
      (await teacher.requests(C)).map((x) => [x.status, x.answer]),
      [['declined', 'Déjà commandé pour la rentrée']],
    );
    await assert.rejects(client('pupil').console.classRequests(C), (e) => e instanceof GarApiError && e.status === 403);
  });
});
