// Deep links (grains) and discovery, end to end in Chromium: a link to a page copied in the médiacentre opens that
// exact page at the example provider after the ENT round trip, in the browser that copied it and in a logged-out one
// (through discovery and the ENT's sign-in). The demo runs on this file's own ports (24700–24704) and data folder.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type DemoProcess, startDemo } from './demo-process.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.OPENGAR_REQUIRE_CHROMIUM === '1';
const PORT_BASE = Number(process.env.OPENGAR_E2E_GRAINS_PORT_BASE ?? 24_700);
const SERVICE = `http://127.0.0.1:${PORT_BASE}`;
const PORTAL = `http://127.0.0.1:${PORT_BASE + 1}`;
const PROVIDER = `http://127.0.0.1:${PORT_BASE + 2}`;
const DATA_DIR = join(root, '.tmp', 'e2e-grains-data');
const ARTIFACTS = join(root, 'test-artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const T = 60_000;
const MATHS = 'Mathématiques 6e – manuel numérique';
const PAGE = `${PROVIDER}/resources/maths-6e/chapitres/3?page=42`;

const missing = !existsSync(CHROMIUM);
let demo: DemoProcess | undefined;
let browser: Browser | undefined;

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type AxeResult = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (c: Document) => Promise<AxeResult> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
}

async function freshContext(): Promise<BrowserContext> {
  const context = await browser!.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(T);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: PORTAL });
  return context;
}

/** Chooses the collège on the discovery page (searched by words) and goes on to the ENT. */
async function discover(page: Page): Promise<void> {
  await page.waitForURL(/\/launch\/discover\?/);
  await page.locator('#q').fill('anne de bretagne');
  await Promise.all([page.waitForURL(/[?&]q=anne/), page.getByRole('button', { name: 'Rechercher' }).click()]);
  await page.getByRole('radio', { name: /Collège Anne de Bretagne/ }).check();
  await page.getByRole('button', { name: 'Continuer vers mon ENT' }).click();
}

async function assertLanded(page: Page): Promise<void> {
  await page.waitForURL(PAGE);
  assert.equal(page.url(), PAGE);
  assert.match((await page.locator('#grain-page').textContent()) ?? '', /\/chapitres\/3\?page=42/);
}

describe('grains and discovery, end to end in Chromium', {
  skip: missing && !REQUIRED ? `Chromium not found at ${CHROMIUM}` : false,
}, () => {
  before(async () => {
    // OPENGAR_E2E_GRAINS_ATTACH=1 drives a demo already running on PORT_BASE (while writing the test).
    if (process.env.OPENGAR_E2E_GRAINS_ATTACH !== '1')
      demo = await startDemo({ root, portBase: PORT_BASE, dataDir: DATA_DIR, ceilingMs: 360_000 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  let link = '';

  test('a teacher copies a link to a page in the details view, and the tile copies the resource’s link', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(PORTAL);
    await page.locator('select#user').selectOption('teacher');
    await Promise.all([page.waitForURL(`${PORTAL}/`), page.locator('header form button[type="submit"]').click()]);
    const tile = page.locator('gar-mediacentre .grid .tile', { hasText: MATHS }).first();
    await tile.locator('[part~="copy-link-tile-button"]').click();
    await page.locator('gar-mediacentre [part~="status"]', { hasText: 'copié' }).waitFor();
    const whole = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(whole, new RegExp(`^${SERVICE}/launch\\?idRessource=[^&]+$`));
    await tile.locator('[part~="details-button"]').click();
    await page.locator('gar-mediacentre [part~="page-address"]').fill('https://evil.example/x');
    await page.locator('gar-mediacentre [part~="copy-page-button"]').click();
    await page.locator('gar-mediacentre [part~="page-error"]').waitFor();
    await page.locator('gar-mediacentre [part~="page-address"]').fill(PAGE);
    await page.locator('gar-mediacentre [part~="copy-page-button"]').click();
    await page.locator('gar-mediacentre [part~="status"]', { hasText: 'une page' }).waitFor();
    await shot(page, 'grains-details-share.png');
    link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(new URL(link).searchParams.get('grain'), PAGE);
    assert.doesNotMatch(link, /eyJ|assertion|token|state/i, 'no token or assertion in the link');

    // The same browser, signed in to the ENT: discovery once (the médiacentre's listing set no choice), the ENT
    // round trip without a sign-in, then the exact page; the second time the remembered choice skips discovery.
    const opened = await context.newPage();
    await opened.goto(link);
    await shot(opened, 'grains-discovery.png');
    assert.deepEqual(await axeViolations(opened), []);
    await discover(opened);
    await assertLanded(opened);
    await shot(opened, 'grains-landed.png');
    const again = await context.newPage();
    await again.goto(link);
    await assertLanded(again);
    await context.close();
  });

  test('the same link in a logged-out browser goes through discovery and the ENT’s sign-in, and lands there too', async () => {
    assert.ok(link, 'the first journey copied a link');
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(link);
    await discover(page);
    await page.waitForURL(new RegExp(`^${PORTAL}/gar/assertion\\?`));
    assert.deepEqual(await axeViolations(page), []);
    await page.locator('select#user').selectOption('pupil');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await assertLanded(page);
    await context.close();
  });

  test('a hostile grain in a link is refused before anything happens; the service is healthy', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    const hostile = new URL(link);
    hostile.searchParams.set('grain', 'javascript:alert(1)');
    const res = await page.goto(hostile.href);
    assert.equal(res?.status(), 400);
    assert.equal(new URL(page.url()).origin, SERVICE);
    assert.equal((await page.request.get(`${SERVICE}/healthz`)).status(), 200);
    await context.close();
  });
});
