// The lettre de mission of the allocation manager (« responsable d'affectation »), checklist 2.1.1 → 2.2.3, walked
// end to end in the demo's ENT console: as the head, then as a delegate and as the librarian (who only reads).
// The demo runs on its own ports (--port-base) and data dir, so demo.e2e.test.ts and a running demo are left alone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { yearFr } from '../packages/elements/src/allocation-panel/localize/year.js';
import { AUDIT_CSV_HEADER } from '../packages/server/src/allocation/audit-history.js';
import { DEMO_UAI } from '../packages/server/src/seed/demo-catalogue.js';
import { DEMO_CREDENTIALS } from '../packages/server/src/seed/demo-credentials.js';
import { DEMO_USERS } from '../packages/server/src/seed/demo-users.js';
import { axeScript, demoJourney, LEAN_CHROMIUM, T } from './demo-journey.js';

// Its own base (demo.e2e.test.ts uses 24 200, rentree.e2e.test.ts 24 300): service N, portal N+1, provider N+2,
// mail view N+3, SMTP N+4.
const journey = demoJourney({
  name: 'year',
  portEnv: 'OPENGAR_E2E_YEAR_PORT_BASE',
  portBase: 24_600,
  chromiumArgs: LEAN_CHROMIUM,
});
const SERVICE = journey.service;
// The page-structure rules of axe the demo's pages are held to, as in demo.e2e.test.ts; WCAG's rules are run too.
const AXE_RULES = ['page-has-heading-one', 'landmark-one-main', 'region'];

const HISTORY = 'Histoire-géographie 3e';
const PUPIL_NAME = 'Emma Le Goff';

const demoOutput = () => journey.output();

/**
 * The axe violations as `rule: targets` lines (axe is evaluated: the page's CSP holds): the page-structure rules of
 * demo.e2e.test.ts, and every WCAG 2.1 A and AA rule (shadow roots included, so the elements are checked in place).
 */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeScript());
  const passes = [
    { type: 'rule', values: AXE_RULES },
    { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  ];
  return page.evaluate(async (runs) => {
    type AxeResult = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe;
    const out: string[] = [];
    for (const runOnly of runs) {
      const r = await axe.run(document, { runOnly });
      out.push(...r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    }
    return out;
  }, passes);
}

async function axeClean(page: Page, step: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe-clean at ${step}`);
}

/** A fresh context (own cookies, downloads accepted) signed in as `user` on the console. */
async function signIn(user: string): Promise<{ context: BrowserContext; page: Page; panel: Locator }> {
  const context = await journey.browser().newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(T);
  const page = await context.newPage();
  await journey.signIn(page, user);
  assert.equal(await page.locator('select#user').inputValue(), user);
  const panel = page.locator('gar-allocation-panel');
  await panel.locator('[role="tab"]').first().waitFor({ state: 'visible' });
  return { context, page, panel };
}

/**
 * A publisher delivers the school's new order, as a publisher does: a subscription created through the publisher JSON
 * API with the demo publisher's key, copied from one of its subscriptions at the collège, valid from now for a year.
 * Returns its id and the resource's name.
 */
async function deliverOrder(): Promise<{ id: string; name: string }> {
  const headers = { authorization: `Bearer ${DEMO_CREDENTIALS.publisherApiKeys['editions-horizon']}` };
  const list = await fetch(`${SERVICE}/api/v1/publisher/subscriptions?uai=${DEMO_UAI.college}&limit=50`, { headers });
  assert.equal(list.status, 200, 'the publisher lists its subscriptions at the collège');
  const { items } = (await list.json()) as { items: { subscription: Record<string, unknown> }[] };
  const template = (items.find((i) => i.subscription.type === 'INDIV') ?? items[0])?.subscription;
  assert.ok(template, 'the demo publisher has a subscription at the collège');
  const id = `e2e-commande-${Date.now().toString(36)}`;
  const now = Date.now();
  const body = {
    ...template,
    id,
    validFrom: new Date(now - 60_000).toISOString(),
    validUntil: new Date(now + 365 * 86_400_000).toISOString(),
  };
  delete (body as { endSchoolYear?: unknown }).endSchoolYear;
  const put = await fetch(`${SERVICE}/api/v1/publisher/subscriptions/${id}`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(put.status, 201, `the order is delivered: ${await put.text()}`);
  return { id, name: String(template.resourceLabel) };
}

/** Opens a tab of the panel by its name and waits for it to be the selected one. */
async function openTab(panel: Locator, name: string | RegExp): Promise<void> {
  const tab = panel.locator('[role="tab"]', { hasText: name });
  await tab.click();
  await panel.locator('[role="tab"][aria-selected="true"]', { hasText: name }).waitFor();
}

async function tabNames(panel: Locator): Promise<string[]> {
  return (await panel.locator('[role="tab"]').allTextContents()).map((t) => t.trim());
}

/** The resource names on a card of the dashboard (`not-allocated`, `new`, `ending`…). */
async function cardNames(panel: Locator, card: string): Promise<string[]> {
  return (await panel.locator(`[part~="dashboard-card"][part~="${card}"] li .grow`).allTextContents()).map((n) =>
    n.trim(),
  );
}

/** The select of a filter of the Abonnements tab, by its label. */
function filter(panel: Locator, label: string): Locator {
  return panel
    .locator('[part="filters"] label.field')
    .filter({ has: panel.page().locator('span', { hasText: new RegExp(`^${label}$`) }) })
    .locator('select');
}

/** The statuses shown on each visible row of the Abonnements table. */
async function rowStatuses(panel: Locator): Promise<string[][]> {
  return panel
    .locator('[part="catalogue-row"]')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('[part~="flag"]')].map((f) => f.getAttribute('part') ?? '')),
    );
}

/** Chooses a status in the Abonnements filter and waits for the table to show only that status. */
async function showStatus(panel: Locator, status: 'ending' | 'expired' | 'new' | ''): Promise<number> {
  await filter(panel, yearFr.catalogue.status).selectOption(status);
  await panel.page().waitForFunction((s) => {
    const shadow = document.querySelector('gar-allocation-panel')?.shadowRoot;
    const rows = [...(shadow?.querySelectorAll('[part="catalogue-row"]') ?? [])];
    return rows.length > 0 && rows.every((r) => r.querySelector(`[part~="status-${s}"]`));
  }, status);
  return panel.locator('[part="catalogue-row"]').count();
}

describe('the lettre de mission, 2.1.1 → 2.2.3, in the demo console', journey.suite, () => {
  journey.hooks();

  test('the head walks 2.1.1 → 2.2.3', async (t) => {
    const { context, page, panel } = await signIn('head');
    let order: { id: string; name: string } | undefined;
    try {
      await axeClean(page, 'the console');

      await t.test('the notifications: the unread count in the tab, the e-mail preferences', async () => {
        const inbox = panel.locator('[role="tab"]', { hasText: /^Notifications/ });
        const label = (await inbox.getAttribute('aria-label')) ?? '';
        const unread = Number(/\((\d+)\)/.exec((await inbox.textContent()) ?? '')?.[1] ?? 0);
        if (unread > 0) assert.match(label, new RegExp(`${unread} non lues?`));
        await openTab(panel, /^Notifications/);
        await panel.locator('[part="inbox"], [part="empty"]').first().waitFor();
        await panel.locator('[part="preferences"] [part="preference"]').first().waitFor();
        t.diagnostic(`notifications: ${unread} unread`);
        await axeClean(page, 'the notifications');
      });

      await t.test('2.1.1 the synchronisation with the ENT: its report, or the clear empty state', async () => {
        await openTab(panel, 'Synchronisation');
        const report = panel.locator('[part="sync-date"]');
        const empty = panel.locator('[part~="sync-empty"]');
        await report.or(empty).first().waitFor({ state: 'visible' });
        if (await empty.isVisible()) {
          t.diagnostic('2.1.1: no feed came in the demo; the tab says so');
          // A school no feed came for (the demo imports one, at the seed): the tab says so and says whom to call.
          assert.ok(((await empty.textContent()) ?? '').includes(yearFr.sync.none));
          assert.match((await empty.textContent()) ?? '', /assistance de votre ENT/);
        } else {
          assert.match((await report.textContent()) ?? '', /Dernier flux reçu le/);
          assert.ok((await panel.locator('[part="sync-counts"] dd').count()) > 0, 'people per profile');
          await panel.locator('[part="sync-clean"], [part="sync-anomalies"]').first().waitFor();
          t.diagnostic(`2.1.1: ${(await report.textContent())?.trim()}`);
        }
        await axeClean(page, '2.1.1');
      });

      await t.test('2.1.2 the deliveries: a new order arrives, listed « Nouveau » and on the dashboard', async () => {
        order = await deliverOrder();
        await page.reload();
        await panel.locator('[role="tab"]').first().waitFor({ state: 'visible' });
        await openTab(panel, 'Abonnements');
        const newRow = panel.locator(`[part="catalogue-row"][data-id="${order.id}"]`);
        await newRow.locator('[part~="status-new"]').waitFor();
        assert.equal((await newRow.locator('th').textContent())?.trim(), order?.name);
        const rows = panel.locator('[part="catalogue-row"]');
        await rows.first().waitFor();
        const total = await rows.count();
        assert.match(
          (await panel.locator('[part="shown"]').textContent()) ?? '',
          new RegExp(`${total} .* sur ${total}`),
        );
        assert.ok(
          (await rowStatuses(panel)).every((s) => s.length > 0),
          'each subscription has its status (Livré, Nouveau, Bientôt terminé, Expiré…)',
        );
        assert.equal(await panel.locator('[part="read-only"]').count(), 0, 'the head is not read-only');
        const listed = new Set(await panel.locator('[part="catalogue-row"] th').allTextContents());
        await openTab(panel, 'Tableau de bord');
        await panel.locator('[part~="dashboard-card"], [part="empty"]').first().waitFor();
        const delivered = await cardNames(panel, 'not-allocated');
        const fresh = await cardNames(panel, 'new');
        t.diagnostic(
          `2.1.2: ${total} subscriptions, ${fresh.length} new, ${delivered.length} delivered and not allocated`,
        );
        assert.ok(order && fresh.includes(order.name), 'the dashboard lists the new licences');
        assert.ok(order && delivered.includes(order.name), 'delivered, not yet allocated');
        for (const name of [...delivered, ...fresh]) assert.ok(listed.has(name), `${name} is in Abonnements too`);
        await axeClean(page, '2.1.2');
      });

      await t.test(
        '2.1.3 / 2.2.1 allocating the delivered order (individual licences) to a pupil, from the dashboard',
        async () => {
          assert.ok(order, 'an order was delivered (2.1.2)');
          const name = order.name;
          await openTab(panel, 'Tableau de bord');
          const card = panel.locator('[part~="dashboard-card"][part~="not-allocated"]');
          await card.locator('li', { hasText: name }).locator('[part="allocate-button"]').click();
          await panel.locator('[part="picker"] input[type="search"]').fill('Le Goff');
          await panel.locator('[part="choice"]', { hasText: PUPIL_NAME }).first().locator('input').check();
          await panel.locator('[part="preview"]', { hasText: '1 exemplaire pris' }).waitFor();
          await axeClean(page, '2.1.3, the picker');
          await panel.locator('[part="confirm-button"]').click();
          await panel.locator('[part="notice"]', { hasText: 'affecté' }).waitFor();
          await panel.locator('[part="picker"]').waitFor({ state: 'detached' });
          await openTab(panel, 'Tableau de bord');
          await panel.locator('[part~="dashboard-card"]').first().waitFor();
          assert.ok(
            !(await cardNames(panel, 'not-allocated')).includes(name),
            'no longer « Livrés mais pas encore affectés »',
          );
          await openTab(panel, 'Abonnements');
          const row = panel.locator(`[part="catalogue-row"][data-id="${order.id}"]`);
          assert.match((await row.locator('td').nth(3).textContent()) ?? '', /^\s*1\b/, 'one licence used');
          await axeClean(page, '2.1.3');
        },
      );

      await t.test('2.2.2 the end dates: « Bientôt terminé », « Expiré », and the CSV export', async () => {
        await openTab(panel, 'Abonnements');
        await panel.locator('[part="catalogue-row"]').first().waitFor();
        assert.ok((await showStatus(panel, 'ending')) >= 1, 'a subscription ends within 30 days');
        const ending = await panel.locator('[part="catalogue-row"] th').allTextContents();
        assert.ok((await showStatus(panel, 'expired')) >= 1, 'a subscription has ended');
        await filter(panel, yearFr.catalogue.sort).selectOption('end');
        await axeClean(page, '2.2.2');

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          panel.locator('[part~="export-subscriptions"]').click(),
        ]);
        assert.match(download.suggestedFilename(), /^abonnements-.+\.csv$/);
        const file = await download.path();
        const text = readFileSync(file, 'utf8');
        assert.ok(text.startsWith('\ufeff'), 'a BOM, for French spreadsheets');
        const [header, ...lines] = text.slice(1).split('\r\n');
        assert.equal(header, yearFr.csv.subscriptions.join(';'));
        assert.ok(
          lines.some((l) => l.includes(yearFr.statuses.ending)) &&
            lines.some((l) => l.includes(yearFr.statuses.expired)),
          'the export holds every subscription, the ending and the ended ones among them',
        );
        await filter(panel, yearFr.catalogue.status).selectOption('');
        await openTab(panel, 'Tableau de bord');
        await panel.locator('[part~="dashboard-card"]').first().waitFor();
        assert.deepEqual((await cardNames(panel, 'ending')).sort(), ending.sort(), 'the dashboard’s « Fin prochaine »');
      });

      await t.test('2.2.3 the allocations over time: the history lists the allocation and exports it', async () => {
        assert.ok(order, 'an order was delivered and allocated (2.1.2, 2.1.3)');
        await openTab(panel, 'Historique');
        const newest = panel.locator('[part="audit-entry"]').first();
        await newest.waitFor();
        assert.ok(((await newest.textContent()) ?? '').includes(order.name), 'the newest entry is the allocation');
        await axeClean(page, '2.2.3, the history');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          panel.locator('[part="audit-filters"] [part="export-button"]').click(),
        ]);
        assert.equal(download.suggestedFilename(), `historique-${DEMO_UAI.college}.csv`);
        const text = readFileSync(await download.path(), 'utf8');
        assert.ok(text.startsWith('\ufeff') && !text.startsWith('\ufeff\ufeff'), 'one BOM');
        const [header, ...lines] = text.slice(1).split('\r\n');
        assert.equal(header, AUDIT_CSV_HEADER.join(';'));
        assert.ok(
          lines.some((l) => l.includes(order?.name ?? '')),
          'the allocation is in the export',
        );
      });

      await t.test('2.2.3 the statistics: a hidden figure carries its explanation', async () => {
        const stats = page.locator('gar-usage-stats');
        await stats.scrollIntoViewIfNeeded();
        // The allocation statistics come from the allocations themselves (no wait for the minute's access count).
        await stats.locator('[role="tab"]', { hasText: 'Ressources peu ouvertes' }).click();
        const hidden = stats.locator('td.suppressed, td[part="suppressed-cell"]').first();
        await hidden.waitFor({ state: 'visible' });
        const shown = (await hidden.textContent()) ?? '';
        assert.match(shown, /<5|masqué/, 'a hidden figure shows « <5 » or « masqué », never a number');
        assert.match(
          (await hidden.getAttribute('title')) ?? '',
          /moins de 5 personnes|masqué pour qu’on ne puisse pas retrouver/,
          'and says why',
        );
        await axeClean(page, '2.2.3');
      });
    } finally {
      await context.close();
    }
  });

  test('a delegate has the same console, marked « Délégation »', async () => {
    const delegate = DEMO_USERS.find((u) => u.key === 'delegate');
    assert.ok(delegate && demoOutput().includes(delegate.name), 'the banner lists the demo delegate');
    const { context, page, panel } = await signIn('delegate');
    try {
      await panel.locator('[part="role"]', { hasText: 'Délégation' }).waitFor();
      assert.ok((await tabNames(panel)).includes('Synchronisation'));
      await panel.locator('[part="subscription-button"]', { hasText: HISTORY }).first().click();
      await panel.locator('[part="allocate-button"]').waitFor();
      await openTab(panel, 'Abonnements');
      await panel.locator('[part="catalogue-row"]').first().waitFor();
      assert.equal(await panel.locator('[part="read-only"]').count(), 0);
      assert.ok((await showStatus(panel, 'ending')) >= 1);
      await axeClean(page, 'the delegate’s console');
    } finally {
      await context.close();
    }
  });

  test('the librarian reads Abonnements and Notifications, with no allocation control', async () => {
    const librarian = DEMO_USERS.find((u) => u.key === 'librarian');
    assert.ok(librarian && demoOutput().includes(librarian.name), 'the banner lists the demo librarian');
    const { context, page, panel } = await signIn('librarian');
    try {
      assert.deepEqual(
        (await tabNames(panel)).map((n) => n.replace(/ \(\d+\)$/, '')),
        ['Abonnements', 'Notifications'],
      );
      await openTab(panel, 'Abonnements');
      await panel.locator('[part="catalogue-row"]').first().waitFor();
      assert.equal((await panel.locator('[part="read-only"]').textContent())?.trim(), yearFr.catalogue.readOnly);
      assert.ok((await showStatus(panel, 'expired')) >= 1, 'the expired press subscription');
      await panel.locator('[part~="export-subscriptions"]').waitFor();
      await axeClean(page, 'the librarian’s Abonnements');
      // By keyboard, as the tablist pattern says: the arrow moves to the next tab and selects it.
      await panel.locator('[role="tab"][aria-selected="true"]').focus();
      await page.keyboard.press('ArrowRight');
      await panel.locator('[role="tab"][aria-selected="true"]', { hasText: /^Notifications/ }).waitFor();
      assert.match(
        await panel.evaluate((el) => el.shadowRoot?.activeElement?.textContent?.trim() ?? ''),
        /^Notifications/,
        'the focus follows the selected tab',
      );
      await panel.locator('[part="inbox"], [part="empty"]').first().waitFor();
      await panel.locator('[part="preferences"] [part="preference"]').first().waitFor();
      await axeClean(page, 'the librarian’s Notifications');
      for (const control of ['allocate-button', 'confirm-button', 'revoke-button', 'delegate-button', 'accept-button'])
        assert.equal(await panel.locator(`[part~="${control}"]`).count(), 0, `no ${control}`);
    } finally {
      await context.close();
    }
  });
});
