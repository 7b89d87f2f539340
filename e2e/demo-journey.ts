// What every journey in Chromium sets up the same way: the demo on the journey's own ports and data folder, one
// Chromium, the portal's sign-in, and axe on the whole page. A journey file keeps only its own steps.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type DemoProcess, startDemo } from './demo-process.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The timeout of one step (a page, a locator). */
export const T = 60_000;
const DEMO_START_CEILING_MS = 360_000;
const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.OPENGAR_REQUIRE_CHROMIUM === '1';
const missing = !existsSync(CHROMIUM);
let axeSource: string | undefined;
/** Chromium without a sandbox, a GPU or its background services (the pins and year journeys run it so). */
export const LEAN_CHROMIUM: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-sync',
];

/** A journey's demo and browser, once its suite's `before` has run. */
export interface DemoJourney {
  /** The service, the ENT portal, the resource provider and the mail view: ports N to N+3 (SMTP is N+4). */
  readonly service: string;
  readonly portal: string;
  readonly provider: string;
  readonly mail: string;
  readonly portBase: number;
  /** The suite's options: skipped, saying why, without Chromium (a failure with OPENGAR_REQUIRE_CHROMIUM=1). */
  readonly suite: { skip: string | false };
  /** Starts the demo and Chromium before the suite, stops them and deletes the data after; call inside `describe`. */
  hooks(): void;
  browser(): Browser;
  /** Everything the demo printed so far. */
  output(): string;
  /** Signs `page` in on the portal's `path` as `user` (the portal's own login, not part of the journeys). */
  signIn(page: Page, user: string, path?: string): Promise<void>;
}

/**
 * The journey `name` on its ports: `portBase` unless the environment variable `portEnv` gives others (five from N),
 * with its data in `.tmp/e2e-<name>-data`.
 */
export function demoJourney(o: {
  name: string;
  portEnv: string;
  portBase: number;
  /** Chromium's command-line switches, if any. */
  chromiumArgs?: readonly string[];
}): DemoJourney {
  const portBase = Number(process.env[o.portEnv] ?? o.portBase);
  const url = (offset: number) => `http://127.0.0.1:${portBase + offset}`;
  const dataDir = join(root, '.tmp', `e2e-${o.name}-data`);
  let demo: DemoProcess | undefined;
  let browser: Browser | undefined;
  const journey: DemoJourney = {
    service: url(0),
    portal: url(1),
    provider: url(2),
    mail: url(3),
    portBase,
    suite: { skip: missing && !REQUIRED ? `Chromium not found at ${CHROMIUM}` : false },
    hooks() {
      before(
        async () => {
          assert.ok(!missing, `Chromium is required (OPENGAR_REQUIRE_CHROMIUM=1) but not found at ${CHROMIUM}`);
          demo = await startDemo({ root, portBase, dataDir, ceilingMs: DEMO_START_CEILING_MS });
          browser = await chromium.launch({
            executablePath: CHROMIUM,
            ...(o.chromiumArgs ? { args: [...o.chromiumArgs] } : {}),
          });
        },
        { timeout: DEMO_START_CEILING_MS + 60_000 },
      );
      after(async () => {
        await browser?.close().catch(() => undefined);
        await demo?.stop();
        rmSync(dataDir, { recursive: true, force: true });
      });
    },
    browser() {
      assert.ok(browser, 'the journey has started');
      return browser;
    },
    output: () => demo?.output() ?? '',
    async signIn(page, user, path = '/console') {
      await page.goto(`${journey.portal}${path}`);
      await page.locator('select#user').selectOption(user);
      await Promise.all([
        page.waitForURL(`${journey.portal}${path}`),
        page.locator('header form button[type="submit"]').click(),
      ]);
    },
  };
  return journey;
}

/** axe-core's script, to evaluate in a page (the pages' CSP holds: no script tag is added). */
export function axeScript(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** axe on the whole page (shadow DOM included), WCAG 2 A and AA: no violation. */
export async function axeClean(page: Page, step: string): Promise<void> {
  await page.evaluate(axeScript());
  const violations = await page.evaluate(async () => {
    type AxeResult = { violations: { id: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe, ${step}`);
}
