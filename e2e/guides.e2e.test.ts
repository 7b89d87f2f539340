// The guides as tests: docs/guide-ent.md and docs/guide-publisher.md followed literally. Every snippet marked
// `<!-- guide-test: NAME -->` is extracted from the Markdown and run from the packed tarballs, installed with plain
// npm in a folder outside the repository, on the lowest Node.js the packages declare, against a running service
// (`opengar serve --seed demo`, from the server tarball, on loopback), in Chromium where a page is involved. The only
// change made to a snippet is the service's URL (`https://gar.example` → the running service). A marked snippet
// this suite does not know, or a known one the guides lost, fails the suite.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
// @ts-expect-error: a plain ES module of the repository's scripts
import { guideSnippets, withLocalBundle, withService } from '../scripts/guide-snippets.mjs';
import elementsPackage from '../packages/elements/package.json' with { type: 'json' };

const elementsVersion: string = elementsPackage.version;
// @ts-expect-error: a plain ES module of the repository's scripts
import { installTarballs, packAll, removeOutside } from '../scripts/packages.mjs';

type Snippet = { name: string; lang: string; code: string; file: string; line: number };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.OPENGAR_REQUIRE_CHROMIUM === '1';
const T = 60_000;
const START_CEILING_MS = 300_000;
const PUBLISHER_KEY = 'demo-publisher-key-lexique-et-cie-not-for-production'; // docs/demo-data.md
const OPERATOR_SECRET = 'demo-operator-secret-0000-not-for-production';
const DICTIONARY = 'Le Dictionnaire scolaire';

/** The snippets each test runs. A marker in a guide that is in none of these lists fails the suite. */
const RUN_IN_NODE = [
  'publisher-ws-create',
  'publisher-ws-read',
  'publisher-json-read',
  'publisher-verifier',
  'publisher-express',
  'publisher-hono',
  'publisher-cas-validate',
  'ent-sign-assertion',
];
const RUN_IN_CHROMIUM = ['ent-embed', 'ent-theme', 'ent-console'];

const snippets: Map<string, Snippet> = guideSnippets();
const snippet = (name: string): Snippet => {
  const s = snippets.get(name);
  assert.ok(s, `the guides have no snippet marked guide-test: ${name}`);
  return s;
};

let outside = '';
let node = '';
let nodeBin = '';
let service: ChildProcess | undefined;
let serviceUrl = '';
let serviceOutput = '';
let world: ChildProcess | undefined;
let portalUrl = '';
let providerUrl = '';
let bundle = '';
/** What publisher-flow.mjs printed (the CAS ticket it obtained). */
let flow: { cas?: { status: number; service: string; ticket: string | null } } | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts a process of the outside folder and resolves once its output matches `ready`. */
function startOutside(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  onOutput: (text: string) => void,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(node, args, {
    cwd: outside,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, PATH: `${nodeBin}:${process.env.PATH}`, FORCE_COLOR: '0' },
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args.join(' ')} did not start within ${START_CEILING_MS / 1000} s:\n${text}`)),
      START_CEILING_MS,
    );
    const onData = (d: Buffer) => {
      text += d.toString();
      onOutput(d.toString());
      const match = ready.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} stopped during start-up (exit code ${code}):\n${text}`));
    });
  });
}

/** Resolves once `url` answers 200 (the banner may come before the socket listens). */
async function answering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_CEILING_MS;
  for (;;) {
    assert.equal(child.exitCode, null, `the service stopped:\n${serviceOutput}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    assert.ok(Date.now() < deadline, `${url} did not answer within ${START_CEILING_MS / 1000} s:\n${serviceOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref())]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A TypeScript snippet as an ES module of the outside folder: types stripped, `prelude` before, `epilogue` after. */
function writeModule(file: string, s: Snippet, prelude = '', epilogue = ''): void {
  const { code } = transformSync(withService(s, serviceUrl), { loader: 'ts', format: 'esm', target: 'es2023' });
  writeFileSync(join(outside, file), `${prelude}${code}${epilogue}`);
}

/** Runs a shell snippet in the outside folder with bash, as a reader would paste it. */
function runShell(s: Snippet, env: Record<string, string> = {}): { status: number | null; out: string } {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', withService(s, serviceUrl)], {
    cwd: outside,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  // curl's progress meter (stderr, when not on a terminal) is noise, not an answer.
  return { status: r.status, out: `${r.stdout}${r.stderr.replace(/^.*(% Total|Dload|--:--).*$/gm, '')}` };
}

describe('the guides, followed literally from the packed packages', () => {
  before(async () => {
    const packs = packAll(join(root, '.tmp', 'guide-packages')) as { tarball: string }[];
    const installed = installTarballs(
      packs.map((p) => p.tarball),
      { extra: ['express@5'], prefix: 'opengar-guides-' },
    ) as { dir: string; runtime: { node: string; bin: string } };
    outside = installed.dir;
    node = installed.runtime.node;
    nodeBin = installed.runtime.bin;
    const found = join(outside, 'node_modules', '@opengar', 'elements', 'dist', 'opengar-elements.min.js');
    bundle = existsSync(found) ? found : '';

    const [servicePort, portalPort, providerPort] = [await freePort(), await freePort(), await freePort()];
    portalUrl = `http://127.0.0.1:${portalPort}`;
    providerUrl = `http://127.0.0.1:${providerPort}`;
    const started = await startOutside(
      [
        join(outside, 'node_modules', '@opengar', 'server', 'bin', 'opengar.mjs'),
        'serve',
        '--seed',
        'demo',
        '--store',
        'memory',
        '--port',
        String(servicePort),
        '--provider-url',
        providerUrl,
        '--issuer',
        `http://127.0.0.1:${servicePort}`,
      ],
      {},
      new RegExp(`127\\.0\\.0\\.1:${servicePort}`), // the start-up lines name the service's URL
      (t) => {
        serviceOutput += t;
      },
    );
    service = started.child;
    serviceUrl = `http://127.0.0.1:${servicePort}`;
    await answering(`${serviceUrl}/.well-known/gar-configuration`, service);

    for (const name of ['session.mjs', 'publisher-flow.mjs', 'ent-world.mjs'])
      copyFileSync(join(root, 'e2e', 'guides', name), join(outside, name));
    writeModule('ent-sign-assertion.mjs', snippet('ent-sign-assertion'));
    writeModule('verifier.mjs', snippet('publisher-verifier'));
    const handlerPrelude = "import { verifier } from './verifier.mjs';\nimport { openSession } from './session.mjs';\n";
    writeModule('publisher-express.mjs', snippet('publisher-express'), handlerPrelude, '\nexport { app };\n');
    writeModule('publisher-hono.mjs', snippet('publisher-hono'), handlerPrelude, '\nexport { app };\n');
  });

  after(async () => {
    await stop(world);
    await stop(service);
    if (outside) removeOutside(outside);
  });

  test('every snippet marked in the guides is run by this suite, and every one it runs is marked', () => {
    const known = new Set([...RUN_IN_NODE, ...RUN_IN_CHROMIUM]);
    const unknown = [...snippets.values()]
      .filter((s) => !known.has(s.name))
      .map((s) => `${s.file}:${s.line} ${s.name}`);
    assert.deepEqual(unknown, [], 'marked snippets that no test runs');
    const lost = [...known].filter((name) => !snippets.has(name));
    assert.deepEqual(lost, [], 'snippets this suite runs that the guides no longer mark');
  });

  test('publisher guide: create a subscription on the XML web service (publisher-ws-create)', () => {
    const r = runShell(snippet('publisher-ws-create'), { OPENGAR_PUBLISHER_KEY: PUBLISHER_KEY });
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /<idAbonnement>dico-0561641E-2026<\/idAbonnement>/);
    const again = runShell(snippet('publisher-ws-create'), { OPENGAR_PUBLISHER_KEY: PUBLISHER_KEY });
    assert.notEqual(again.status, 0, 'the same id twice is refused (409), and curl --fail-with-body says so');
    assert.match(again.out, /<Erreur[\s>]/);
  });

  test('publisher guide: list subscriptions and count allocations (publisher-ws-read)', () => {
    const r = runShell(snippet('publisher-ws-read'), { OPENGAR_PUBLISHER_KEY: PUBLISHER_KEY });
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /<idAbonnement>dico-0561641E-2026<\/idAbonnement>/, 'the list has the new subscription');
    assert.match(r.out, /dico-0561641E-2026;/, 'the count is GAR CSV naming the subscription');
    assert.doesNotMatch(r.out, /<Erreur/);
  });

  test('publisher guide: the JSON API (publisher-json-read)', () => {
    const r = runShell(snippet('publisher-json-read'), { OPENGAR_PUBLISHER_KEY: PUBLISHER_KEY });
    assert.equal(r.status, 0, r.out);
    const docs = jsonValues(r.out) as Record<string, unknown>[];
    assert.equal(docs.length, 3, r.out);
    assert.match(JSON.stringify(docs[0]), /dico-0561641E-2026/, 'subscriptions of the school');
    assert.match(JSON.stringify(docs[1]), /0561641E/, 'the schools');
    assert.match(JSON.stringify(docs[2]), /dico-0561641E-2026/, 'the allocation count');
    for (const d of docs) assert.ok(!('status' in d && Number(d.status) >= 400), JSON.stringify(d));
  });

  const handOff = 'ent-sign-assertion, publisher-verifier, publisher-express, publisher-hono';
  test(`ENT guide signer, publisher guide verifier with Express and Hono: a hand-off verified once (${handOff})`, () => {
    const r = spawnSync(node, ['publisher-flow.mjs'], {
      cwd: outside,
      encoding: 'utf8',
      env: { ...process.env, GUIDE_SERVICE_URL: serviceUrl },
    });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop() as string);
    assert.equal(out.mediacentre.status, 200, out.mediacentre.body);
    assert.match(
      out.mediacentre.body,
      /ark:\/99202\/dictionnaire/,
      'the signed assertion opens the pupil’s médiacentre',
    );
    for (const name of ['express', 'hono']) {
      const { first, session, again, tampered } = out[name];
      assert.equal(first.status, 303, `${name}: ${JSON.stringify(first)}`);
      assert.match(first.location, /\/app\?session=s\d+$/, name);
      assert.equal(session.aud, 'ark:/99202/dictionnaire', name);
      assert.equal(session.iss, serviceUrl, name);
      assert.ok(session.sub, `${name}: the claims carry the pseudonym`);
      assert.equal(again.status, 401, `${name}: a replayed token is refused: ${JSON.stringify(again)}`);
      assert.equal(tampered.status, 401, `${name}: a tampered token is refused: ${JSON.stringify(tampered)}`);
    }
    assert.match(out.express.again.type, /application\/problem\+json/);
    assert.equal(JSON.parse(out.hono.again.body).code, 'replayed');
    assert.equal(JSON.parse(out.hono.tampered.body).code, 'bad_signature');
    flow = out;
  });

  test('publisher guide: a CAS ticket redeemed with serviceValidate, once (publisher-cas-validate)', () => {
    assert.ok(flow?.cas?.ticket, `the CAS launch gave a ticket: ${JSON.stringify(flow?.cas)}`);
    const env = { SERVICE_URL: flow.cas.service, TICKET: flow.cas.ticket as string };
    const r = runShell(snippet('publisher-cas-validate'), env);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /<cas:authenticationSuccess>/, r.out);
    assert.match(r.out, /<cas:user>[^<]+<\/cas:user>/);
    const again = runShell(snippet('publisher-cas-validate'), env);
    assert.match(again.out, /<cas:authenticationFailure code="INVALID_TICKET"/, 'a ticket is single-use');
  });

  describe('ENT guide pages in Chromium', () => {
    let browser: Browser | undefined;
    const pending = () =>
      bundle
        ? false
        : 'pending: @opengar/elements ships no dist/opengar-elements.min.js yet (the guide’s /assets/opengar-elements.min.js)';
    const chromiumMissing = !existsSync(CHROMIUM);

    before(async () => {
      if (pending()) return;
      assert.ok(!chromiumMissing || !REQUIRED, `Chromium is required but missing at ${CHROMIUM}`);
      if (chromiumMissing) return;
      await registerPortalOrigin();
      writeFileSync(join(outside, 'ent-pages.json'), JSON.stringify(entPages()));
      world = (
        await startOutside(
          ['ent-world.mjs'],
          {
            GUIDE_SERVICE_URL: serviceUrl,
            GUIDE_PORTAL_PORT: new URL(portalUrl).port,
            GUIDE_PROVIDER_PORT: new URL(providerUrl).port,
            GUIDE_BUNDLE: bundle,
          },
          /ent-world ready/,
          () => undefined,
        )
      ).child;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    });
    after(async () => {
      await browser?.close().catch(() => undefined);
    });

    const skip = () => pending() || (chromiumMissing && !REQUIRED ? `Chromium not found at ${CHROMIUM}` : false);

    test('the médiacentre embedded as written shows the pupil’s resources, themed; a click hands off to the publisher (ent-embed, ent-theme)', async (t) => {
      const why = skip();
      if (why) return t.skip(why);
      const { page, errors } = await newPage();
      await page.goto(`${portalUrl}/?as=eleve-0001`);
      const tile = page.locator('gar-mediacentre .tile:not([hidden]) [part="tile-name"]', { hasText: DICTIONARY });
      await tile.first().waitFor({ state: 'visible', timeout: T });
      const shadow = await page
        .locator('gar-mediacentre [part="tile"]')
        .first()
        .evaluate((el) => getComputedStyle(el).boxShadow);
      assert.match(shadow, /rgba\(0, 0, 0, 0\.2\) 0px 1px 3px/, 'the guide’s ::part(tile) rule reaches the tiles');
      const [tab] = await Promise.all([page.context().waitForEvent('page'), tile.first().click()]);
      await tab.waitForURL(/\/app\?session=s\d+$/, { timeout: T });
      assert.ok(tab.url().startsWith(providerUrl), tab.url());
      assert.deepEqual(errors, [], 'no script error on the page');
      await page.context().close();
    });

    test('the console and statistics embedded as written show the head’s school (ent-console)', async (t) => {
      const why = skip();
      if (why) return t.skip(why);
      const { page, errors } = await newPage();
      await page.goto(`${portalUrl}/console?as=dir-001`);
      await page.locator('gar-allocation-panel', { hasText: 'Console d’affectation' }).waitFor({ timeout: T });
      await page
        .locator('gar-allocation-panel [part="subscription-button"]', { hasText: DICTIONARY })
        .first()
        .waitFor({ timeout: T });
      await page.locator('gar-usage-stats', { hasText: 'Statistiques d’utilisation' }).waitFor({ timeout: T });
      assert.equal(await page.locator('gar-allocation-panel [role="alert"]').count(), 0, 'no error in the panel');
      assert.deepEqual(errors, [], 'no script error on the page');
      await page.context().close();
    });

    test('a refused assertion request is an error, never a token sent to the service (ent-embed)', async (t) => {
      const why = skip();
      if (why) return t.skip(why);
      const { page, errors } = await newPage();
      const bearers: string[] = [];
      page.on('request', (req) => {
        const auth = req.headers().authorization;
        if (req.url().startsWith(serviceUrl) && auth) bearers.push(auth);
      });
      await page.goto(`${portalUrl}/`); // no `as` cookie: the portal's /ent/assertion answers 403 with an HTML page
      await page.locator('gar-mediacentre [part="error"]').first().waitFor({ timeout: T });
      assert.equal(await page.locator('gar-mediacentre [part="tile"]').count(), 0);
      assert.deepEqual(
        bearers.filter((b) => !/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(b)),
        [],
        'only JWTs are sent as credentials',
      );
      assert.deepEqual(errors, [], 'no uncaught script error on the page');
      await page.context().close();
    });

    async function newPage(): Promise<{ page: Page; errors: string[] }> {
      assert.ok(browser, 'Chromium was launched');
      const context = await browser.newContext({ locale: 'fr-FR' });
      context.setDefaultTimeout(T);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      return { page, errors };
    }
  });
});

/** The pages of the ENT guide: its embedding snippet (with the theme of step 4), and the console snippet. */
function entPages(): Record<string, string> {
  // The pinned CDN address is the one other change: the same file, from the packed tarball (no network here).
  const embed = withLocalBundle(
    withService(snippet('ent-embed'), serviceUrl),
    elementsVersion,
    '/assets/opengar-elements.min.js',
  );
  assert.ok(embed.includes('/assets/opengar-elements.min.js'), 'ent-embed loads the elements’ single file');
  const theme = snippet('ent-theme').code;
  const console_ = withService(snippet('ent-console'), serviceUrl);
  // The console goes "inside the same provider" as the médiacentre: the embedding page with the console's provider in
  // place of the médiacentre's (its loader and getToken script unchanged).
  const provider = /<gar-client-provider[\s\S]*?<\/gar-client-provider>/;
  assert.match(embed, provider, 'ent-embed has a <gar-client-provider>');
  const page = (body: string) =>
    [
      '<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>ENT</title>',
      `<style>\n${theme}</style>\n</head>\n<body>\n<main>\n${body}</main>\n</body>\n</html>\n`,
    ].join('\n');
  return { '/': page(embed), '/console': page(embed.replace(provider, console_.trim())) };
}

/** Step 1 of the ENT guide, done by the operator: the portal's origin among the demo ENT's `origins`. */
async function registerPortalOrigin(): Promise<void> {
  const url = `${serviceUrl}/api/v1/admin/ents/ENT-DEMO`;
  const headers = { authorization: `Bearer ${OPERATOR_SECRET}`, 'content-type': 'application/json' };
  const ent = (await (await fetch(url, { headers })).json()) as { origins: string[] };
  const res = await fetch(url, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...ent, origins: [...ent.origins, portalUrl] }),
  });
  assert.equal(res.status, 200, await res.text());
}

/** The JSON values written one after the other (as three `curl` calls print them, with no separator). */
function jsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
  }
  return values;
}

process.on('exit', () => {
  if (process.exitCode && serviceOutput) console.error(`service output:\n${serviceOutput.slice(-4000)}`);
});
