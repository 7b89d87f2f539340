// opengar as an LTI 1.3 tool, in Chromium, as a teacher in a (simulated) Moodle course: "Select content" → login
// initiation → Moodle's auth → launch → the ENT's assertion → the picker (screenshot, axe) → the Deep Linking response
// auto-posted back to Moodle, verified with opengar's published keys. Every origin is served in process through
// Playwright's request routing (no port is opened): opengar's app, a Moodle that signs with its own RSA key, an ENT.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Request as PwRequest, type Route } from 'playwright-core';
import { R_DICO, S1 } from '../packages/server/test/helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../packages/server/test/helpers/world.js';
import {
  CLIENT_ID,
  idToken,
  MOODLE,
  moodleKeys,
  platform,
  RETURN_URL,
  type MoodleKeys,
  verifyDeepLinkJwt,
} from '../packages/server/test/handoff/lti-tool/moodle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.OPENGAR_REQUIRE_CHROMIUM === '1';
const ARTIFACTS = join(root, 'test-artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const GAR = 'https://gar.test';
const ENT = 'https://ent-a.test';

const autoPost = (action: string, fields: Record<string, string>) =>
  `<!doctype html><html lang="fr"><head><title>…</title></head><body><form method="post" action="${action}">${Object.entries(
    fields,
  )
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`)
    .join('')}</form><script>document.forms[0].submit()</script></body></html>`;

/** Whether a request navigates a frame (a new window's first request has no frame yet: not a frame). */
function inFrame(req: PwRequest): boolean {
  try {
    return req.frame().parentFrame() !== null;
  } catch {
    return false;
  }
}

describe('the LTI Deep Linking picker in Chromium', {
  skip: !existsSync(CHROMIUM) && !REQUIRED ? `Chromium not found at ${CHROMIUM}` : false,
}, () => {
  let browser: Browser;
  let w: HandoffWorld;
  let keys: MoodleKeys;
  let returned: string | undefined;

  before(async () => {
    keys = await moodleKeys();
    w = await buildWorld({ data: 'handoff' });
    await w.service.admin.ltiPlatforms.create({ kind: 'operator', operatorId: 'op' }, platform(keys));
    const dico = (await w.store.getResource(R_DICO))!;
    await w.store.putResource({ ...dico, grainOrigins: ['https://dico.resource.test'] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => browser?.close());

  async function toApp(route: Route): Promise<void> {
    const req = route.request();
    const headers = await req.allHeaders();
    // Chromium's network stack adds the Fetch Metadata headers after Playwright's interception: the harness adds the
    // one the tool reads, as the browser sends it for a frame's navigation.
    if (req.isNavigationRequest()) headers['sec-fetch-dest'] = inFrame(req) ? 'iframe' : 'document';
    const body = req.postDataBuffer();
    const res = await w.app.fetch(
      new Request(req.url(), { method: req.method(), headers, ...(body ? { body: new Uint8Array(body) } : {}) }),
    );
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      out[k] = v;
    });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location && inFrame(req)) {
      // Playwright does not route the target of a fulfilled redirect inside a frame: the harness follows it with a
      // script instead (same target, same cookies set; a GET as a 302/303 after a POST would be).
      delete out.location;
      const body = `<!doctype html><title>…</title><script>location.replace(${JSON.stringify(location)})</script>`;
      await route.fulfill({
        status: 200,
        headers: { ...out, 'content-type': 'text/html', 'content-security-policy': '' },
        body,
      });
      return;
    }
    await route.fulfill({ status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) });
  }

  async function moodle(route: Route): Promise<void> {
    const url = new URL(route.request().url());
    if (url.pathname === '/course/framed.php')
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Cours</title></head><body>
<iframe name="lti" title="Sélection de contenu" style="width:880px;height:800px"></iframe>
<form method="post" action="${GAR}/lti/tool/login" target="lti">
<input type="hidden" name="iss" value="${MOODLE}"><input type="hidden" name="login_hint" value="2">
<input type="hidden" name="target_link_uri" value="${GAR}/lti/tool/launch"><input type="hidden" name="client_id" value="${CLIENT_ID}">
<input type="hidden" name="lti_deployment_id" value="1"><button>Sélectionner le contenu</button></form></body></html>`,
      });
    if (url.pathname === '/course/view.php')
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="fr"><head><title>Cours</title></head><body><form method="post" action="${GAR}/lti/tool/login">
<input type="hidden" name="iss" value="${MOODLE}"><input type="hidden" name="login_hint" value="2">
<input type="hidden" name="target_link_uri" value="${GAR}/lti/tool/launch"><input type="hidden" name="client_id" value="${CLIENT_ID}">
<input type="hidden" name="lti_deployment_id" value="1"><button>Sélectionner le contenu</button></form></body></html>`,
      });
    if (url.pathname === '/mod/lti/auth.php') {
      assert.equal(url.searchParams.get('redirect_uri'), `${GAR}/lti/tool/launch`);
      const token = await idToken({ keys, nonce: url.searchParams.get('nonce')!, now: w.clock.now() });
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: autoPost(url.searchParams.get('redirect_uri')!, {
          id_token: token,
          state: url.searchParams.get('state')!,
        }),
      });
    }
    if (url.pathname === '/mod/lti/contentitem_return.php') {
      returned = new URLSearchParams(route.request().postData() ?? '').get('JWT') ?? undefined;
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><title>ok</title><p>Contenu ajouté</p>',
      });
    }
    return route.fulfill({ status: 404, body: '' });
  }

  async function ent(route: Route, headers: Record<string, string> = {}): Promise<void> {
    const url = new URL(route.request().url());
    const assertion = await w.assertion({ sub: 'prof-a', uai: S1 });
    await route.fulfill({
      headers,
      contentType: 'text/html; charset=utf-8',
      body: autoPost(url.searchParams.get('return_to')!, { assertion, state: url.searchParams.get('state')! }),
    });
  }

  for (const lang of ['fr', 'en'] as const) {
    test(`a teacher places a page of the dictionary in the course (${lang})`, async () => {
      returned = undefined;
      const context = await browser.newContext({
        viewport: { width: 900, height: 900 },
        locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
      });
      await context.route(`${GAR}/**`, (r) => toApp(r).catch((e) => console.log('ROUTE', e)));
      await context.route(`${MOODLE}/**`, (r) => moodle(r).catch((e) => console.log('ROUTE', e)));
      await context.route(`${ENT}/**`, (r) => ent(r).catch((e) => console.log('ROUTE', e)));
      const page = await context.newPage();
      await page.goto(`${MOODLE}/course/view.php?id=2`);
      await page.getByRole('button', { name: 'Sélectionner le contenu' }).click();
      const heading = lang === 'fr' ? 'Placer une ressource dans le cours' : 'Place a resource in the course';
      await page.getByRole('heading', { name: heading }).waitFor();
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `lti-picker-${lang}.png`), fullPage: true });
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        type AxeResult = { violations: { id: string; nodes: { target: string[] }[] }[] };
        const axe = (window as unknown as { axe: { run: (c: Document) => Promise<AxeResult> } }).axe;
        return (await axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' '))}`);
      });
      assert.deepEqual(violations, []);
      // Keyboard: the first resource is checked; Tab reaches the page field, then the title, then the button.
      const radio = page.getByRole('radio').first();
      assert.equal(await radio.isChecked(), true);
      await page.getByLabel(lang === 'fr' ? 'Page précise (facultatif)' : 'A given page (optional)').fill('/mot/chat');
      await page
        .getByLabel(lang === 'fr' ? 'Titre dans le cours (facultatif)' : 'Title in the course (optional)')
        .focus();
      await page.keyboard.type('Dico : « chat »');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(RETURN_URL);
      assert.ok(returned, 'Moodle received the JWT');
      const payload = await verifyDeepLinkJwt(w, returned, w.clock.now());
      const items = payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as Record<string, unknown>[];
      assert.equal(items[0]!.title, 'Dico : « chat »');
      assert.deepEqual(items[0]!.custom, { gar_resource: R_DICO, gar_grain: 'https://dico.resource.test/mot/chat' });
      await context.close();
    });
  }

  test('in Moodle’s content-selection frame: the ENT in a new window, the answer back to the frame', async () => {
    returned = undefined;
    const context = await browser.newContext({ locale: 'fr-FR' });
    await context.route(`${GAR}/**`, (r) => toApp(r).catch((e) => console.log('ROUTE', e)));
    await context.route(`${MOODLE}/**`, (r) => moodle(r).catch((e) => console.log('ROUTE', e)));
    // A real ENT refuses to be framed.
    await context.route(`${ENT}/**`, (r) =>
      ent(r, { 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'" }).catch((e) =>
        console.log('ROUTE', e),
      ),
    );
    const page = await context.newPage();
    await page.goto(`${MOODLE}/course/framed.php`);
    await page.getByRole('button', { name: 'Sélectionner le contenu' }).click();
    const frame = page.frameLocator('iframe[name="lti"]');
    const link = frame.getByRole('link', { name: /Se connecter avec ENT A \(nouvelle fenêtre\)/ });
    await link.waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'lti-picker-framed.png') });
    const framed = page.frames().find((f) => f.url().startsWith(`${GAR}/lti/tool/launch`))!;
    await framed.evaluate(AXE_SOURCE);
    const violations = await framed.evaluate(async () => {
      type AxeResult = { violations: { id: string }[] };
      const axe = (window as unknown as { axe: { run: (c: Document) => Promise<AxeResult> } }).axe;
      return (await axe.run(document)).violations.map((v) => v.id);
    });
    assert.deepEqual(violations, []);
    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await popup.getByRole('heading', { name: 'Placer une ressource dans le cours' }).waitFor();
    await popup.getByRole('button', { name: 'Placer dans le cours' }).click();
    await frame.getByText('Contenu ajouté').waitFor();
    assert.ok(returned, 'Moodle received the JWT in its frame');
    const payload = await verifyDeepLinkJwt(w, returned, w.clock.now());
    assert.equal(payload['https://purl.imsglobal.org/spec/lti-dl/claim/data'], 'moodle-opaque-data-42');
    await context.close();
  });
});
