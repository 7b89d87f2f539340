// Issue 19 end to end, on the demo as it runs (service, ENT portal, mail): the teacher of 6e A recommends a resource
// to the class and the pupil of 6e A sees it first in her médiacentre, « Recommandé par … »; the teacher asks for a
// resource for 6e A and the head finds the request in the console's notifications and in the requests.
// Its own ports (24 850: service N, portal N+1, provider N+2, mail view N+3, SMTP N+4) and data dir.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { importSigningKey, signAssertion } from '../packages/elements/test/fixtures/sign-assertion.js';
import { DEMO_UAI } from '../packages/server/src/seed/demo-catalogue.js';
import { DEMO_CREDENTIALS } from '../packages/server/src/seed/demo-credentials.js';
import { DEMO_USERS } from '../packages/server/src/seed/demo-users.js';
import { axeScript, demoJourney, LEAN_CHROMIUM, T } from './demo-journey.js';

const journey = demoJourney({
  name: 'pins',
  portEnv: 'OPENGAR_E2E_PINS_PORT_BASE',
  portBase: 24_850,
  chromiumArgs: LEAN_CHROMIUM,
});
const SERVICE = journey.service;
const C = DEMO_UAI.college;
const MATHS = 'ark:/99101/maths-6e';
const EXOS = 'ark:/99303/exos-maths-college';

/** An ENT user assertion of a demo user, signed with the demo ENT's key, as the portal's back end signs them. */
async function tokenOf(userKey: string): Promise<string> {
  const u = DEMO_USERS.find((x) => x.key === userKey);
  assert.ok(u, userKey);
  const jwk = DEMO_CREDENTIALS.entSigningKey.privateJwk;
  const key = await importSigningKey(jwk);
  return signAssertion(key, jwk.kid, {
    iss: u.entId,
    aud: SERVICE,
    sub: u.personId,
    uai: C,
    iat: Math.floor(Date.now() / 1000),
  });
}

async function api(userKey: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${SERVICE}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(userKey)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function signIn(user: string, path = '/'): Promise<Page> {
  const context = await journey.browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(T);
  const page = await context.newPage();
  await journey.signIn(page, user, path);
  return page;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeScript());
  return page.evaluate(async () => {
    type R = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<R> } }).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const inAWeek = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + 7 * 86_400_000));

describe('teachers: a pin for 6e A, a request the head sees', journey.suite, () => {
  journey.hooks();

  test('the teacher of 6e A pins a resource for the class; the pupil of 6e A sees it first', async () => {
    const classes = await api('teacher', 'GET', `/api/v1/me/classes?uai=${C}`);
    assert.equal(classes.status, 200);
    const mine = (await classes.json()) as { classes: { code: string }[]; resources: { resourceId: string }[] };
    assert.ok(
      mine.classes.some((c) => c.code === '6A'),
      'the teacher teaches 6e A',
    );
    // Another school's classes are not the teacher's business.
    assert.equal((await api('teacher', 'GET', '/api/v1/me/classes?uai=0000000X')).status, 404);
    const pinned = await api('teacher', 'POST', '/api/v1/me/pins', {
      uai: C,
      resourceId: MATHS,
      groupCodes: ['6A'],
      note: 'Chapitre 3 : les fractions',
      until: inAWeek(),
    });
    assert.equal(pinned.status, 201, await pinned.clone().text());
    const refused = await api('teacher', 'POST', '/api/v1/me/pins', {
      uai: C,
      resourceId: MATHS,
      groupCodes: ['3A'],
      until: inAWeek(),
    });
    assert.equal(refused.status, 403, 'a class the teacher does not teach');

    const page = await signIn('pupil');
    const row = page.locator('gar-mediacentre [part="recommended"]');
    await row.waitFor({ state: 'visible' });
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Recommandé par/);
    assert.match(text, /Mathématiques 6e/);
    assert.match(text, /Chapitre 3 : les fractions/);
    const first = await page
      .locator('gar-mediacentre')
      .evaluate((el) =>
        el.shadowRoot?.querySelector('[part="recommended"], [part="toolbar"], [part="grid"]')?.getAttribute('part'),
      );
    assert.equal(first, 'recommended', 'the recommendation comes first');
    assert.deepEqual(await axeViolations(page), [], 'axe-clean médiacentre with its recommendation');
    await page.context().close();
  });

  test('the teacher asks for a resource for 6e A; the head finds the request', async () => {
    const sent = await api('teacher', 'POST', '/api/v1/me/requests', { uai: C, resourceId: EXOS, groupCode: '6A' });
    assert.equal(sent.status, 201, await sent.clone().text());
    const request = (await sent.json()) as { id: string; status: string };
    assert.equal(request.status, 'pending');
    const list = await api('head', 'GET', `/api/v1/schools/${C}/requests`);
    assert.equal(list.status, 200);
    assert.ok(((await list.json()) as { items: { id: string }[] }).items.some((r) => r.id === request.id));
    assert.equal((await api('pupil', 'GET', `/api/v1/schools/${C}/requests`)).status, 403);

    const page = await signIn('head', '/console');
    const panel = page.locator('gar-allocation-panel');
    await panel.locator('[role="tab"]', { hasText: /^Notifications/ }).click();
    const told = panel.locator('[part="inbox"]', { hasText: /demande/ });
    await told.waitFor({ state: 'visible' });
    assert.match((await told.textContent()) ?? '', /Exercices|exos|demande/i);
    await page.context().close();

    const decided = await api('head', 'POST', `/api/v1/schools/${C}/requests/${request.id}/decision`, {
      status: 'granted',
      answer: 'Licences attribuées à la classe',
    });
    assert.equal(decided.status, 200);
    const mine = (await (await api('teacher', 'GET', `/api/v1/me/requests?uai=${C}`)).json()) as {
      items: { id: string; status: string }[];
    };
    assert.equal(mine.items.find((r) => r.id === request.id)?.status, 'granted');
  });
});
