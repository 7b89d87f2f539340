// End-to-end journeys through the running demo (`scripts/demo.mjs`) in Debian's Chromium, driven by playwright-core.
// The demo is started here on its own ports (--port-base) and its own data dir, so a demo already running is left alone.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoCatalogue } from '../packages/server/src/seed/demo-catalogue.js';
import { DEMO_USERS } from '../packages/server/src/seed/demo-users.js';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { type DemoProcess, startDemo } from './demo-process.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.OPENGAR_REQUIRE_CHROMIUM === '1';
// The demo's --port-base is a base: service N, portal N+1, provider N+2, mail view N+3, SMTP N+4.
const PORT_BASE = Number(process.env.OPENGAR_E2E_PORT_BASE ?? 24_200);
const SERVICE = `http://127.0.0.1:${PORT_BASE}`;
const PORTAL = `http://127.0.0.1:${PORT_BASE + 1}`;
const PROVIDER = `http://127.0.0.1:${PORT_BASE + 2}`;
const MAIL = `http://127.0.0.1:${PORT_BASE + 3}`;
// The page-structure rules of axe the demo's own pages are held to (the elements have their own axe tests).
const AXE_RULES = ['page-has-heading-one', 'landmark-one-main', 'region'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DATA_DIR = join(root, '.tmp', 'e2e-demo-data');
const ARTIFACTS = join(root, 'test-artifacts');
// Generous ceilings, not speed targets: CI machines are often loaded (a busy core beside the suite), and every wait
// below ends as soon as its event happens.
const T = 60_000;
const DEMO_START_CEILING_MS = 360_000;

const HISTORY = 'Histoire-géographie 3e';
const PUPIL_NAME = 'Emma Le Goff';

const missing = !existsSync(CHROMIUM);
if (missing) {
  console.error(
    `opengar e2e: Chromium not found at ${CHROMIUM}; end-to-end tests ${REQUIRED ? 'are required (OPENGAR_REQUIRE_CHROMIUM=1)' : 'skipped'}.\n` +
      '  Install it with `apt-get install chromium`, or point OPENGAR_CHROMIUM at a Chromium binary.',
  );
}

let demo: DemoProcess | undefined;
const demoOutput = () => demo?.output() ?? '';
let browser: Browser | undefined;

function theBrowser(): Browser {
  assert.ok(browser, 'Chromium was launched');
  return browser;
}

/** The axe violations of `rules` on the page, as `rule: targets` lines (axe is evaluated, so the page's CSP holds). */
async function axeViolations(page: Page, rules: readonly string[] = AXE_RULES): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (values) => {
    type AxeResult = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'rule', values } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, rules);
}

/** A fresh context (own cookies) signed in as `user` on the portal page `path`. */
async function signIn(
  user: string,
  path: '/' | '/console' = '/',
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await theBrowser().newContext({ viewport, locale: 'fr-FR' });
  context.setDefaultTimeout(T);
  const page = await context.newPage();
  await page.goto(`${PORTAL}${path}`);
  await page.locator('select#user').selectOption(user);
  await Promise.all([page.waitForURL(`${PORTAL}${path}`), page.locator('header form button[type="submit"]').click()]);
  assert.equal(await page.locator('select#user').inputValue(), user);
  return { context, page };
}

/** The visible tiles of the médiacentre, once it has listed them. */
async function tileNames(page: Page): Promise<string[]> {
  const tiles = page.locator('gar-mediacentre .grid .tile:not([hidden]) [part="tile-name"]');
  await tiles.first().waitFor({ state: 'visible', timeout: T });
  return (await tiles.allTextContents()).map((t) => t.trim());
}

/** Switches an element's `lang` attribute and waits for it to render again. */
async function setLang(page: Page, selector: string, lang: 'fr' | 'en'): Promise<void> {
  await page.locator(selector).evaluate(async (el, l) => {
    el.setAttribute('lang', l);
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  }, lang);
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
}

function tileOpen(page: Page, name: string): Locator {
  return page.locator('gar-mediacentre .grid .tile:not([hidden]) [part="tile-name"]', { hasText: name }).first();
}

describe('the demo, end to end in Chromium', {
  skip: missing && !REQUIRED ? `Chromium not found at ${CHROMIUM}` : false,
}, () => {
  before(async () => {
    assert.ok(!missing, `Chromium is required (OPENGAR_REQUIRE_CHROMIUM=1) but missing at ${CHROMIUM}`);
    demo = await startDemo({ root, portBase: PORT_BASE, dataDir: DATA_DIR, ceilingMs: DEMO_START_CEILING_MS });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await demo?.stop();
  });

  test('a pupil sees their médiacentre, opens a resource and the publisher receives only the declared attributes plus IDO', async () => {
    const { context, page } = await signIn('pupil');
    try {
      const names = await tileNames(page);
      assert.ok(names.length > 0, 'the pupil has tiles');
      await shot(page, 'mediacentre-fr.png');
      await setLang(page, 'gar-mediacentre', 'en');
      await page
        .locator('gar-mediacentre .grid .tile:not([hidden]) [part="tile-name"]')
        .first()
        .waitFor({ state: 'visible', timeout: T });
      await shot(page, 'mediacentre-en.png');
      await setLang(page, 'gar-mediacentre', 'fr');

      const jwt = demoCatalogue().resources.filter((r) => r.protocol === 'jwt');
      const resource = jwt.find((r) => names.includes(r.name));
      assert.ok(resource, `one of the pupil's tiles is a JWT resource of the catalogue (tiles: ${names.join(', ')})`);
      const [publisher] = await Promise.all([
        context.waitForEvent('page', { timeout: T }),
        tileOpen(page, resource.name).click(),
      ]);
      await publisher.waitForURL((url) => url.origin === PROVIDER, { timeout: T });
      const rows = publisher.locator('#claims tr[data-claim]');
      await rows.first().waitFor({ state: 'visible', timeout: T });
      const claims = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-claim') ?? ''));
      assert.ok(claims.includes('IDO'), `the publisher received IDO (got ${claims.join(', ')})`);
      const allowed = new Set<string>([...resource.declaredAttributes, 'IDO']);
      assert.deepEqual(
        claims.filter((c) => !allowed.has(c)),
        [],
        `only ${[...allowed].join(', ')} are released`,
      );
      assert.deepEqual(await axeViolations(publisher), [], 'the publisher page: one h1, a main landmark');
    } finally {
      await context.close();
    }
  });

  test('a person at two schools switches school and sees another listing', async () => {
    const { context, page } = await signIn('two-schools');
    try {
      const first = await tileNames(page);
      const select = page.locator('gar-mediacentre [part="school-switcher"] select');
      const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      assert.equal(options.length, 2);
      const current = await select.inputValue();
      const other = options.find((o) => o !== current);
      assert.ok(other);
      await select.selectOption(other);
      await page.waitForFunction(
        (before) => {
          const el = document.querySelector('gar-mediacentre');
          const names = [...(el?.shadowRoot?.querySelectorAll('.grid .tile:not([hidden]) [part="tile-name"]') ?? [])]
            .map((b) => b.textContent?.trim())
            .join('|');
          return names !== '' && names !== before;
        },
        first.join('|'),
        { timeout: T },
      );
      assert.equal(await select.inputValue(), other);
      assert.notDeepEqual(await tileNames(page), first);
    } finally {
      await context.close();
    }
  });

  test('the head allocates a copy to a pupil in the console, and the pupil then sees the resource', async () => {
    const pupil = await signIn('pupil');
    try {
      assert.ok(!(await tileNames(pupil.page)).includes(HISTORY), `the pupil has no ${HISTORY} yet`);
    } finally {
      await pupil.context.close();
    }

    const { context, page } = await signIn('head', '/console');
    try {
      const panel = page.locator('gar-allocation-panel');
      await panel.locator('[part="subscription-button"]', { hasText: HISTORY }).first().click();
      await shot(page, 'allocation-panel-fr.png');
      await setLang(page, 'gar-allocation-panel', 'en');
      await panel.locator('[part="subscription-button"]').first().waitFor({ state: 'visible', timeout: T });
      await shot(page, 'allocation-panel-en.png');
      await setLang(page, 'gar-allocation-panel', 'fr');

      await panel.locator('[part="allocate-button"]').click();
      await panel.locator('[part="picker"] input[type="search"]').fill('Le Goff');
      const row = panel.locator('[part="choice"]', { hasText: PUPIL_NAME }).first();
      await row.locator('input').check();
      await panel.locator('[part="preview"]', { hasText: '1 exemplaire pris' }).waitFor({ timeout: T });
      await panel.locator('[part="confirm-button"]').click();
      await panel.locator('[part="notice"]', { hasText: 'affecté' }).waitFor({ timeout: T });
      await panel.locator('[part="picker"]').waitFor({ state: 'detached', timeout: T });
    } finally {
      await context.close();
    }

    const after = await signIn('pupil');
    try {
      await tileOpen(after.page, HISTORY).waitFor({ state: 'visible', timeout: T });
    } finally {
      await after.context.close();
    }
  });

  test('the head delegates the role to a teacher; the delegate sees the collège console', async () => {
    const { context, page } = await signIn('head', '/console');
    try {
      const panel = page.locator('gar-allocation-panel');
      await panel.locator('[role="tab"]', { hasText: 'Délégations' }).click();
      await panel.locator('[part="delegations"] input').fill('Rousseau');
      await panel.locator('[part="delegate-button"]', { hasText: 'Nathalie Rousseau' }).first().click();
      await panel.locator('[part="delegation"]', { hasText: 'Nathalie Rousseau' }).waitFor({ timeout: T });
    } finally {
      await context.close();
    }

    const delegate = await signIn('delegate', '/console');
    try {
      const panel = delegate.page.locator('gar-allocation-panel');
      await panel.locator('[part="role"]', { hasText: 'Délégation' }).waitFor({ timeout: T });
      await panel.locator('[part="subscription-button"]', { hasText: HISTORY }).first().waitFor({ timeout: T });
    } finally {
      await delegate.context.close();
    }
  });

  test('the mail view is up and receives the notification e-mails', async (t) => {
    // The service's alerts job and its outbox worker each run once a minute (docs/notifications.md), so the seed's
    // first alert ("licences bientôt épuisées") reaches the mail view one to two minutes after the start. The run is
    // kept short: wait up to 60 s here, and when none has come yet, check that the mail view answers with its list.
    const deadline = Date.now() + 60_000;
    let messages: { to?: unknown; subject?: unknown; text?: unknown }[] = [];
    while (Date.now() < deadline) {
      const res = await fetch(`${MAIL}/api/messages`);
      assert.equal(res.status, 200);
      const body: unknown = await res.json();
      assert.ok(Array.isArray(body), 'the mail view lists its messages');
      messages = body as typeof messages;
      if (messages.length > 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (messages.length === 0)
      t.diagnostic(
        'no notification e-mail within 60 s (the alerts and outbox jobs run once a minute); checked the mail view is up',
      );
    for (const m of messages) {
      // Names first: the resource (or « GAR · » for a digest), then the school by name and UAI.
      assert.match(String(m.subject), /(Collège|Lycée) .+ \(UAI \w+\)/, 'a GAR notification naming the school');
      assert.ok(Array.isArray(m.to) && m.to.length > 0, 'addressed to a manager');
      assert.match(String(m.text), /console/i, 'with a link to the console');
    }
    const page = await theBrowser().newPage();
    try {
      const res = await page.goto(MAIL);
      assert.equal(res?.status(), 200);
      assert.deepEqual(await axeViolations(page), [], 'the mail list');
      if (messages.length > 0) {
        await page.locator('main table a').first().click();
        await page.locator('main h1').waitFor({ timeout: T });
        assert.deepEqual(await axeViolations(page), [], 'a message');
      }
    } finally {
      await page.close();
    }
  });

  test('the banner gives the ports first and every demo user; the service root is a page', async () => {
    const ports = demoOutput().indexOf(`opengar demo: ports: service ${PORT_BASE}, ENT portal ${PORT_BASE + 1}`);
    assert.ok(ports >= 0 && ports < demoOutput().indexOf('opengar demo is running'), 'the ports come first');
    for (const u of DEMO_USERS)
      assert.ok(demoOutput().includes(`${u.personId}`) && demoOutput().includes(u.name), u.key);
    const page = await theBrowser().newPage({ locale: 'fr-FR' });
    try {
      const res = await page.goto(`${SERVICE}/`);
      assert.equal(res?.status(), 200);
      assert.equal(await page.locator('h1').textContent(), 'Service GAR opengar');
      await page.locator('a[href="/docs"]').waitFor({ timeout: T });
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await page.close();
    }
  });

  test('at 390 px the portal header fits and "Changer" is on screen; portal pages are axe-clean', async () => {
    const phone = { width: 390, height: 844 };
    for (const path of ['/', '/console'] as const) {
      const { context, page } = await signIn('head', path, phone);
      try {
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scroll <= phone.width, `no horizontal scroll on ${path} (${scroll} px)`);
        const button = await page.getByRole('button', { name: 'Changer' }).boundingBox();
        assert.ok(button && button.x >= 0 && button.x + button.width <= phone.width, `"Changer" on screen on ${path}`);
        assert.equal(await page.locator('h1').count(), 1);
        await shot(page, `portal${path === '/' ? '' : '-console'}-390.png`);
        assert.deepEqual(await axeViolations(page), [], path);
      } finally {
        await context.close();
      }
    }
  });

  test('the usage statistics render on the console as a chart and a table, the <5 band explained', async () => {
    const { context, page } = await signIn('head', '/console');
    try {
      await page.getByText('les groupes de moins de 5 personnes ne sont jamais montrés').waitFor({ timeout: T });
      const stats = page.locator('gar-usage-stats');
      // The service adds up the accesses as it starts (the demo's seeded ones), then once a minute: should the first
      // run not be over yet, the page shows "no use" and is reloaded until the chart appears.
      const chart = stats.locator('svg[part="chart-svg"]').first();
      const deadline = Date.now() + 240_000;
      for (;;) {
        await chart
          .or(stats.getByText('Aucune utilisation sur cette période'))
          .first()
          .waitFor({ state: 'visible', timeout: T });
        if (await chart.isVisible()) break;
        assert.ok(Date.now() < deadline, 'the usage statistics have figures within 240 s');
        await page.waitForTimeout(5000);
        await page.reload();
      }
      await stats.locator('button[data-display="table"]').click();
      await stats.locator('table[part="table"]').waitFor({ state: 'visible', timeout: T });
      // A small figure shows the band « <5 » (a figure hidden only to protect it says « masqué », tested in the element).
      const hidden = stats.locator('td[part="suppressed-cell"][data-reason="primary"]');
      await hidden.first().waitFor({ state: 'visible', timeout: T });
      assert.match((await hidden.first().textContent()) ?? '', /<5/);
      assert.match((await hidden.first().textContent()) ?? '', /moins de 5 personnes/);
      assert.match(
        (await stats.locator('[part="suppression-note"]').textContent({ timeout: T })) ?? '',
        /moins de 5 personnes/,
      );
    } finally {
      await context.close();
    }
  });
});
