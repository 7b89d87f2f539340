// The librarian finds a resource in the catalogue and copies its reference (issue 19), end to end: the demo ENT
// portal's console in Chromium, the catalogue searched with a typo and no accent, narrowed to what the collège does not
// have yet, one resource selected by keyboard and its reference copied (the clipboard granted to the page), axe-clean
// at each step; a pupil is refused. Screenshots in test-artifacts/catalogue/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type DemoProcess, startDemo } from './demo-process.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.OPENGAR_REQUIRE_CHROMIUM === '1';
// Its own ports (24 800…24 804): service N, portal N+1, provider N+2, mail N+3, SMTP N+4.
const PORT_BASE = Number(process.env.OPENGAR_E2E_CATALOGUE_PORT_BASE ?? 24_800);
const SERVICE = `http://127.0.0.1:${PORT_BASE}`;
const PORTAL = `http://127.0.0.1:${PORT_BASE + 1}`;
const DATA_DIR = join(root, '.tmp', 'e2e-catalogue-data');
const SHOTS = join(root, 'test-artifacts', 'catalogue');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const T = 60_000;
const DEMO_START_CEILING_MS = 360_000;

const missing = !existsSync(CHROMIUM);
let demo: DemoProcess | undefined;
let browser: Browser | undefined;

async function axeClean(page: Page, step: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    type AxeResult = { violations: { id: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe, ${step}`);
}

async function signIn(page: Page, user: string): Promise<void> {
  await page.goto(`${PORTAL}/console`);
  await page.locator('select#user').selectOption(user);
  await Promise.all([page.waitForURL(`${PORTAL}/console`), page.locator('header form button[type="submit"]').click()]);
}

describe('the catalogue, end to end in Chromium', {
  skip: missing && !REQUIRED ? `Chromium not found at ${CHROMIUM}` : false,
}, () => {
  before(
    async () => {
      assert.ok(!missing, `Chromium is required (OPENGAR_REQUIRE_CHROMIUM=1) but not found at ${CHROMIUM}`);
      rmSync(DATA_DIR, { recursive: true, force: true });
      demo = await startDemo({ root, portBase: PORT_BASE, dataDir: DATA_DIR, ceilingMs: DEMO_START_CEILING_MS });
      browser = await chromium.launch({ executablePath: CHROMIUM });
      mkdirSync(SHOTS, { recursive: true });
    },
    { timeout: DEMO_START_CEILING_MS + 60_000 },
  );

  after(async () => {
    await browser?.close();
    await demo?.stop();
    rmSync(DATA_DIR, { recursive: true, force: true });
  });

  test('the librarian finds a resource the collège lacks and copies its reference for an order', async () => {
    assert.ok(browser);
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'fr-FR' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: PORTAL });
    context.setDefaultTimeout(T);
    const page = await context.newPage();
    try {
      await signIn(page, 'librarian');
      const catalogue = page.locator('gar-catalogue');
      await catalogue.locator('[part="entry"]').first().waitFor({ state: 'visible', timeout: T });
      await catalogue.scrollIntoViewIfNeeded();
      await axeClean(page, 'the catalogue');
      await page.screenshot({ path: join(SHOTS, 'catalogue-1-librarian.png'), fullPage: false });

      // A typo and no accent: « dictionaire synonimes ».
      const search = catalogue.getByLabel('Rechercher une ressource');
      await search.fill('dictionaire synonimes');
      const first = catalogue.locator('[part="entry"]').first();
      await first.locator('h3', { hasText: 'Dictionnaire des synonymes' }).waitFor({ timeout: T });
      assert.match((await first.locator('[part="status-badge"]').textContent()) ?? '', /Pas encore abonné/);

      // Narrowed to what the collège does not have yet: the facet says how many.
      const notYet = catalogue.locator('[data-facet="status"] label', { hasText: 'Pas encore' });
      assert.match((await notYet.textContent()) ?? '', /\(\d+\)/);
      await notYet.locator('input').check();
      assert.ok((await catalogue.locator('[part="entry"]').count()) >= 1);

      // What the resource would receive, in words.
      await first.locator('summary', { hasText: 'Données transmises' }).click();
      assert.match((await first.locator('[part="data"]').textContent()) ?? '', /pseudonyme[\s\S]*établissement/);

      // Selected by keyboard, copied with the button.
      await first.locator('[part="select"]').focus();
      await page.keyboard.press('Space');
      await catalogue.locator('[part="selection"]', { hasText: '1 ressource sélectionnée' }).waitFor({ timeout: T });
      await catalogue.locator('[part="copy-button"]').focus();
      await page.keyboard.press('Enter');
      await catalogue.locator('[part="selection"]', { hasText: '1 référence copiée' }).waitFor({ timeout: T });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const [header, line] = copied.split('\n');
      assert.equal(header, 'Référence\tRessource\tDistributeur');
      assert.match(line ?? '', /^ark:\/99107\/dictionnaire-synonymes\tDictionnaire des synonymes\t\d{9}_\d{16}$/);
      await axeClean(page, 'the copied reference');
      await catalogue.locator('[part="selection"]').screenshot({ path: join(SHOTS, 'catalogue-2-copied.png') });
      await page.screenshot({ path: join(SHOTS, 'catalogue-3-page.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test('a pupil is refused the catalogue; the service stays healthy', async () => {
    assert.ok(browser);
    const context = await browser.newContext({ locale: 'fr-FR' });
    context.setDefaultTimeout(T);
    const page = await context.newPage();
    try {
      await signIn(page, 'pupil');
      const error = page.locator('gar-catalogue [part="error"]');
      await error.waitFor({ state: 'visible', timeout: T });
      assert.match((await error.textContent()) ?? '', /réservé/);
      await axeClean(page, 'the refusal');
      const health = await fetch(`${SERVICE}/healthz`);
      assert.equal(health.status, 200);
    } finally {
      await context.close();
    }
  });
});
