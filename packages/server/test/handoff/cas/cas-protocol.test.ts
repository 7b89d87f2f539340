// CAS as stock clients use it, in process: CAS 2.0 and 3.0 validation paths, format=JSON, proxy refusals, the ENT
// chooser of /cas/login?service=…, the CAS session cookie and /cas/logout with single logout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { pairwisePseudonym } from '@opengar/core';
import {
  CAS_SESSION_COOKIE,
  casSessionKey,
  openCasSession,
  sealCasSession,
} from '../../../src/handoff/cas/cas-session.js';
import { logoutRequestBody, logoutRequestXml, singleLogout } from '../../../src/handoff/cas/single-logout.js';
import { entChooserHtml } from '../../../src/handoff/cas/cas-pages.js';
import { launchStateKey } from '../../../src/handoff/launch-state.js';
import { ASSERTION_ENDPOINT, CAS_SERVICE, R_CAS, S1, SECRET } from '../../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../../helpers/world.js';
import { assertProblem, form } from '../fixtures/http.js';

const xml = new XMLParser({ ignoreAttributes: false });
const q = (s: string) => encodeURIComponent(s);

async function ticketFor(w: HandoffWorld): Promise<string> {
  const res = await w.app.request('/launch', form({ assertion: await w.assertion(), resource: R_CAS, uai: S1 }));
  assert.equal(res.status, 303);
  return new URL(res.headers.get('location')!).searchParams.get('ticket')!;
}

function cookieOf(res: Response): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${CAS_SESSION_COOKIE}=`));
  return set?.split(';')[0];
}

/** The browser's round trip: /cas/login?service → chooser → ENT → /launch/callback; returns the last response. */
async function loginThroughChooser(w: HandoffWorld, cookie?: string, uaiInAssertion: string | null = S1) {
  const headers: Record<string, string> = { accept: 'text/html', ...(cookie ? { cookie } : {}) };
  let res = await w.app.request(`/cas/login?service=${q(CAS_SERVICE)}`, { headers });
  if (res.status === 200) {
    const page = await res.text();
    assert.match(page, /name="idENT" value="ENTA"/);
    res = await w.app.request(`/cas/login?service=${q(CAS_SERVICE)}&idENT=ENTA`, { headers });
  }
  assert.equal(res.status, 303);
  const target = new URL(res.headers.get('location')!);
  assert.equal(
    `${target.origin}${target.pathname}`,
    new URL(ASSERTION_ENDPOINT).origin + new URL(ASSERTION_ENDPOINT).pathname,
  );
  const assertion = await w.assertion(uaiInAssertion === null ? {} : { uai: uaiInAssertion });
  return w.app.request('/launch/callback', {
    ...form({ assertion, state: target.searchParams.get('state')! }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  });
}

describe('CAS for stock clients', () => {
  it('validates at the CAS 2.0 path /cas/serviceValidate as at /cas/p3/serviceValidate', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request(`/cas/serviceValidate?service=${q(CAS_SERVICE)}&ticket=${q(await ticketFor(w))}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /application\/xml/);
    const doc = xml.parse(await res.text());
    const ido = pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_CAS });
    assert.equal(doc['cas:serviceResponse']['cas:authenticationSuccess']['cas:user'], ido);
  });

  it('answers CAS 3.0 JSON with format=JSON, success and failure', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const ticket = await ticketFor(w);
    const ok = await w.app.request(`/cas/p3/serviceValidate?format=JSON&service=${q(CAS_SERVICE)}&ticket=${q(ticket)}`);
    assert.match(ok.headers.get('content-type')!, /application\/json/);
    const body = (await ok.json()) as {
      serviceResponse: { authenticationSuccess: { user: string; attributes: Record<string, unknown> } };
    };
    const ido = pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_CAS });
    assert.equal(body.serviceResponse.authenticationSuccess.user, ido);
    assert.deepEqual(body.serviceResponse.authenticationSuccess.attributes.UAI, [S1]);
    const again = await w.app.request(`/cas/serviceValidate?format=json&service=${q(CAS_SERVICE)}&ticket=${q(ticket)}`);
    assert.deepEqual(((await again.json()) as { serviceResponse: unknown }).serviceResponse, {
      authenticationFailure: { code: 'INVALID_TICKET', description: 'the ticket is unknown, expired or already used' },
    });
    const missing = await w.app.request('/cas/p3/serviceValidate?format=JSON');
    assert.equal(
      ((await missing.json()) as { serviceResponse: { authenticationFailure: { code: string } } }).serviceResponse
        .authenticationFailure.code,
      'INVALID_REQUEST',
    );
  });

  it('refuses proxy validation in CAS XML (and JSON) without spending the ticket', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const ticket = await ticketFor(w);
    for (const path of ['/cas/proxyValidate', '/cas/p3/proxyValidate']) {
      const res = await w.app.request(`${path}?service=${q(CAS_SERVICE)}&ticket=${q(ticket)}`);
      assert.equal(res.status, 200);
      const doc = xml.parse(await res.text());
      const failure = doc['cas:serviceResponse']['cas:authenticationFailure'];
      assert.equal(failure['@_code'], 'INVALID_REQUEST');
      assert.match(failure['#text'], /proxy tickets are not supported/);
    }
    const proxy = xml.parse(await (await w.app.request('/cas/proxy?pgt=PGT-1&targetService=x')).text());
    assert.equal(proxy['cas:serviceResponse']['cas:proxyFailure']['@_code'], 'INVALID_REQUEST');
    const json = await w.app.request(`/cas/proxyValidate?format=JSON&service=x&ticket=y`);
    assert.equal(
      ((await json.json()) as { serviceResponse: { authenticationFailure: { code: string } } }).serviceResponse
        .authenticationFailure.code,
      'INVALID_REQUEST',
    );
    const still = await w.app.request(`/cas/serviceValidate?service=${q(CAS_SERVICE)}&ticket=${q(ticket)}`);
    assert.ok(xml.parse(await still.text())['cas:serviceResponse']['cas:authenticationSuccess']);
  });

  it('shows a browser with only `service` an accessible fr/en ENT chooser, escaped, with no script', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request(`/cas/login?service=${q(CAS_SERVICE)}`, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/html/);
    assert.match(res.headers.get('content-security-policy')!, /default-src 'none'/);
    const html = await res.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /<main>/);
    assert.match(html, /<h1>Par quel ENT te connectes-tu\u202f\? <span lang="en">/);
    assert.match(html, /<fieldset>\s*<legend>/);
    assert.match(html, /<label><input type="radio" name="idENT" value="ENTA" required checked>ENT A<\/label>/);
    assert.doesNotMatch(html, /ENTB/, 'an ENT without an assertion endpoint cannot sign anyone in');
    assert.doesNotMatch(html, /<script/);
    assert.match(html, new RegExp(`name="service" value="${CAS_SERVICE.replace(/[/.]/g, '\\$&')}"`));
    const hostile = entChooserHtml({ service: '"><script>x</script>', ents: [{ id: 'E"1', name: '<b>ENT</b>' }] });
    assert.doesNotMatch(hostile, /<script>|<b>/);
    assert.match(hostile, /&lt;b&gt;ENT&lt;\/b&gt;/);
    // An unregistered service gets no page, the problem (shown to a browser as a page).
    await assertProblem(await w.app.request(`/cas/login?service=${q('https://evil.test/')}`), 400, 'bad-request');
    await assertProblem(await w.app.request(`/cas/login?service=${q(CAS_SERVICE)}&idENT=a%20b`), 400, 'validation');
  });

  it('round-trips through the chosen ENT, takes the school from the assertion, and remembers the ENT in a sealed cookie', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const back = await loginThroughChooser(w);
    assert.equal(back.status, 303);
    const location = new URL(back.headers.get('location')!);
    assert.equal(`${location.origin}${location.pathname}`, CAS_SERVICE);
    const ticket = location.searchParams.get('ticket')!;
    const cookie = cookieOf(back);
    assert.ok(cookie, 'the CAS session cookie is set');
    const setCookie = back.headers.getSetCookie().join('\n');
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /Secure; SameSite=None/, 'over https');
    assert.ok(!cookie.includes(ticket), 'the cookie is encrypted: the ticket is not readable in it');
    const session = await openCasSession(
      await casSessionKey(await launchStateKey(SECRET)),
      cookie.slice(CAS_SESSION_COOKIE.length + 1),
      w.clock.now(),
    );
    assert.deepEqual(session, { entId: 'ENTA', services: [{ service: CAS_SERVICE, ticket }] });
    // The next login with only `service` goes straight to the session's ENT.
    const direct = await w.app.request(`/cas/login?service=${q(CAS_SERVICE)}`, { headers: { cookie } });
    assert.equal(direct.status, 303);
    assert.ok(direct.headers.get('location')!.startsWith(new URL(ASSERTION_ENDPOINT).origin));
    for (const line of w.logger.lines) assert.ok(!line.includes(ticket) && !line.includes(cookie.slice(20, 60)));
  });

  it('gateway=true without a session sends the browser back to the service without a ticket', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request(`/cas/login?service=${q(CAS_SERVICE)}&gateway=true`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), CAS_SERVICE);
    await assertProblem(
      await w.app.request(`/cas/login?service=${q('https://evil.test/')}&gateway=true`),
      400,
      'bad-request',
    );
  });

  it('refuses a callback whose assertion names no school when the link had none', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const back = await loginThroughChooser(w, undefined, null);
    const p = await assertProblem(back, 400, 'validation');
    assert.equal(p.errors?.[0]?.pointer, '/uai');
  });

  it('reads a tampered, foreign or expired session cookie as no session', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const key = await casSessionKey(await launchStateKey(SECRET));
    const value = await sealCasSession(key, { entId: 'ENTA', services: [] }, w.clock.now());
    assert.ok(await openCasSession(key, value, w.clock.now()));
    const tampered = `${value.slice(0, -6)}${value.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
    assert.equal(await openCasSession(key, tampered, w.clock.now()), undefined);
    const other = await casSessionKey(await launchStateKey('another-secret-0123456789abcdef'));
    assert.equal(await openCasSession(other, value, w.clock.now()), undefined);
    assert.equal(await openCasSession(key, value, new Date(w.clock.now().getTime() + 9 * 3600_000)), undefined);
    const res = await w.app.request(`/cas/login?service=${q(CAS_SERVICE)}`, {
      headers: { cookie: `${CAS_SESSION_COOKIE}=${tampered}` },
    });
    assert.equal(res.status, 200, 'the chooser again');
  });

  it('logs out: single logout to the services of the session, the cookie cleared, back to a registered service', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const back = await loginThroughChooser(w);
    const ticket = new URL(back.headers.get('location')!).searchParams.get('ticket')!;
    const cookie = cookieOf(back)!;
    const calls: { url: string; body: string; type: string | null }[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (url: string | URL, init?: RequestInit) => {
      calls.push({ url: String(url), body: String(init?.body), type: new Headers(init?.headers).get('content-type') });
      return new Response(null, { status: 200 });
    }) as typeof fetch;
    let res: Response;
    try {
      res = await w.app.request(`/cas/logout?service=${q(CAS_SERVICE)}`, { headers: { cookie } });
    } finally {
      globalThis.fetch = original;
    }
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.url, CAS_SERVICE);
    assert.equal(calls[0]!.type, 'application/x-www-form-urlencoded');
    const request = new URLSearchParams(calls[0]!.body).get('logoutRequest')!;
    const doc = xml.parse(request);
    assert.equal(doc['samlp:LogoutRequest']['samlp:SessionIndex'], ticket);
    assert.match(calls[0]!.body, new RegExp(`<samlp:SessionIndex>${ticket}</samlp:SessionIndex>`), 'readable raw too');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), CAS_SERVICE);
    assert.match(res.headers.getSetCookie().join(), new RegExp(`${CAS_SESSION_COOKIE}=; .*Max-Age=0`));
    const logged = w.logger.lines.find((l) => l.includes('"cas.logout"'))!;
    assert.match(logged, /"outcome":"notified"/);
    assert.ok(!logged.includes(ticket));
    // Without a registered service: the signed-out page, in French and English.
    const page = await w.app.request(`/cas/logout?service=${q('https://evil.test/')}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Tu es déconnecté·e/);
    assert.match(html, /lang="en">\/ You are signed out/);
  });

  it('counts /cas/logout against the caller like a launch start (each may send back-channel requests)', async () => {
    const w = await buildWorld({ data: 'handoff', service: { rateLimits: { launchesPerAddress: 2 } } });
    const { app } = w;
    const socket = { incoming: { socket: { remoteAddress: '203.0.113.9' } } };
    for (let i = 0; i < 2; i++) assert.equal((await app.request('/cas/logout', {}, socket)).status, 200);
    await assertProblem(await app.request('/cas/logout', {}, socket), 429, 'too-many-requests');
  });

  it('single logout reports unreachable, refusing and unregistered services, and never throws', async () => {
    const services = [
      { service: 'https://a.test/cas', ticket: 'ST-a' },
      { service: 'https://b.test/cas', ticket: 'ST-b' },
      { service: 'https://gone.test/cas', ticket: 'ST-c' },
    ];
    const outcomes = await singleLogout(services, {
      now: new Date(),
      isRegistered: async (s) => s !== 'https://gone.test/cas',
      fetch: (async (url: string) => {
        if (String(url).startsWith('https://a.test')) throw new TypeError('fetch failed');
        return new Response('no', { status: 500 });
      }) as unknown as typeof fetch,
    });
    assert.deepEqual(
      outcomes.map((o) => o.outcome),
      ['unreachable', 'refused', 'not-registered'],
    );
    assert.equal(
      logoutRequestBody('<a b="1">x&y+z%</a>'),
      'logoutRequest=<a b="1">x%26y%2Bz%25</a>',
      'only what a form decoder would misread is encoded',
    );
    assert.match(
      logoutRequestXml('ST-<x>', new Date(0), 'LR-1'),
      /<samlp:SessionIndex>ST-&lt;x&gt;<\/samlp:SessionIndex>/,
    );
  });
});
