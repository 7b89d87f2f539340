// The librarian finds a resource in the catalogue and copies its reference (issue 19), end to end: the demo ENT
// portal's console in Chromium, the catalogue searched with a typo and no accent, narrowed to what the collège does not
// have yet, one resource selected by keyboard and its reference copied (the clipboard granted to the page), axe-clean
// at each step; a pupil is refused. Screenshots in test-artifacts/catalogue/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { axeClean, demoJourney, root, T } from './demo-journey.js';

// Its own ports (24 800…24 804): service N, portal N+1, provider N+2, mail N+3, SMTP N+4.
const journey = demoJourney({ name: 'catalogue', portEnv: 'OPENGAR_E2E_CATALOGUE_PORT_BASE', portBase: 24_800 });
const SHOTS = join(root, 'test-artifacts', 'catalogue');

describe('the catalogue, end to end in Chromium', journey.suite, () => {
  journey.hooks();
  before(() => mkdirSync(SHOTS, { recursive: true }));

  test('the librarian finds a resource the collège lacks and copies its reference for an order', async () => {
    const context = await journey.browser().newContext({ viewport: { width: 1100, height: 800 }, locale: 'fr-FR' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: journey.portal });
    context.setDefaultTimeout(T);
    const page = await context.newPage();
    try {
      await journey.signIn(page, 'librarian');
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
    const context = await journey.browser().newContext({ locale: 'fr-FR' });
    context.setDefaultTimeout(T);
    const page = await context.newPage();
    try {
      await journey.signIn(page, 'pupil');
      const error = page.locator('gar-catalogue [part="error"]');
      await error.waitFor({ state: 'visible', timeout: T });
      assert.match((await error.textContent()) ?? '', /réservé/);
      await axeClean(page, 'the refusal');
      const health = await fetch(`${journey.service}/healthz`);
      assert.equal(health.status, 200);
    } finally {
      await context.close();
    }
  });
});
