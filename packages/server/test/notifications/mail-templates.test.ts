import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { enqueueDigests, schoolMail } from '../../src/notifications/notify.js';
import { scanAlerts } from '../../src/notifications/scan-alerts.js';
import { daysLeft, notificationText, renderNotificationMail } from '../../src/notifications/templates.js';
import type { MailLanguage, RenderedMail } from '../../src/notifications/templates.js';
import type { StoredSubscription } from '../../src/store/index.js';
import type { ConsoleNotification } from '../../src/store/types-directory-feeds.js';
import { TestClock } from '../helpers/clock.js';
import { sources } from '../feeds/feed-sources.js';
import {
  FEED_ENT as ENT,
  HEAD_A,
  PUPILS_ETABL,
  R_MATHS,
  S1,
  SYSTEM as system,
  subscription,
} from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

const NBSP = '\u00a0';
const LANGS: readonly MailLanguage[] = ['fr', 'en'];

/** French typography: no plain space before : ; ! ? or inside « », no typewriter apostrophe, no ISO date. */
function assertFrenchTypography(text: string) {
  assert.doesNotMatch(text, / [:;!?](?:\s|$)/m, `a plain space before a colon, semicolon, ! or ?: ${text}`);
  assert.doesNotMatch(text, /« | »/, `a plain space inside « »: ${text}`);
  assert.doesNotMatch(text, /[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/, `a typewriter apostrophe: ${text}`);
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, `an ISO date: ${text}`);
}

describe('mail texts for a head', () => {
  const at = new Date('2026-12-06T08:00:00Z');
  const ending = {
    kind: 'subscription.ending' as const,
    data: {
      subscriptionId: 'ABO-TECH-ID-1',
      resourceId: 'ark:/1/maths',
      resourceLabel: 'Maths 3e',
      threshold: 30,
      validUntil: '2026-12-27T22:59:59Z',
    },
  };

  test('the real days left, not the threshold; dates in words (1er for the first); no technical id', () => {
    assert.equal(daysLeft('2026-12-27T22:59:59Z', at), 21);
    assert.equal(daysLeft('2026-12-06T22:59:59Z', at), 0);
    const fr = notificationText('fr', ending, at);
    assert.match(fr, new RegExp(`se termine dans 21${NBSP}jours, le 27 décembre 2026`));
    assert.doesNotMatch(fr, /30/);
    assert.doesNotMatch(fr, /ABO-TECH-ID-1/);
    assert.match(notificationText('en', ending, at), /ends in 21 days, on 27 December 2026/);
    assert.match(
      notificationText('fr', { ...ending, data: { ...ending.data, validUntil: '2027-08-31T21:59:59Z' } }, at),
      /le 31 août 2027/,
    );
    assert.match(
      notificationText('fr', { ...ending, data: { ...ending.data, validUntil: '2026-12-07T22:59:59Z' } }, at),
      /se termine demain, le 7 décembre 2026/,
    );
    assert.match(
      notificationText('fr', { ...ending, data: { ...ending.data, validUntil: '2026-12-01T10:00:00Z' } }, at),
      /s’est terminé le 1er décembre 2026/,
    );
  });

  test("subject and body: the resource's and the school's names first, French typography, HTML with lang", () => {
    const mail = renderNotificationMail('fr', '0561641E', [ending], 'https://ent.test/console', {
      at,
      schoolName: 'Collège Jean Moulin',
    });
    assert.equal(
      mail.subject,
      `«${NBSP}Maths 3e${NBSP}»${NBSP}: fin le 27 décembre 2026 — Collège Jean Moulin (UAI 0561641E)`,
    );
    assert.ok(mail.text.indexOf('Maths 3e') < mail.text.indexOf('dans 21'));
    assert.match(mail.html, /^<!doctype html><html lang="fr">/);
    assert.match(mail.html, /<title>«\u00a0Maths 3e\u00a0»\u00a0: fin le 27 décembre 2026 — Collège Jean Moulin/);
    for (const part of [mail.subject, mail.text]) assertFrenchTypography(part);
    const en = renderNotificationMail('en', '0561641E', [ending], 'https://ent.test/console', { at });
    assert.match(en.html, /<html lang="en">/);
    assert.equal(en.subject, '“Maths 3e”: ends on 27 December 2026 — UAI 0561641E');
  });

  test('counts per pool: pupils and teachers are never added together', () => {
    const data = {
      resourceLabel: 'Dico',
      pools: [{ pool: 'ELEVE', licences: 1200, used: 1199, remaining: 1 }],
      remaining: 1,
      total: 1200,
    };
    const fr = notificationText('fr', { kind: 'copies.running-out', data }, at);
    assert.match(fr, new RegExp(`élèves${NBSP}: 1${NBSP}disponible sur 1\u202f200`));
    assertFrenchTypography(fr);
    const over = notificationText(
      'en',
      {
        kind: 'subscription.over-allocated',
        data: {
          resourceLabel: 'Dico',
          pools: [
            { pool: 'ELEVE', licences: 30, used: 32, remaining: -2 },
            { pool: 'ENSEIGNANT', licences: 5, used: 6, remaining: -1 },
          ],
        },
      },
      at,
    );
    assert.match(over, /pupils: 32 in use for 30; teachers: 6 in use for 5/);
    assert.doesNotMatch(over, /38|35/);
    const created = notificationText(
      'fr',
      {
        kind: 'subscription.new',
        data: {
          resourceLabel: 'Dico',
          type: 'INDIV',
          validUntil: '2027-08-31T21:59:59Z',
          pools: [
            { pool: 'ELEVE', licences: 30 },
            { pool: 'ENSEIGNANT', licences: 'ILLIMITE' },
          ],
          suggestions: [],
        },
      },
      at,
    );
    assert.match(created, new RegExp(`30${NBSP}licences pour les élèves et sans limite pour les enseignants`));
    assert.doesNotMatch(created, /INDIV|divisions/);
    assertFrenchTypography(created);
  });

  test("the new-subscription mail suggests exactly the dashboard's list, in words", async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 4 });
    await w.store.putResource({
      ...(await w.store.getResource(R_MATHS))!,
      levels: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/6e', nom: '6e' }],
    });
    const now = w.clock.now();
    await w.store.insertSubscription(
      subscription({
        id: 'NEW-MATHS',
        resourceId: R_MATHS,
        resourceLabel: 'Maths 6e',
        uai: S1,
        type: 'ETABL',
        audiences: ['ELEVE', 'DOCUMENTALISTE'],
        licences: { kind: 'global', count: 40 },
        validUntil: new Date(now.getTime() + 300 * 86_400_000).toISOString(),
        createdAt: new Date(now.getTime() - 3_600_000).toISOString(),
        updatedAt: new Date(now.getTime() - 3_600_000).toISOString(),
      }),
    );
    await scanAlerts(w.store, { at: now });
    const notification = (await w.store.listNotifications({ uai: S1, recipientId: 'head-a' })).find(
      (n) => n.kind === 'subscription.new' && n.data.subscriptionId === 'NEW-MATHS',
    );
    assert.ok(notification);
    const dashboard = await w.service.allocation.dashboard(HEAD_A, S1);
    const dashboardOwn = dashboard.suggestions.filter((s) => s.subscriptionId === 'NEW-MATHS');
    const expected = dashboardOwn.map(({ target, reason }) => ({ target, reason }));
    assert.ok(expected.length >= 2, 'pupils at the resource level and the librarians');
    const mailed = (notification.data.suggestions as { target: unknown; reason: unknown }[]).map(
      ({ target, reason }) => ({ target, reason }),
    );
    assert.deepEqual(mailed, expected);
    const text = notificationText('fr', notification, now);
    for (const s of dashboardOwn) assert.ok(text.includes(s.text), `${s.text} in ${text}`);
    const en = notificationText('en', notification, now);
    assert.match(en, /Suggested allocations: \S/);
    assert.doesNotMatch(text, /→|INDIV|ETABL/);
    assertFrenchTypography(text);
  });
});

/** Every link of a mail: the HTML's href and the URLs of the plain text. */
function linksOf(mail: RenderedMail): string[] {
  const fromHtml = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  const html = [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => fromHtml(m[1]!));
  const text = [...mail.text.matchAll(/\b(?:https?|mailto):[^\s]+/g)].map((m) => m[0]);
  assert.deepEqual([...new Set(text)].sort(), [...new Set(html)].sort(), 'text and HTML carry the same links');
  return [...new Set(html)];
}

describe('every link of every mail answers 200', () => {
  let stub: Server;
  let origin = '';
  const hits: URL[] = [];
  before(async () => {
    // The ENT's console page (it needs the school) and the support's page (it needs a reference and the school).
    stub = createServer((req, res) => {
      const url = new URL(req.url ?? '/', origin);
      hits.push(url);
      const p = url.searchParams;
      const ok =
        req.method === 'GET' &&
        ((url.pathname === '/ent/gar/console' &&
          p.get('tab') === 'dashboard' &&
          /^\d{7}[A-Z]$/.test(p.get('uai') ?? '')) ||
          (url.pathname === '/support/report' &&
            /^\d{7}[A-Z]$/.test(p.get('uai') ?? '') &&
            (p.get('ref') ?? '') !== ''));
      res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(ok ? '<p>ok</p>' : 'no');
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const address = stub.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => new Promise<void>((resolve) => stub.close(() => resolve())));

  test('every notification kind, single and digest, French and English', async () => {
    const w = await buildWorld({ data: 'feed', clock: new TestClock('2026-09-01T06:00:00Z') });
    const model = generateFeedModel({ schools: 1, pupilsPerSchool: 20 });
    await w.service.feeds.import(system, ENT, sources([...feedFiles(model)]));
    const uai = model.schools[0]!.uai;
    const ent = (await w.store.getEnt(ENT))!;
    await w.store.putEnt({ ...ent, consoleUrl: `${origin}/ent/gar/console?tab=dashboard` });
    const support = { name: 'Assistance GAR', email: 'assistance@example.test', url: `${origin}/support/report` };
    // A refused feed, then every subscription alert, then a feed gone stale.
    await w.service.feeds.import(system, ENT, sources([...feedFiles(generateFeedModel({ schools: 1 }))].slice(1)));
    const base = {
      ...PUPILS_ETABL,
      uai,
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2027-08-15T21:59:59Z',
      createdAt: '2025-09-01T00:00:00Z',
      updatedAt: '2025-09-01T00:00:00Z',
    } satisfies Partial<StoredSubscription>;
    const subs = [
      { id: 'NEW', createdAt: '2026-08-31T12:00:00Z', audiences: ['ELEVE', 'DOCUMENTALISTE'] as const },
      { id: 'ENDING', validUntil: '2026-09-06T21:59:59Z' },
      { id: 'EXPIRED', validUntil: '2026-08-20T21:59:59Z' },
      { id: 'OVER', licences: { kind: 'audiences', counts: { ELEVE: 1 } } as const },
      { id: 'LOW', licences: { kind: 'global', count: 10 } as const },
    ];
    for (const s of subs)
      await w.store.insertSubscription(
        subscription({
          ...base,
          licences: { kind: 'global', count: 10 },
          ...s,
          audiences: [...(s.audiences ?? ['ELEVE'])],
          resourceId: `ark:/1/${s.id}`,
          resourceLabel: `Manuel ${s.id} <b>&</b>`,
        }),
      );
    const pupils = (await w.store.listPeople({ uai, audience: 'ELEVE', limit: 9 })).map((p) => p.id);
    for (const [sub, holders] of [
      ['OVER', pupils.slice(0, 2)],
      ['LOW', pupils],
    ] as const) {
      await w.store.insertAllocation({
        id: `a-${sub}`,
        subscriptionId: sub,
        uai,
        target: { kind: 'audience', audience: 'ELEVE' },
        createdAt: '2025-10-01T00:00:00Z',
        createdBy: 'head',
      });
      await w.store.insertCopies(
        holders.map((personId) => ({
          subscriptionId: sub,
          uai,
          personId,
          audience: 'ELEVE' as const,
          allocationId: `a-${sub}`,
          assignedAt: '2025-10-01T00:00:00Z',
        })),
      );
    }
    await scanAlerts(w.store, { at: w.clock.now(), staleFeedDays: [] });
    await scanAlerts(w.store, { at: new Date('2026-09-03T06:00:00Z'), staleFeedDays: [1] });
    const head = `${uai}-dir-0000`;
    const notifications = await w.store.listNotifications({ uai, recipientId: head });
    const kinds: ConsoleNotification['kind'][] = [
      'subscription.new',
      'subscription.ending',
      'subscription.expired',
      'copies.running-out',
      'subscription.over-allocated',
      'feed.problems',
      'feed.stale',
    ];
    assert.deepEqual([...new Set(notifications.map((n) => n.kind))].sort(), [...kinds].sort());

    const mails: { label: string; mail: RenderedMail }[] = [];
    for (const lang of LANGS) {
      for (const n of notifications)
        mails.push({
          label: `${lang} ${n.kind}`,
          mail: await w.store.transaction((tx) =>
            schoolMail(tx, uai, [n], { lang, at: w.clock.now(), supportContact: support }),
          ),
        });
      const stored = await w.store.transaction(async (tx) => {
        await enqueueDigests(tx, { lang, at: w.clock.now(), supportContact: support });
        return tx.listOutbox({ uai });
      });
      const digest = stored.find((m) => new RegExp(`: ${notifications.length}\\snotifications$`).test(m.subject));
      assert.ok(digest, `the head's digest of ${notifications.length} notifications`);
      mails.push({ label: `${lang} digest`, mail: digest });
      // The digest marked them mailed: mark them pending again for the other language's digest.
      for (const n of notifications) await w.store.putNotification({ ...n, id: `${n.id}-${lang}` });
    }

    let followed = 0;
    for (const { label, mail } of mails) {
      // Sentences written as concatenated strings keep their space: no « consommé.Retirez » in any body.
      assert.doesNotMatch(mail.text, /\p{Ll}[.!?;)][\p{Lu}]/u, `${label}: two sentences run together`);
      const links = linksOf(mail);
      assert.ok(
        links.some((l) => l.includes('/ent/gar/console')),
        `${label}: a link to the ENT's console`,
      );
      assert.ok(
        links.some((l) => l.includes('/support/report')),
        `${label}: a report link`,
      );
      for (const link of links) {
        const url = new URL(link);
        assert.equal(url.origin, origin, `${label}: ${link} leads to the stub`);
        assert.equal(url.searchParams.get('uai'), uai, `${label}: ${link} carries the school`);
        if (url.pathname === '/support/report') {
          assert.deepEqual(
            [...url.searchParams.keys()].filter((k) => !['ref', 'uai', 'resource'].includes(k)),
            [],
            `${label}: only the reference, the school and the resource`,
          );
          assert.doesNotMatch(link, /-dir-|-elv-|@/, `${label}: no personal data`);
        }
        const res = await fetch(link, { redirect: 'manual' });
        await res.arrayBuffer();
        assert.equal(res.status, 200, `${label}: ${link}`);
        followed++;
      }
      if (label.startsWith('fr')) assertFrenchTypography(`${mail.subject}\n${mail.text}`);
      assert.ok(!mail.html.includes('<b>&</b>'), `${label}: escaped HTML`);
    }
    assert.ok(followed >= mails.length * 2);

    // An ENT that registered no console URL: no link to a console page that is not there, the way to it in words.
    await w.store.putEnt(ent);
    for (const lang of LANGS) {
      const mail = await w.store.transaction((tx) =>
        schoolMail(tx, uai, [notifications[0]!], { lang, at: w.clock.now(), supportContact: support }),
      );
      const links = linksOf(mail);
      assert.ok(links.length > 0 && links.every((l) => l.includes('/support/report')), links.join(' '));
      for (const link of links) assert.equal((await fetch(link, { redirect: 'manual' })).status, 200, link);
      assert.match(mail.text, lang === 'fr' ? /depuis votre ENT/ : /from your ENT/);
    }
    assert.ok(hits.some((u) => u.searchParams.get('resource') === 'ark:/1/NEW'));
  });
});
