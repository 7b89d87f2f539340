// Abuse at the front door, over real HTTP on every store: credential failures are limited per address and per
// credential (429 + Retry-After) without touching successful traffic, an unauthenticated GET /launch writes no row,
// launch states are signed and single use, a launch posted from a foreign site is refused (403, nothing written),
// an assertion opens one launch only, and two instances on one PostgreSQL database share their counters.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { it } from 'node:test';
import { createHttpApp, DEFAULT_RATE_LIMITS } from '../../src/index.js';
import { sha256Hex } from '../../src/kernel/crypto.js';
import { startServer } from '../../src/node/serve.js';
import { createPostgresStore } from '../../src/node/stores.js';
import { ISSUER, R_MATHS, S1 } from '../helpers/fixtures.js';
import { form, readLaunchPage } from '../handoff/fixtures/http.js';
import { forEachStore, type HostileWorld } from './world.js';
import { createTestService } from '../helpers/service.js';

const OPERATOR_SECRET = 'ogo_abuse-test-operator-secret-0123456789';
const FAR_FUTURE = '2100-01-01T00:00:00.000Z';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request from another loopback address (127.0.0.0/8 is all loopback on Linux): the socket peer the app sees. */
function from(localAddress: string, url: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        localAddress,
        headers,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Rows of tickets, replay keys and rate windows written since the last call (purged with a far-future "now"). */
const rowsWritten = (w: HostileWorld) => w.store.purgeExpired(FAR_FUTURE);

/** Starts a new rate window: the world's clock stands still otherwise. */
const nextWindow = (w: HostileWorld) => w.clock.advance(DEFAULT_RATE_LIMITS.windowS * 1000);

const link = (resourceId = R_MATHS) => `/launch?idENT=${b64('ENTA')}&idEtab=${b64(S1)}&idRessource=${b64(resourceId)}`;

async function stateFrom(w: HostileWorld): Promise<string> {
  const res = await w.http(link(), { redirect: 'manual' });
  assert.equal(res.status, 303);
  const state = new URL(res.headers.get('location')!).searchParams.get('state');
  assert.ok(state);
  return state;
}

async function problem(res: Response, status: number, code: string): Promise<{ reason?: string }> {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = (await res.json()) as { code: string; reason?: string };
  assert.equal(body.code, code);
  return body;
}

forEachStore('abuse at the front door', (world) => {
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  it('limits bad operator secrets per address (429 + Retry-After) while another address and a good secret still work', async () => {
    const w = world();
    await w.store.putOperator({
      id: 'op-abuse',
      secretHash: await sha256Hex(OPERATOR_SECRET),
      label: 'abuse test',
      createdAt: w.clock.now().toISOString(),
    });
    nextWindow(w);
    const limit = DEFAULT_RATE_LIMITS.failuresPerAddress;
    for (let i = 0; i < limit; i++) {
      // A different wrong secret each time: only the per-address limit applies, not the per-credential one.
      const res = await w.http('/api/v1/admin/ents', { headers: bearer(`wrong-secret-${i}`) });
      assert.equal(res.status, 401, `failure ${i + 1} is still a plain 401`);
      await res.body?.cancel();
    }
    const limited = await w.http('/api/v1/admin/ents', { headers: bearer('wrong-secret-last') });
    await problem(limited, 429, 'too-many-requests');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= DEFAULT_RATE_LIMITS.windowS,
      `Retry-After ${retryAfter}`,
    );

    const other = await from('127.0.0.2', w.url, '/api/v1/admin/ents', bearer('wrong-secret-elsewhere'));
    assert.equal(other.status, 401, 'another address is not limited');
    assert.equal((await from('127.0.0.2', w.url, '/api/v1/admin/ents', bearer(OPERATOR_SECRET))).status, 200);
    const good = await w.http('/api/v1/admin/ents', { headers: bearer(OPERATOR_SECRET) });
    assert.equal(good.status, 200, 'successes from the limited address are never throttled (one NAT, many users)');
    await good.body?.cancel();

    // A limited client hammering does not slow the others: 100 more refusals in flight (refused before any store
    // read past two; counted exactly in test/http/rate-limits.test.ts), /healthz still answers. The ceiling is loose:
    // client and server share this process, on a loaded machine.
    const flood = Array.from({ length: 100 }, (_, i) =>
      w
        .http('/api/v1/admin/ents', { headers: bearer(`flood-${i}`) })
        .then(async (r) => (await r.body?.cancel(), r.status)),
    );
    await w.assertHealthy(5000);
    assert.ok((await Promise.all(flood)).every((s) => s === 429));
    assert.equal((await from('127.0.0.2', w.url, '/api/v1/admin/ents', bearer(OPERATOR_SECRET))).status, 200);
    nextWindow(w);
    const later = await w.http('/api/v1/admin/ents', { headers: bearer('wrong-after-the-window') });
    assert.equal(later.status, 401, 'a new window starts afresh');
    await later.body?.cancel();
  });

  it('limits one wrong publisher API key wherever it comes from (per credential)', async () => {
    const w = world();
    nextWindow(w);
    const limit = DEFAULT_RATE_LIMITS.failuresPerCredential;
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const res = await from(
        `127.0.1.${(i % 200) + 1}`,
        w.url,
        '/api/v1/publisher/subscriptions',
        bearer('ogp_revoked-key-retried-by-a-misconfigured-client'),
      );
      statuses.push(res.status);
      if (res.status === 429) assert.ok(Number(res.headers['retry-after']) >= 1);
    }
    assert.deepEqual(statuses.slice(0, limit), Array(limit).fill(401));
    assert.equal(statuses[limit], 429);
    await w.assertHealthy();
  });

  it('1,000 unauthenticated GET /launch write no ticket: the state is signed; the only row is the address counter', async () => {
    const w = world();
    nextWindow(w);
    await rowsWritten(w);
    const statuses: number[] = [];
    for (let batch = 0; batch < 100; batch++) {
      const res = await Promise.all(
        Array.from({ length: 10 }, () =>
          w.http(link(), { redirect: 'manual' }).then(async (r) => (await r.body?.cancel(), r.status)),
        ),
      );
      statuses.push(...res);
    }
    assert.ok(
      statuses.every((s) => s === 303),
      'every launch redirected to the ENT',
    );
    assert.equal(await rowsWritten(w), 1, 'one rate-window row, no ticket per launch');
    await w.assertHealthy();
  });

  it('refuses a replayed state, and a tampered one, writing nothing for them', async () => {
    const w = world();
    nextWindow(w);
    const state = await stateFrom(w);
    const first = await w.http('/launch/callback', form({ assertion: await w.assertion(), state }));
    assert.equal(first.status, 200);
    readLaunchPage(await first.text());
    assert.equal(
      (
        await problem(
          await w.http('/launch/callback', form({ assertion: await w.assertion(), state })),
          400,
          'bad-request',
        )
      ).reason,
      'state_reused',
    );

    const fresh = await stateFrom(w);
    const [header, payload, signature] = fresh.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const swapped = `${header}.${Buffer.from(JSON.stringify({ ...claims, res: 'ark:/22222/dico' })).toString('base64url')}.${signature}`;
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'opengar-launch-state+jwt' })).toString('base64url')}.${payload}.`;
    await rowsWritten(w);
    for (const bad of [swapped, flipped, unsigned, 'A'.repeat(9000)]) {
      await problem(
        await w.http('/launch/callback', form({ assertion: await w.assertion(), state: bad })),
        400,
        'bad-request',
      );
    }
    assert.equal(await rowsWritten(w), 0, 'no nonce, no assertion spent for a forged state');
    // The genuine state still works: the forgeries spent nothing.
    assert.equal(
      (await w.http('/launch/callback', form({ assertion: await w.assertion(), state: fresh }))).status,
      200,
    );
  });

  it('refuses a launch posted from a foreign site (403, nothing written) and accepts the ENT and the service', async () => {
    const w = world();
    nextWindow(w);
    const assertion = await w.assertion();
    const post = (headers: Record<string, string>) => {
      const init = form({ assertion, resource: R_MATHS, uai: S1 });
      return w.http('/launch', { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
    };
    const events = async () => (await w.store.listHandoffEvents({ uai: S1 })).length;
    const before = await events();
    await rowsWritten(w);
    for (const headers of [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://ent-b.test' },
    ]) {
      assert.equal(
        (await problem(await post(headers), 403, 'forbidden')).reason,
        'foreign_origin',
        JSON.stringify(headers),
      );
    }
    const page = await post({
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
      accept: 'text/html,application/xhtml+xml',
    });
    assert.equal(page.status, 403);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /ENT/);
    assert.equal(await rowsWritten(w), 0, 'a refused launch spends nothing');
    assert.equal(await events(), before, 'and records no hand-off');

    // The same assertion, now from the ENT's registered origin, opens the resource: nothing was spent above.
    const ok = await post({ origin: 'https://ent-a.test', 'sec-fetch-site': 'cross-site' });
    assert.equal(ok.status, 200);
    readLaunchPage(await ok.text());
    // The callback too: a foreign page posting a state and the attacker's assertion is refused, spending neither.
    const state = await stateFrom(w);
    const callback = (origin: string, a: string) =>
      w.http('/launch/callback', {
        ...form({ assertion: a, state }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      });
    const attackers = await w.assertion();
    assert.equal(
      (await problem(await callback('https://evil.example', attackers), 403, 'forbidden')).reason,
      'foreign_origin',
    );
    assert.equal((await callback('https://ent-a.test', attackers)).status, 200, 'from the assertion endpoint’s origin');

    const own = await w.http('/launch', {
      ...form({ assertion: await w.assertion(), resource: R_MATHS, uai: S1 }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: new URL(ISSUER).origin,
        'sec-fetch-site': 'same-origin',
      },
    });
    assert.equal(own.status, 200, 'a page of the service itself');
    await own.body?.cancel();
  });

  it('opens one launch per assertion: a second launch with the same assertion is refused', async () => {
    const w = world();
    nextWindow(w);
    const assertion = await w.assertion();
    const first = await w.http('/launch', form({ assertion, resource: R_MATHS, uai: S1 }));
    assert.equal(first.status, 200);
    await first.body?.cancel();
    assert.equal(
      (await problem(await w.http('/launch', form({ assertion, resource: R_MATHS, uai: S1 })), 401, 'unauthenticated'))
        .reason,
      'assertion_reused',
    );
    const state = await stateFrom(w);
    assert.equal(
      (await problem(await w.http('/launch/callback', form({ assertion, state })), 401, 'unauthenticated')).reason,
      'assertion_reused',
      'nor through a callback',
    );
    await w.assertHealthy();
  });

  it('shares a rate window between two instances on one PostgreSQL database', async (t) => {
    const w = world();
    if (w.databaseUrl === undefined) return t.skip(`${w.kind}: one process per store`);
    nextWindow(w);
    const store = await createPostgresStore({ url: w.databaseUrl });
    const service = createTestService({ store, clock: w.clock, logger: w.logger });
    const app = createHttpApp(service);
    const second = await startServer({
      fetch: (request, env) => app.fetch(request, env),
      port: 0,
      handleSignals: false,
      notice: () => undefined,
      onClose: () => store.close(),
    });
    try {
      const limit = DEFAULT_RATE_LIMITS.failuresPerAddress;
      const half = Math.floor(limit / 2);
      for (let i = 0; i < limit; i++) {
        const res = await from(
          '127.0.0.3',
          i < half ? w.url : second.url,
          '/api/v1/admin/ents',
          bearer(`two-instances-${i}`),
        );
        assert.equal(res.status, 401, `failure ${i + 1}`);
      }
      const limited = await from('127.0.0.3', second.url, '/api/v1/admin/ents', bearer('two-instances-last'));
      assert.equal(limited.status, 429, 'the second instance counted the first one’s failures');
      assert.equal(
        (await from('127.0.0.3', w.url, '/api/v1/admin/ents', bearer('two-instances-again'))).status,
        429,
        'and so does the first',
      );
      assert.equal((await from('127.0.0.3', second.url, '/api/v1/admin/ents', bearer(OPERATOR_SECRET))).status, 200);
    } finally {
      await second.close();
    }
  });
});
