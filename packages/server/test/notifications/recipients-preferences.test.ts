// Who hears of a school's notifications (managers, delegates, librarians for end dates and expiries) and each
// person's e-mail opt-out per group of kinds, over the service and HTTP.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { S1, buildAllocationWorld } from '../allocation/world.js';
import { assertProblem } from '../http/helpers.js';
import { enqueueDigests, recipientsOf } from '../../src/notifications/notify.js';
import { scanAlerts } from '../../src/notifications/scan-alerts.js';
import type { StoredSubscription } from '../../src/store/index.js';
import { ENT, sources, system, world } from '../feeds/world.js';

const AT = '2026-09-01T06:00:00Z';

function sub(id: string, uai: string, over: Partial<StoredSubscription> = {}): StoredSubscription {
  return {
    id,
    distributorId: 'D_0000000000000001',
    resourceId: `ark:/1/${id}`,
    resourceIdType: 'ark',
    resourceLabel: `Titre ${id}`,
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-08-15T21:59:59Z',
    uai,
    category: 'transferable',
    type: 'ETABL',
    licences: { kind: 'global', count: 10 },
    audiences: ['ELEVE'],
    automatic: false,
    createdAt: '2025-08-31T12:00:00Z',
    updatedAt: '2025-08-31T12:00:00Z',
    ...over,
  };
}

async function school() {
  const w = await world({ at: AT });
  const model = generateFeedModel({ schools: 1, pupilsPerSchool: 10 });
  await w.service.feeds.import(system, ENT, sources([...feedFiles(model)]));
  const uai = model.schools[0]!.uai;
  const user = (personId: string) => ({ kind: 'ent-user' as const, entId: ENT, personId });
  const head = user(`${uai}-dir-0000`);
  const teacher = user(`${uai}-ens-0000`);
  const librarian = user(`${uai}-doc-0000`);
  await w.service.allocation.delegate(head, uai, { delegateId: teacher.personId });
  // Ends in 7 days, ended 3 days ago, and a new one with too few copies.
  await w.store.insertSubscription(sub('ENDING', uai, { validUntil: '2026-09-06T21:59:59Z' }));
  await w.store.insertSubscription(sub('GONE', uai, { validUntil: '2026-08-29T21:59:59Z' }));
  await w.store.insertSubscription(sub('NEW', uai, { createdAt: '2026-08-31T12:00:00Z' }));
  return { ...w, uai, head, teacher, librarian };
}

const kinds = async (w: Awaited<ReturnType<typeof school>>, who: { personId: string }) =>
  (await w.store.listNotifications({ uai: w.uai, recipientId: who.personId, limit: 100 })).map((n) => n.kind).sort();

describe('recipients and preferences of notifications', () => {
  test('delegates hear everything like managers; librarians hear end dates and expiries only', async () => {
    const w = await school();
    assert.deepEqual(
      (await w.store.transaction((tx) => recipientsOf(tx, w.uai, 'subscription.new'))).map((r) => r.personId),
      [w.head.personId, w.teacher.personId],
    );
    await scanAlerts(w.store, { at: new Date(AT), mode: 'digest' });
    const all = ['subscription.ending', 'subscription.expired', 'subscription.new'];
    assert.deepEqual(await kinds(w, w.head), all);
    assert.deepEqual(await kinds(w, w.teacher), all);
    assert.deepEqual(await kinds(w, w.librarian), ['subscription.ending', 'subscription.expired']);
    // The librarian reads them in the console, in words.
    const items = await w.service.notifications.list(w.librarian, w.uai, { lang: 'fr' });
    assert.match(items.find((n) => n.kind === 'subscription.expired')!.text, /a pris fin le 29 août 2026\u00a0:/);
    // An expiry is told once.
    assert.equal(await scanAlerts(w.store, { at: new Date(AT), mode: 'digest' }), 0);
  });

  test('preferences: defaults, saved per person, validated; an opt-out keeps the console but drops the e-mail', async () => {
    const w = await school();
    const p = w.service.notifications;
    assert.deepEqual(await p.preferences(w.head, w.uai), { email: { subscriptions: true, copies: true, feeds: true } });
    const off = { email: { subscriptions: false, copies: true, feeds: true } };
    assert.deepEqual(await p.setPreferences(w.head, w.uai, off), off);
    assert.deepEqual(await p.preferences(w.head, w.uai), off);
    assert.deepEqual((await p.preferences(w.teacher, w.uai)).email.subscriptions, true, 'each person their own');
    await assert.rejects(p.setPreferences(w.head, w.uai, { email: { subscriptions: 'no' } }), { code: 'validation' });
    const pupil = { kind: 'ent-user' as const, entId: ENT, personId: `${w.uai}-elv-000001` };
    await assert.rejects(p.preferences(pupil, w.uai), { code: 'forbidden' });
    await assert.rejects(p.setPreferences(pupil, w.uai, off), { code: 'forbidden' });

    await scanAlerts(w.store, { at: new Date(AT), mode: 'immediate' });
    const headMail = `ce.${w.uai.toLowerCase()}@ac-test.invalid`;
    const outbox = await w.store.listOutbox({ uai: w.uai });
    assert.equal(outbox.filter((m) => m.to === headMail).length, 0, 'the head turned subscription e-mails off');
    assert.equal((await kinds(w, w.head)).length, 3, 'the console still has them');
  });

  test('digests leave out the kinds a person turned off, and never send them later', async () => {
    const w = await school();
    await w.service.notifications.setPreferences(w.head, w.uai, {
      email: { subscriptions: false, copies: true, feeds: true },
    });
    await scanAlerts(w.store, { at: new Date(AT), mode: 'digest' });
    await w.store.transaction((tx) => enqueueDigests(tx, { at: new Date(AT) }));
    const headMail = `ce.${w.uai.toLowerCase()}@ac-test.invalid`;
    assert.equal((await w.store.listOutbox({ uai: w.uai })).filter((m) => m.to === headMail).length, 0);
    await w.service.notifications.setPreferences(w.head, w.uai, {
      email: { subscriptions: true, copies: true, feeds: true },
    });
    await w.store.transaction((tx) => enqueueDigests(tx, { at: new Date(AT) }));
    assert.equal((await w.store.listOutbox({ uai: w.uai })).filter((m) => m.to === headMail).length, 0);
  });

  test('over HTTP: GET and PUT /api/v1/schools/{uai}/notification-preferences, problems for bad input', async () => {
    const w = await buildAllocationWorld({ pupils: 0 });
    const headers = {
      authorization: `Bearer ${await w.assertion({ sub: 'doc-a', uai: S1 })}`,
      'content-type': 'application/json',
    };
    const url = `/api/v1/schools/${S1}/notification-preferences`;
    const got = await w.app.request(url, { headers });
    assert.equal(got.status, 200);
    assert.deepEqual(await got.json(), { email: { subscriptions: true, copies: true, feeds: true } });
    const body = { email: { subscriptions: false, copies: false, feeds: true } };
    const put = await w.app.request(url, { method: 'PUT', headers, body: JSON.stringify(body) });
    assert.equal(put.status, 200);
    assert.deepEqual(await put.json(), body);
    assert.deepEqual(await (await w.app.request(url, { headers })).json(), body);
    await assertProblem(await w.app.request(url, { method: 'PUT', headers, body: JSON.stringify({ email: {} }) }), 400);
    const pupil = { authorization: `Bearer ${await w.assertion({ sub: 'eleve-a', uai: S1 })}` };
    await assertProblem(await w.app.request(url, { headers: pupil }), 403, 'forbidden');
  });
});
