// Primary schools end to end (issue 20): the demo's école comes in through its generated 1D feed; its director gives
// a new subscription to every class in at most three clicks in the console of the demo ENT portal; a CP pupil opens it
// from the young pupils' médiacentre with the pointer only, then with the keyboard only, and nothing is kept on the
// class device. Screenshots: test-artifacts/primary/ (docs/images/ with OPENGAR_UPDATE_GUIDE_IMAGES=1).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { axeClean, demoJourney, root, T } from './demo-journey.js';

// Its own ports (24 900…24 904): service N, portal N+1, provider N+2, mail N+3, SMTP N+4.
const journey = demoJourney({ name: 'primary', portEnv: 'OPENGAR_E2E_PRIMARY_PORT_BASE', portBase: 24_900 });
const IMAGES =
  process.env.OPENGAR_UPDATE_GUIDE_IMAGES === '1'
    ? join(root, 'docs', 'images')
    : join(root, 'test-artifacts', 'primary');
const ECOLE = '0561800C';
const RESOURCE = 'Calcul malin – cycles 2 et 3';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(IMAGES, { recursive: true });
  await page.screenshot({ path: join(IMAGES, name) });
}

/** A fresh context signed in on the portal as `user`. */
async function signIn(user: string, path: '/' | '/console'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await journey.browser().newContext({ viewport: { width: 1000, height: 760 }, locale: 'fr-FR' });
  context.setDefaultTimeout(T);
  const page = await context.newPage();
  await journey.signIn(page, user, path);
  return { context, page };
}

/** What the publisher received: the claims of its page, once the hand-off landed there. */
async function landed(publisher: Page): Promise<string[]> {
  await publisher.waitForURL((url) => url.origin === journey.provider, { timeout: T });
  const rows = publisher.locator('#claims tr[data-claim]');
  await rows.first().waitFor({ state: 'visible', timeout: T });
  return rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-claim') ?? ''));
}

/** The text of the element focused inside the médiacentre's shadow root. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    return inner ? `${inner.getAttribute('part')}|${inner.textContent?.replace(/\s+/g, ' ').trim()}` : '';
  });

describe('an école, end to end in Chromium: 1D feed, the director’s console, a CP pupil', journey.suite, () => {
  journey.hooks();

  test('the école came in through its 1D feed, and its director gives a resource to every class in ≤ 3 clicks', async () => {
    // The demo's banner lists the école's users.
    for (const [id, name] of [
      ['dir-003', 'Maëlle Le Bihan'],
      ['ens-201', 'Gaëlle Kerhervé'],
      ['eleve-5001', 'Léo Morvan'],
    ])
      assert.ok(journey.output().includes(id) && journey.output().includes(name), `the banner names ${name}`);
    const { context, page } = await signIn('ecole-director', '/console');
    try {
      // The école's synchronisation report, read as the director through the service: the 1D feed's.
      const report = await page.evaluate(
        async ({ service, uai }) => {
          const token = await (
            await fetch('/ent/assertion', { method: 'POST', headers: { 'x-ent-request': '1' } })
          ).text();
          const res = await fetch(`${service}/api/v1/schools/${uai}/sync-report`, {
            headers: { authorization: `Bearer ${token}` },
          });
          return { status: res.status, body: await res.json() };
        },
        { service: journey.service, uai: ECOLE },
      );
      assert.equal(report.status, 200, JSON.stringify(report.body));
      assert.equal(report.body.counts.National_dir, 1);
      assert.equal(report.body.counts.National_doc, undefined, 'no librarian at an école');
      assert.ok(report.body.counts.National_elv >= 100, `pupils: ${report.body.counts.National_elv}`);
      assert.deepEqual(report.body.anomalies.pupilsWithUnknownLevel, []);
      assert.deepEqual(report.body.anomalies.directorsNotInRespAff, []);

      const panel = page.locator('gar-allocation-panel');
      await panel.locator('[part="subscription-button"]').first().waitFor({ state: 'visible', timeout: T });
      assert.deepEqual(
        (await panel.locator('[part~="role"]').allTextContents()).map((x) => x.trim()),
        ['Direction de l’école', 'Votre classe\u202f: CM2'],
      );
      await axeClean(page, 'the école console');
      let clicks = 0;
      await panel.locator('[part="subscription-button"]', { hasText: RESOURCE }).click();
      clicks++;
      const give = panel.locator('[part="give-all-button"]');
      await give.waitFor({ state: 'visible', timeout: T });
      await panel.locator('#give-all-hint', { hasText: '5 classes' }).waitFor({ timeout: T });
      await shot(page, 'ecole-1-console.png');
      await give.click();
      clicks++;
      const notice = panel.locator('[part="notice"]', { hasText: 'est donné à 5 classes' });
      await notice.waitFor({ timeout: T });
      assert.ok(clicks <= 3, `${clicks} clicks`);
      console.log(`the école's rentrée of « ${RESOURCE} »: ${clicks} clicks`);
      await panel.locator('[part="allocation"]').nth(4).waitFor({ timeout: T });
      assert.equal(await panel.locator('[part="allocation"]').count(), 5);
      await axeClean(page, 'the notice');
      await shot(page, 'ecole-2-donne.png');
    } finally {
      await context.close();
    }
  });

  test('a CP pupil opens it from the young pupils’ médiacentre with the pointer only', async () => {
    const { context, page } = await signIn('ecole-pupil', '/');
    try {
      const mediacentre = page.locator('gar-mediacentre[variant="young"]');
      const tile = mediacentre.locator('.young-tile', { hasText: RESOURCE });
      await tile.waitFor({ state: 'visible', timeout: T });
      const open = tile.locator('[part="tile-open"]');
      const box = await open.boundingBox();
      assert.ok(box && box.width >= 96 && box.height >= 96, `a large target: ${JSON.stringify(box)}`);
      assert.equal(await mediacentre.locator('[part~="toolbar"], [part~="search"], [part~="sort"]').count(), 0);
      await axeClean(page, 'the young pupils’ médiacentre');
      await shot(page, 'ecole-3-mediacentre-petits.png');
      const [publisher] = await Promise.all([context.waitForEvent('page', { timeout: T }), open.click()]);
      const claims = await landed(publisher);
      assert.ok(claims.includes('IDO') && claims.includes('DIV'), claims.join(', '));
      await publisher.close();
      const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
      assert.equal(stored, 0, 'nothing kept on the class device');
    } finally {
      await context.close();
    }
  });

  test('… and with the keyboard only', async () => {
    const { context, page } = await signIn('ecole-pupil', '/');
    try {
      const mediacentre = page.locator('gar-mediacentre[variant="young"]');
      await mediacentre.locator('.young-tile', { hasText: RESOURCE }).waitFor({ state: 'visible', timeout: T });
      // From the top of the page: Tab until the tile's open button has the focus.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      let presses = 0;
      while ((await focused(page)) !== `tile-open|${RESOURCE}`) {
        await page.keyboard.press('Tab');
        presses++;
        assert.ok(presses <= 20, `reached the tile in ${presses} presses (${await focused(page)})`);
      }
      const outline = await page.evaluate(() => {
        const inner = document.activeElement?.shadowRoot?.activeElement;
        return inner ? Number.parseFloat(getComputedStyle(inner).outlineWidth) : 0;
      });
      assert.ok(outline >= 4, `a large focus outline (${outline}px)`);
      const [publisher] = await Promise.all([
        context.waitForEvent('page', { timeout: T }),
        page.keyboard.press('Enter'),
      ]);
      const claims = await landed(publisher);
      assert.ok(claims.includes('IDO'), claims.join(', '));
      console.log(`the CP pupil reached « ${RESOURCE} » in ${presses} Tab presses, then Enter`);
    } finally {
      await context.close();
    }
  });
});
