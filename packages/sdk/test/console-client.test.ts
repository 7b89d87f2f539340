// The console group against the reference service in process (memory store, demo seed): every /api/v1/schools route.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GarApiError, createGarClient, type GarClient } from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS } from '../../server/src/seed/demo-credentials.js';
import { DEMO_REFERENCE_DATE } from '../../server/src/seed/demo-data-set.js';
import { DEMO_USERS } from '../../server/src/seed/demo-users.js';
import { seedDemo } from '../../server/src/seed/seed-demo.js';
import { importSigningKey, signAssertion } from '../../elements/test/fixtures/sign-assertion.js';

const ISSUER = 'http://opengar.test';
const C = '0561641E';
const MATHS = 'maths-6e_0561641E_2026';
const HISTORY = 'histoire-geo-3e_0561641E_2026';
const now = () => new Date(DEMO_REFERENCE_DATE);
let fetchApp: (req: Request) => Response | Promise<Response>;
let key: CryptoKey;
const seen: string[] = [];

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

const rejectsWith = (p: Promise<unknown>, code: string) =>
  assert.rejects(p, (e: unknown) => e instanceof GarApiError && e.code === code);

before(async () => {
  const store = createMemoryStore();
  await seedDemo(store);
  const app = createHttpApp(
    createGarService({
      store,
      issuer: ISSUER,
      pseudonymSecret: 'sdk-test-pseudonym-secret-0001',
      clock: { now },
      logger: silentLogger,
    }),
  );
  fetchApp = (req) => {
    const url = new URL(req.url);
    seen.push(`${req.method} ${url.pathname}${url.search}`);
    return app.fetch(req);
  };
  key = await importSigningKey(DEMO_CREDENTIALS.entSigningKey.privateJwk);
});

describe('client.console against the reference service', () => {
  it('lists schools, subscriptions with usage, allocations, the directory and the dashboard', async () => {
    const c = clientFor('head').console;
    assert.deepEqual(
      (await c.schools()).map((s) => [s.uai, s.role]),
      [[C, 'manager']],
    );
    const subs = await c.subscriptions(C);
    const maths = subs.find((s) => s.subscription.id === MATHS);
    assert.deepEqual(maths?.usage, [{ pool: 'GLOBAL', licences: 140, used: 86, remaining: 54 }]);
    const allocations = await c.allocations(C, { subscriptionId: MATHS });
    assert.ok(allocations.length > 0 && allocations.every((a) => a.subscriptionId === MATHS));
    const dir = await c.directory(C, { search: '6e a', kind: 'division' });
    assert.deepEqual(
      dir.groups.map((g) => g.code),
      ['6A'],
    );
    const page = await c.directory(C, { kind: 'person', offset: 10, limit: 7 });
    assert.equal(page.people.length, 7);
    assert.ok(seen.some((s) => s.includes('/directory?') && s.includes('offset=10') && s.includes('limit=7')));
    assert.ok(!seen.some((s) => s.includes('undefined')), 'unset parameters are left out');
    const d = await c.dashboard(C);
    assert.equal(d.uai, C);
    assert.ok(d.endingSoon.length > 0);
  });

  it('accepts the dashboard’s suggestions (none left: every subscription of the collège is allocated)', async () => {
    const c = clientFor('head').console;
    assert.deepEqual((await c.dashboard(C)).suggestions, []);
    assert.deepEqual(await c.acceptSuggestions(C), { items: [] });
    await assert.rejects(
      c.acceptSuggestions(C, { subscriptionId: 'nope' }),
      (e: unknown) => e instanceof GarApiError && e.code === 'not-found',
    );
  });

  it('previews, allocates, refuses with the remaining count, withdraws and undoes', async () => {
    const c = clientFor('head').console;
    const pupils = (await c.directory(C, { kind: 'person', audience: 'ELEVE', limit: 200 })).people.filter(
      (p) => !p.subscriptionIds.includes(MATHS),
    );
    const two = pupils.slice(0, 2).map((p) => ({ kind: 'person' as const, personId: p.id }));
    const preview = await c.preview(C, { subscriptionId: MATHS, targets: two });
    assert.deepEqual(preview.consumption, [{ pool: 'GLOBAL', count: 2, remaining: 54 }]);
    const done = await c.allocate(C, { subscriptionId: MATHS, targets: two });
    assert.deepEqual(done.granted.sort(), two.map((t) => t.personId).sort());
    const holders = await c.directory(C, { holding: MATHS, search: pupils[0]!.lastName });
    assert.ok(
      holders.people.some((p) => p.id === two[0]!.personId),
      'the new holder is listed among the holders',
    );
    const usage = (await c.subscriptions(C)).find((s) => s.subscription.id === MATHS)?.usage[0];
    assert.equal(usage?.used, 88);

    const refusal = await c.preview(C, { subscriptionId: HISTORY, targets: [{ kind: 'division', code: '6A' }] });
    assert.equal(refusal.refusal?.code, 'insufficient-licences');
    await assert.rejects(
      c.allocate(C, { subscriptionId: HISTORY, targets: [{ kind: 'division', code: '6A' }] }),
      (e: unknown) => e instanceof GarApiError && e.code === 'insufficient-licences' && e.problem['remaining'] === 4,
    );

    const out = await c.withdraw(C, { subscriptionId: MATHS, personIds: [two[0]!.personId] });
    assert.deepEqual(out.released, [two[0]!.personId]);
    const trail = await c.audit(C, { limit: 5 });
    assert.equal(trail.items.length, 5);
    assert.ok(trail.next, 'a further page');
    const entry = trail.items.find((e) => e.id === out.auditId);
    assert.equal(entry?.undoable, true);
    assert.deepEqual(entry?.took, { ELEVE: 1 });
    const second = await c.audit(C, { limit: 5, cursor: trail.next });
    assert.ok(
      second.items.every((e) => !trail.items.some((f) => f.id === e.id)),
      'the next page follows',
    );
    const mine = await c.audit(C, { subscriptionId: MATHS, target: `person:${two[0]!.personId}` });
    assert.ok(mine.items.some((e) => e.id === out.auditId));
    assert.ok(mine.items.every((e) => e.targets.some((t) => t.key === `person:${two[0]!.personId}`)));
    const plan = await c.undoPreview(C, out.auditId);
    assert.equal(plan.possible, true);
    assert.deepEqual(plan.gave, { ELEVE: 1 });
    const csv = await c.auditCsv(C, { subscriptionId: MATHS });
    assert.match(csv, /^\uFEFF?Date;Auteur;Action;/);
    assert.match(csv, /;Retrait;/);
    await rejectsWith(c.audit(C, { cursor: 'nope' }), 'validation');
    await c.undo(C, out.auditId);
    const after = await c.directory(C, { personIds: two[0]!.personId });
    assert.ok(after.people[0]?.subscriptionIds.includes(MATHS), 'the undo gave the copy back');
  });

  it('delegates and revokes; a delegate sees only their school; a pupil is refused', async () => {
    const head = clientFor('head').console;
    const teacher = clientFor('teacher').console;
    assert.deepEqual(await teacher.schools(), []);
    await rejectsWith(teacher.subscriptions(C), 'forbidden');
    const granted = await head.delegate(C, 'ens-001');
    assert.equal(granted.delegateId, 'ens-001');
    assert.deepEqual(
      (await teacher.schools()).map((s) => [s.uai, s.role]),
      [[C, 'delegate']],
    );
    assert.ok((await head.delegations(C)).some((d) => d.delegateId === 'ens-001' && d.revokedAt === undefined));
    await head.revokeDelegation(C, 'ens-001');
    await rejectsWith(teacher.subscriptions(C), 'forbidden');
    const delegate = clientFor('delegate').console;
    assert.deepEqual(
      (await delegate.schools()).map((s) => s.role),
      ['delegate'],
    );
    await rejectsWith(delegate.delegate(C, 'ens-001'), 'forbidden');
    await rejectsWith(clientFor('pupil').console.dashboard(C), 'forbidden');
    await assert.rejects(head.subscriptions(''), TypeError);
  });
});
