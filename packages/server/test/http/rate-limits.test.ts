// Rate limits with small limits and an injected client address (the Node bindings Hono passes as `env`): launch
// starts per address, credential failures per address and per credential, X-Forwarded-For trusted only when asked,
// IPv6 counted per /64, and the GAR-format routes answering 429 in their own format.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRateLimiter, silentLogger, type RateLimits } from '../../src/index.js';
import { limitAddress } from '../../src/http/client-address.js';
import { GarServiceError } from '../../src/kernel/errors.js';
import { R_MATHS, S1 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { form } from '../handoff/fixtures/http.js';
import { assertProblem, bearer } from './helpers.js';
import { TestClock } from '../helpers/clock.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const LINK = `/launch?idENT=${b64('ENTA')}&idEtab=${b64(S1)}&idRessource=${b64(R_MATHS)}`;
/** What `@hono/node-server` passes as the app's env: the request's socket. */
const socket = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

async function appWith(limits: Partial<RateLimits>, trustForwardedFor = 0) {
  const w = await buildWorld({ data: 'handoff', service: { rateLimits: limits }, http: { trustForwardedFor } });
  return {
    w,
    request: (path: string, init: RequestInit, address: string) => w.app.request(path, init, socket(address)),
  };
}

describe('rate limits', () => {
  it('limits unauthenticated launch starts per address (GET /launch and /cas/login together), then a new window', async () => {
    const { w, request } = await appWith({ launchesPerAddress: 3 });
    for (let i = 0; i < 3; i++) assert.equal((await request(LINK, {}, '203.0.113.7')).status, 303);
    const limited = await request(LINK, {}, '203.0.113.7');
    await assertProblem(limited, 429, 'too-many-requests');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    await assertProblem(
      await request('/cas/login?service=x&idENT=ENTA&idEtab=0000001A', {}, '203.0.113.7'),
      429,
      'too-many-requests',
    );
    const page = await request(LINK, { headers: { accept: 'text/html' } }, '203.0.113.7');
    assert.equal(page.status, 429);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(page.headers.get('retry-after'), 'the browser page keeps Retry-After');
    assert.equal((await request(LINK, {}, '203.0.113.8')).status, 303, 'another address');
    w.clock.advance(60_000);
    assert.equal((await request(LINK, {}, '203.0.113.7')).status, 303, 'a new window');
  });

  it('counts failures per ENT user across addresses, and still lets that user in with a good assertion', async () => {
    const { w, request } = await appWith({ failuresPerCredential: 3 });
    const post = async (assertion: string, address: string) =>
      request('/launch', form({ assertion, resource: R_MATHS, uai: S1 }), address);
    const expired = () => w.assertion({ iat: Math.floor(w.clock.now().getTime() / 1000) - 600, lifetime: 120 });
    for (let i = 0; i < 3; i++)
      await assertProblem(await post(await expired(), `198.51.100.${i + 1}`), 401, 'token-expired');
    await assertProblem(await post(await expired(), '198.51.100.9'), 429, 'too-many-requests');
    assert.equal((await post(await w.assertion(), '198.51.100.9')).status, 200, 'successes are never throttled');
    await assertProblem(await post(await expired(), '198.51.100.9'), 429, 'too-many-requests');
    const other = await post(
      await w.assertion({ sub: 'prof-a', iat: Math.floor(w.clock.now().getTime() / 1000) - 600 }),
      '198.51.100.9',
    );
    await assertProblem(other, 401, 'token-expired');
  });

  it('ignores X-Forwarded-For unless told to trust a proxy, and then reads the entry the proxy appended', async () => {
    const direct = await appWith({ failuresPerAddress: 2, failuresPerCredential: 0 });
    const bad = (i: number, xff: string) => ({ headers: { ...bearer(`wrong-${i}`), 'x-forwarded-for': xff } });
    await assertProblem(await direct.request('/api/v1/admin/ents', bad(1, '192.0.2.1'), '10.0.0.1'), 401);
    await assertProblem(await direct.request('/api/v1/admin/ents', bad(2, '192.0.2.2'), '10.0.0.1'), 401);
    await assertProblem(
      await direct.request('/api/v1/admin/ents', bad(3, '192.0.2.3'), '10.0.0.1'),
      429,
      'too-many-requests',
    );

    const proxied = await appWith({ failuresPerAddress: 2, failuresPerCredential: 0 }, 1);
    await assertProblem(await proxied.request('/api/v1/admin/ents', bad(1, 'spoofed, 192.0.2.1'), '10.0.0.1'), 401);
    await assertProblem(
      await proxied.request('/api/v1/admin/ents', bad(2, 'spoofed-again, 192.0.2.1'), '10.0.0.1'),
      401,
    );
    await assertProblem(
      await proxied.request('/api/v1/admin/ents', bad(3, '192.0.2.1'), '10.0.0.1'),
      429,
      'too-many-requests',
    );
    await assertProblem(
      await proxied.request('/api/v1/admin/ents', bad(4, '192.0.2.1, 192.0.2.50'), '10.0.0.1'),
      401,
      'unauthenticated',
    );
  });

  it('counts an IPv6 client per /64 and an IPv4-mapped address as IPv4', () => {
    assert.equal(limitAddress('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(limitAddress('2001:0db8:0001:0002:ffff:0:0:9'), '2001:db8:1:2::/64');
    assert.equal(limitAddress('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(limitAddress('::1'), '0:0:0:0::/64');
    assert.equal(limitAddress('not an address'), undefined);
  });

  it('answers 429 in GAR’s formats on the GAR routes (XML web service, JSON listing), with Retry-After', async () => {
    const { w, request } = await appWith({ failuresPerAddress: 1, failuresPerCredential: 0 });
    await request('/ws/abonnement/abonnements', { headers: bearer('wrong-1') }, '10.0.0.2');
    const ws = await request('/ws/abonnement/abonnements', { headers: bearer('wrong-2') }, '10.0.0.2');
    assert.equal(ws.status, 429);
    assert.match(ws.headers.get('content-type') ?? '', /xml/);
    assert.match(await ws.text(), /Too Many Requests/);
    assert.ok(ws.headers.get('retry-after'));
    const listing = await request(
      `/ressources/ENTA/${S1}/eleve-a`,
      { headers: bearer(await w.clientAssertion('https://elsewhere.test/')) },
      '10.0.0.2',
    );
    assert.equal(listing.status, 429);
    assert.match(listing.headers.get('content-type') ?? '', /json/);
    assert.ok(listing.headers.get('retry-after'));
  });

  it('does not count an unavailable dependency as a failure, and refuses nonsense limits', async () => {
    const limiter = createRateLimiter({
      store: { hit: async () => 1_000 },
      clock: new TestClock(),
      logger: silentLogger,
      limits: { failuresPerAddress: 1 },
    });
    const down = new GarServiceError('unavailable', 'the key set could not be fetched');
    await assert.rejects(
      limiter.guard({ client: { address: '10.0.0.3' } }, () => Promise.reject(down)),
      (e) => e === down,
    );
    await assert.rejects(
      limiter.guard({ client: { address: '10.0.0.3' } }, () =>
        Promise.reject(new GarServiceError('unauthenticated', 'no')),
      ),
      (e: GarServiceError) => e.code === 'too-many-requests' && e.retryAfterS! >= 1,
    );
    assert.throws(
      () =>
        createRateLimiter({
          store: { hit: async () => 0 },
          clock: new TestClock(),
          logger: silentLogger,
          limits: { windowS: 0 },
        }),
      TypeError,
    );
    assert.throws(
      () =>
        createRateLimiter({
          store: { hit: async () => 0 },
          clock: new TestClock(),
          logger: silentLogger,
          limits: { failuresPerAddress: -1 },
        }),
      TypeError,
    );
  });

  it('keeps at most two checks in flight from a limited address: the rest are refused before any store read', async () => {
    let hits = 0;
    let reads = 0;
    const limiter = createRateLimiter({
      store: { hit: async () => ++hits + 10 },
      clock: new TestClock('2026-01-10T08:00:30Z'),
      logger: silentLogger,
      limits: { failuresPerAddress: 1 },
    });
    let attempt = 0;
    const fail = () =>
      limiter.guard({ client: { address: '10.0.0.4' }, credential: `op:${++attempt}` }, async () => {
        reads++;
        await new Promise((r) => setTimeout(r, 5));
        throw new GarServiceError('unauthenticated', 'no');
      });
    await assert.rejects(fail(), (e: GarServiceError) => e.code === 'too-many-requests');
    const results = await Promise.allSettled(Array.from({ length: 50 }, fail));
    assert.ok(
      results.every((r) => r.status === 'rejected' && (r.reason as GarServiceError).code === 'too-many-requests'),
    );
    assert.equal(reads, 1 + 2, 'two checks ran, 48 were refused at once');
    assert.equal(
      hits,
      2,
      'the first failure counted its address and its credential; the known-full window costs no more writes',
    );
    const ok = await limiter.guard({ client: { address: '10.0.0.4' } }, async () => 'good credential');
    assert.equal(ok, 'good credential');
  });
});
