import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { enqueueDigests } from '../../src/notifications/notify.js';
import { scanAlerts, type StaleFeed } from '../../src/notifications/scan-alerts.js';
import { escapeHtml } from '../../src/http/escape-html.js';
import { renderNotificationMail } from '../../src/notifications/templates.js';
import type { StoredSubscription } from '../../src/store/index.js';
import { TestClock } from '../helpers/clock.js';
import { sources } from '../feeds/feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system, subscription, PUPILS_ETABL } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

/** What this file's subscriptions share: ETABL for pupils, new on 31 August 2026, 10 licences. */
const SCHOOL_ORDER = {
  ...PUPILS_ETABL,
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2027-08-15T21:59:59Z',
  licences: { kind: 'global', count: 10 },
  createdAt: '2026-08-31T12:00:00Z',
  updatedAt: '2026-08-31T12:00:00Z',
} satisfies Partial<StoredSubscription>;

async function school() {
  const w = await buildWorld({ data: 'feed', clock: new TestClock('2026-09-01T06:00:00Z') });
  const model = generateFeedModel({ schools: 1, pupilsPerSchool: 20 });
  await w.service.feeds.import(system, ENT, sources([...feedFiles(model)]));
  const uai = model.schools[0]!.uai;
  return { ...w, uai, head: { kind: 'ent-user' as const, entId: ENT, personId: `${uai}-dir-0000` } };
}

describe('templates', () => {
  test('French and English, text and HTML, everything escaped, one link to the console', () => {
    for (const lang of ['fr', 'en'] as const) {
      const mail = renderNotificationMail(
        lang,
        '0561641E',
        [
          {
            kind: 'subscription.new',
            data: { subscriptionId: 'ABO"1', resourceLabel: '<script>alert(1)</script>', type: 'ETABL' },
          },
        ],
        'https://gar.test/console',
      );
      assert.ok(!mail.html.includes('<script>'));
      assert.ok(mail.html.includes(escapeHtml('<script>alert(1)</script>')));
      assert.ok(mail.text.includes('<script>alert(1)</script>'), 'plain text carries the text as is');
      assert.ok(mail.html.includes('href="https://gar.test/console?uai=0561641E"'));
      assert.ok(!/[\r\n]/.test(mail.subject));
    }
    assert.match(
      renderNotificationMail('fr', 'X', [{ kind: 'subscription.ending', data: { days: 7 } }], '/c').subject,
      /bientôt terminé/,
    );
    assert.match(
      renderNotificationMail('en', 'X', [{ kind: 'subscription.ending', data: { days: 7 } }], '/c').subject,
      /ending soon/,
    );
  });
});

describe('templates: French typography and agreement', () => {
  test('non-breaking spaces before : ; and inside « », the apostrophe ’, dates in words, singular and plural', () => {
    const at = { resourceLabel: 'Maths', subscriptionId: 'ABO-1' };
    const fr = renderNotificationMail(
      'fr',
      '0561641E',
      [
        { kind: 'subscription.ending', data: { ...at, days: 30, validUntil: '2026-12-27T22:59:59Z' } },
        { kind: 'copies.running-out', data: { ...at, remaining: 1, total: 115 } },
        { kind: 'feed.problems', data: { problemCount: 3 } },
      ],
      'https://gar.test/console',
      { at: new Date('2026-11-27T10:00:00Z') },
    );
    assert.match(fr.subject, /^GAR · UAI 0561641E[\u00a0\u202f]: 3\u00a0notifications$/);
    assert.match(fr.text, /L’abonnement à «\u00a0Maths\u00a0» se termine dans 30\u00a0jours, le 27 décembre 2026\./);
    assert.match(fr.text, /1\u00a0disponible sur 115/);
    assert.match(fr.text, /\(3\u00a0problèmes\)\. Rien n’a été modifié[\u00a0\u202f]; contactez/);
    assert.match(fr.text, /Ouvrir la console d’affectation\u00a0: https:\/\/gar\.test\/console\?uai=0561641E/);
    for (const bad of [/\(s\)/, /'/, / [:;!?]/, /« | »/, /\d{4}-\d\d-\d\d/]) assert.doesNotMatch(fr.text, bad);
    const en = renderNotificationMail(
      'en',
      'X',
      [{ kind: 'subscription.ending', data: { ...at, days: 1, validUntil: '2026-12-27T22:59:59Z' } }],
      '/c',
      { at: new Date('2026-12-26T10:00:00Z') },
    );
    assert.match(en.text, /ends tomorrow, on 27 December 2026\./);
    assert.equal(renderNotificationMail('en', 'X', [], '/c').subject, 'GAR · UAI X: 0 notifications');
  });
});

describe('alerts, console notifications and e-mails', () => {
  test('immediate mode: each event is notified once to each manager, in the console and in the outbox', async () => {
    const { store, uai, service, head, clock } = await school();
    await store.insertSubscription(
      subscription({
        ...SCHOOL_ORDER,
        id: 'NEW',
        uai,
        resourceId: 'ark:/1/NEW',
        resourceLabel: 'Manuel <b>NEW</b> & co',
      }),
    );
    await store.insertSubscription(
      subscription({
        ...SCHOOL_ORDER,
        id: 'ENDING',
        uai,
        resourceId: 'ark:/1/ENDING',
        resourceLabel: 'Manuel <b>ENDING</b> & co',
        createdAt: '2025-09-01T00:00:00Z',
        validUntil: '2026-09-06T21:59:59Z',
      }),
    );
    await store.insertSubscription(
      subscription({
        ...SCHOOL_ORDER,
        id: 'OVER',
        uai,
        resourceId: 'ark:/1/OVER',
        resourceLabel: 'Manuel <b>OVER</b> & co',
        createdAt: '2025-09-01T00:00:00Z',
        licences: { kind: 'global', count: 1 },
      }),
    );
    const people = (await store.listPeople({ uai, audience: 'ELEVE', limit: 3 })).map((p) => p.id);
    await store.insertAllocation({
      id: 'a',
      subscriptionId: 'OVER',
      uai,
      target: { kind: 'audience', audience: 'ELEVE' },
      createdAt: '2025-10-01T00:00:00Z',
      createdBy: 'head',
    });
    await store.insertCopies(
      people.slice(0, 2).map((personId) => ({
        subscriptionId: 'OVER',
        uai,
        personId,
        audience: 'ELEVE' as const,
        allocationId: 'a',
        assignedAt: '2025-10-01T00:00:00Z',
      })),
    );
    const added = await scanAlerts(store, {
      at: clock.now(),
      mode: 'immediate',
      consoleUrl: 'https://gar.test/console',
    });
    assert.equal(
      added,
      4,
      'new, ending in 7 days, over-allocated to one manager (the head, also RespAff); the end also to the librarian',
    );
    assert.equal(await scanAlerts(store, { at: clock.now(), mode: 'immediate' }), 0, 'each event once');
    const mails = (await store.listOutbox({ uai })).filter((m) => m.to === `ce.${uai.toLowerCase()}@ac-test.invalid`);
    assert.equal(mails.length, 3);
    assert.ok(mails.some((m) => m.html.includes('&lt;b&gt;NEW&lt;/b&gt;')));
    const items = await service.notifications.list(head, uai, { lang: 'en' });
    assert.deepEqual(items.map((n) => n.kind).sort(), [
      'subscription.ending',
      'subscription.new',
      'subscription.over-allocated',
    ]);
    assert.match(items.find((n) => n.kind === 'subscription.ending')!.text, /ends in 5 days, on 6 September 2026/);
    await service.notifications.markRead(head, uai, items[0]!.id);
    assert.equal((await service.notifications.list(head, uai, { unreadOnly: true })).length, 2);
    await assert.rejects(
      service.notifications.markRead(head, uai, 'nope'),
      (e: { code?: string }) => e.code === 'not-found',
    );
    await assert.rejects(
      service.notifications.list({ kind: 'ent-user', entId: ENT, personId: `${uai}-elv-000001` }, uai),
      (e: { code?: string }) => e.code === 'forbidden',
    );
  });

  test('digest mode: one e-mail per manager with every pending notification; running it again sends nothing new', async () => {
    const { store, uai, clock } = await school();
    await store.insertSubscription(
      subscription({
        ...SCHOOL_ORDER,
        id: 'NEW1',
        uai,
        resourceId: 'ark:/1/NEW1',
        resourceLabel: 'Manuel <b>NEW1</b> & co',
      }),
    );
    await store.insertSubscription(
      subscription({
        ...SCHOOL_ORDER,
        id: 'NEW2',
        uai,
        resourceId: 'ark:/1/NEW2',
        resourceLabel: 'Manuel <b>NEW2</b> & co',
      }),
    );
    assert.equal(await scanAlerts(store, { at: clock.now(), mode: 'digest' }), 2);
    assert.deepEqual(await store.listOutbox({}), []);
    assert.equal(await store.transaction((tx) => enqueueDigests(tx, { at: clock.now(), lang: 'fr' })), 1);
    assert.equal(await store.transaction((tx) => enqueueDigests(tx, { at: clock.now() })), 0);
    const [digest] = await store.listOutbox({});
    assert.match(digest!.subject, /Collège .+ \(UAI \w+\)\s:\s2\snotifications$/);
    assert.ok(digest!.text.includes('NEW1') && digest!.text.includes('NEW2'));
  });

  test("e-mails link to the console URL the school's ENT registered, with the school; else to the service's", async () => {
    const { store, uai, clock } = await school();
    await store.insertSubscription(subscription({ ...SCHOOL_ORDER, id: 'NEW1', uai, resourceId: 'ark:/1/NEW1' }));
    const ent = (await store.getEnt(ENT))!;
    await store.putEnt({ ...ent, consoleUrl: 'https://ent.test/gar/console?tab=dashboard' });
    assert.equal(
      await scanAlerts(store, { at: clock.now(), mode: 'immediate', consoleUrl: 'https://gar.test/console' }),
      1,
    );
    const [immediate] = await store.listOutbox({ uai });
    assert.ok(immediate!.html.includes(`href="https://ent.test/gar/console?tab=dashboard&amp;uai=${uai}"`));
    assert.ok(!immediate!.text.includes('gar.test/console'));

    // Without a registered console URL, the service's own (digest mode this time).
    const other = await school();
    await other.store.insertSubscription(
      subscription({ ...SCHOOL_ORDER, id: 'NEW2', uai: other.uai, resourceId: 'ark:/1/NEW2' }),
    );
    assert.equal(await scanAlerts(other.store, { at: other.clock.now(), mode: 'digest' }), 1);
    await other.store.transaction((tx) =>
      enqueueDigests(tx, { at: other.clock.now(), consoleUrl: 'https://gar.test/console' }),
    );
    const [digest] = await other.store.listOutbox({ uai: other.uai });
    assert.ok(digest!.html.includes(`href="https://gar.test/console?uai=${other.uai}"`));
  });

  test('pools running out are announced', async () => {
    const { store, uai, clock } = await school();
    await store.insertSubscription(
      subscription({
        ...SCHOOL_ORDER,
        id: 'LOW',
        uai,
        resourceId: 'ark:/1/LOW',
        resourceLabel: 'Manuel <b>LOW</b> & co',
        createdAt: '2025-09-01T00:00:00Z',
        licences: { kind: 'global', count: 10 },
      }),
    );
    const people = (await store.listPeople({ uai, audience: 'ELEVE', limit: 9 })).map((p) => p.id);
    await store.insertAllocation({
      id: 'a',
      subscriptionId: 'LOW',
      uai,
      target: { kind: 'audience', audience: 'ELEVE' },
      createdAt: '2025-10-01T00:00:00Z',
      createdBy: 'head',
    });
    await store.insertCopies(
      people.map((personId) => ({
        subscriptionId: 'LOW',
        uai,
        personId,
        audience: 'ELEVE' as const,
        allocationId: 'a',
        assignedAt: '2025-10-01T00:00:00Z',
      })),
    );
    await scanAlerts(store, { at: clock.now() });
    const [n] = await store.listNotifications({ uai });
    assert.equal(n!.kind, 'copies.running-out');
    assert.equal(n!.data.remaining, 1);
  });

  test("a refused feed tells the managers of the ENT's schools", async () => {
    const { store, uai, service } = await school();
    const { run } = await service.feeds.import(
      system,
      ENT,
      sources([...feedFiles(generateFeedModel({ schools: 1 }))].slice(1)),
    );
    assert.equal(run.status, 'refused');
    const [n] = await store.listNotifications({ uai });
    assert.equal(n!.kind, 'feed.problems');
    assert.equal(n!.data.runId, run.id);
  });

  test('an ENT whose feed stopped coming: its managers are told once per threshold, a new feed starts over', async () => {
    const { store, uai, service, clock } = await school(); // the feed was applied on 1 September, 06:00
    const told: StaleFeed[] = [];
    const scan = (at: string, staleFeedDays?: number[]) =>
      scanAlerts(store, {
        at: new Date(at),
        mode: 'immediate',
        onStaleFeed: (a) => told.push(a),
        ...(staleFeedDays ? { staleFeedDays } : {}),
      });
    const stale = async () => (await store.listNotifications({ uai })).filter((n) => n.kind === 'feed.stale');
    await scan('2026-09-08T05:00:00Z');
    assert.deepEqual(await stale(), [], 'seven days: nothing yet');
    await scan('2026-09-10T05:00:00Z');
    const [first] = await stale();
    assert.equal(first?.data.days, 8);
    assert.equal(first?.data.entName, 'ENT de test');
    await scan('2026-09-11T05:00:00Z');
    assert.equal((await stale()).length, 1, 'once per threshold');
    await scan('2026-10-02T05:00:00Z');
    assert.equal((await stale()).length, 2, 'the 30-day threshold is told too');
    assert.deepEqual(
      told.map((t) => [t.entId, t.threshold, t.days]),
      [
        [ENT, 8, 8],
        [ENT, 30, 30],
      ],
    );
    const mails = (await store.listOutbox({})).filter((m) => m.subject.includes('Annuaire de l’ENT plus reçu'));
    assert.equal(mails.length, 2, 'an e-mail per threshold in immediate mode');
    assert.ok(mails.some((m) => /depuis 8\u00a0jours \(dernier envoi le 1er septembre 2026\)/.test(m.text)));
    // A new feed (on 2 October): quiet again until it is itself stale.
    clock.set('2026-10-02T06:00:00Z');
    await service.feeds.import(
      system,
      ENT,
      sources([...feedFiles(generateFeedModel({ schools: 1, pupilsPerSchool: 20 }))]),
    );
    const before = (await stale()).length;
    await scan('2026-10-03T05:00:00Z');
    assert.equal((await stale()).length, before);
    await scan('2026-10-03T05:00:00Z', []);
    assert.equal((await stale()).length, before, 'turned off with []');
  });
});
