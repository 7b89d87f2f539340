// Why no answer came (GarNetworkError.reason), the getter's failures (GarTokenError), and a launch form that is not
// handed out while the service cannot be reached.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { GarNetworkError, GarTokenError, createMediacentreClient, isGarSdkError, type FetchLike } from '@opengar/sdk';

const BASE = 'http://opengar.test/gar/';

/** A fetch that answers what `answer` says and records each request's URL and mode. */
function recording(answer: (req: Request) => Response | Promise<Response>) {
  const seen: { url: string; mode: RequestMode }[] = [];
  const fetch: FetchLike = (req) => {
    seen.push({ url: req.url, mode: req.mode });
    return answer(req);
  };
  return { seen, fetch };
}

const refused = () => Promise.reject(new TypeError('Failed to fetch'));
const onLine = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
function setOnline(value: boolean): void {
  Object.defineProperty(globalThis, 'navigator', { value: { onLine: value }, configurable: true, writable: true });
}

afterEach(() => {
  if (onLine) Object.defineProperty(globalThis, 'navigator', onLine);
  else Reflect.deleteProperty(globalThis, 'navigator');
});

describe('GarNetworkError.reason', () => {
  it('origin-refused: the CORS call fails but the no-cors probe of /healthz gets an answer', async () => {
    const { seen, fetch } = recording((req) => (req.mode === 'no-cors' ? new Response(null) : refused()));
    const client = createMediacentreClient({ baseUrl: BASE, token: 't', retry: 0, fetch });
    const err = await client.resources().catch((e: unknown) => e);
    assert.ok(err instanceof GarNetworkError);
    assert.equal(err.code, 'network');
    assert.equal(err.reason, 'origin-refused');
    assert.match(err.message, /origin-refused/);
    assert.deepEqual(seen.at(-1), { url: 'http://opengar.test/gar/healthz', mode: 'no-cors' });
  });

  it('unreachable: the probe fails too', async () => {
    const { seen, fetch } = recording(refused);
    const client = createMediacentreClient({ baseUrl: BASE, token: 't', retry: 0, fetch });
    const err = await client.favourites().catch((e: unknown) => e);
    assert.ok(err instanceof GarNetworkError);
    assert.equal(err.reason, 'unreachable');
    assert.equal(seen.length, 2);
  });

  it('offline: the browser says so, and nothing is probed', async () => {
    setOnline(false);
    const { seen, fetch } = recording(refused);
    const client = createMediacentreClient({ baseUrl: BASE, token: 't', retry: 0, fetch });
    const err = await client.favourites().catch((e: unknown) => e);
    assert.ok(err instanceof GarNetworkError);
    assert.equal(err.reason, 'offline');
    assert.deepEqual(
      seen.map((s) => s.mode),
      ['cors'],
    );
  });

  it('defaults to unreachable when built by hand', () => {
    assert.equal(new GarNetworkError({ method: 'GET', url: BASE }, undefined).reason, 'unreachable');
  });
});

describe('GarTokenError', () => {
  it('wraps what the getter threw, with its message and cause', async () => {
    const cause = new Error('assertion refused: 401');
    const { seen, fetch } = recording(() => Response.json({ resourceIds: [] }));
    const client = createMediacentreClient({
      baseUrl: BASE,
      getToken: () => Promise.reject(cause),
      fetch,
    });
    const err = await client.favourites().catch((e: unknown) => e);
    assert.ok(err instanceof GarTokenError);
    assert.ok(isGarSdkError(err));
    assert.equal(err.code, 'token');
    assert.equal(err.cause, cause);
    assert.match(err.message, /assertion refused: 401/);
    assert.equal(seen.length, 0, 'no call goes out without a token');
  });

  it('wraps a getter that throws synchronously', async () => {
    const client = createMediacentreClient({
      baseUrl: BASE,
      getToken: () => {
        throw new Error('no session');
      },
      fetch: () => Response.json({}),
    });
    await assert.rejects(client.launchForm('r', 'U'), (e: unknown) => e instanceof GarTokenError);
  });

  it('lets an aborted launch reject with the abort reason, not a token error', async () => {
    const controller = new AbortController();
    const client = createMediacentreClient({
      baseUrl: BASE,
      getToken: ({ signal }) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted getter')))),
      fetch: () => Response.json({}),
    });
    const pending = client.launchForm('r', 'U', { signal: controller.signal });
    controller.abort(new Error('left the page'));
    await assert.rejects(pending, /left the page/);
  });
});

describe('launchForm and reachability', () => {
  it('hands out the form when the service answers its /healthz', async () => {
    const { seen, fetch } = recording(() => new Response('ok'));
    const client = createMediacentreClient({ baseUrl: BASE, token: 'a', fetch });
    const form = await client.launchForm('r', 'U', { launchUrl: 'https://gar.example/x/launch' });
    assert.deepEqual(form, {
      action: 'https://gar.example/x/launch',
      method: 'post',
      fields: { assertion: 'a', resource: 'r', uai: 'U' },
    });
    assert.deepEqual(seen, [{ url: 'https://gar.example/x/healthz', mode: 'no-cors' }]);
  });

  it('refuses with GarNetworkError (unreachable) when the service does not answer', async () => {
    const client = createMediacentreClient({ baseUrl: BASE, token: 'a', fetch: refused });
    const err = await client.launchForm('r', 'U').catch((e: unknown) => e);
    assert.ok(err instanceof GarNetworkError);
    assert.equal(err.reason, 'unreachable');
    assert.deepEqual(err.request, { method: 'POST', url: 'http://opengar.test/gar/launch' });
  });

  it('refuses with GarNetworkError (offline) when the browser is offline', async () => {
    setOnline(false);
    const client = createMediacentreClient({ baseUrl: BASE, token: 'a', fetch: () => new Response('ok') });
    const err = await client.launchForm('r', 'U').catch((e: unknown) => e);
    assert.ok(err instanceof GarNetworkError);
    assert.equal(err.reason, 'offline');
  });
});
