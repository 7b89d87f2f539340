import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GarApiError,
  GarNetworkError,
  GarSdkError,
  GarTimeoutError,
  consoleOf,
  createGarClient,
  createMediacentreClient,
  isGarSdkError,
  statsOf,
  type GetToken,
} from '@opengar/sdk';
import { LISTING, SCHOOL, createFakeService, freshState, type FakeState } from './fake-service.js';

const BASE = 'http://opengar.test';
const noDelay = { limit: 2, delay: () => 1 };

function setup(
  overrides: {
    getToken?: GetToken;
    token?: string;
    timeout?: number;
    retry?: number | { limit: number; delay: () => number };
  } = {},
) {
  const state: FakeState = freshState();
  const app = createFakeService(state);
  const client = createGarClient({
    baseUrl: BASE,
    fetch: (req) => app.fetch(req),
    retry: noDelay,
    ...(overrides.getToken || overrides.token ? {} : { token: 't1' }),
    ...overrides,
  });
  return { state, client };
}

describe('médiacentre calls', () => {
  it('lists the resources of a school with the bearer token and the uai', async () => {
    const { state, client } = setup();
    const m = await client.resources(SCHOOL.uai);
    assert.deepEqual(m, LISTING);
    assert.equal(state.calls[0]?.path, '/api/v1/me/resources?uai=0561641E');
    assert.equal(state.calls[0]?.authorization, 'Bearer t1');
  });

  it('leaves the uai out when none is given', async () => {
    const { state, client } = setup();
    await client.resources();
    assert.equal(state.calls[0]?.path, '/api/v1/me/resources');
  });

  it('reads and replaces the favourites', async () => {
    const { state, client } = setup();
    assert.deepEqual(await client.favourites(), { resourceIds: [] });
    assert.deepEqual(await client.setFavourites(['ark:/67890/dico']), { resourceIds: ['ark:/67890/dico'] });
    assert.deepEqual(state.favourites, ['ark:/67890/dico']);
    assert.equal(state.calls[1]?.method, 'PUT');
  });

  it('builds the launch form with a fresh assertion asked for the launch', async () => {
    const reasons: string[] = [];
    const { client } = setup({
      getToken: ({ reason }) => (reasons.push(reason), reason === 'launch' ? 'launch-token' : 't1'),
    });
    const form = await client.launchForm('ark:/67890/dico', SCHOOL.uai);
    assert.deepEqual(form, {
      action: `${BASE}/launch`,
      method: 'post',
      fields: { assertion: 'launch-token', resource: 'ark:/67890/dico', uai: SCHOOL.uai },
    });
    assert.deepEqual(reasons, ['launch']);
    const other = await client.launchForm('r', 'U', { launchUrl: 'https://gar.example/launch' });
    assert.equal(other.action, 'https://gar.example/launch');
    await assert.rejects(client.launchForm('', SCHOOL.uai), TypeError);
  });

  it('keeps a base path prefix', async () => {
    const state = freshState();
    const app = createFakeService(state);
    const seen: string[] = [];
    const client = createGarClient({
      baseUrl: `${BASE}/gar`,
      token: 't1',
      fetch: (req) => {
        seen.push(new URL(req.url).pathname);
        return app.fetch(new Request(req.url.replace('/gar/', '/'), req));
      },
    });
    await client.favourites();
    assert.deepEqual(seen, ['/gar/api/v1/me/favourites']);
  });
});

describe('createMediacentreClient', () => {
  it('has the médiacentre calls only, with the same transport (token refresh included)', async () => {
    const state = freshState();
    const app = createFakeService(state);
    const tokens = ['old', 't1'];
    const client = createMediacentreClient({
      baseUrl: BASE,
      fetch: (req) => app.fetch(req),
      getToken: () => tokens.shift() ?? 'none',
    });
    assert.deepEqual(Object.keys(client).sort(), [
      'baseUrl',
      'favourites',
      'launchForm',
      'recommendations',
      'releasedData',
      'resources',
      'send',
      'setFavourites',
    ]);
    assert.deepEqual(await client.resources(SCHOOL.uai), LISTING);
    assert.deepEqual(
      state.calls.map((c) => c.authorization),
      ['Bearer old', 'Bearer t1'],
    );
    assert.throws(
      () => createMediacentreClient({ baseUrl: BASE, getToken: 1 as unknown as GetToken }),
      /createMediacentreClient/,
    );
  });

  it('makes console and statistics groups on its own transport on demand', async () => {
    const state = freshState();
    const app = createFakeService(state);
    const client = createMediacentreClient({
      baseUrl: BASE,
      fetch: (req) => app.fetch(req),
      getToken: () => 'manager',
    });
    // The fake service knows no console route: the call goes out on the client's transport, with its credential.
    await assert.rejects(
      consoleOf(client).schools(),
      (e: unknown) => e instanceof GarApiError && e.request.url.endsWith('/api/v1/schools'),
    );
    await assert.rejects(statsOf(client).school(SCHOOL.uai, { period: '2026-10', by: 'resource' }), GarApiError);
    assert.deepEqual(
      [...new Set(state.calls.map((c) => c.path.split('?')[0]))],
      ['/api/v1/schools', `/api/v1/schools/${SCHOOL.uai}/stats`],
    );
    assert.ok(state.calls.every((c) => c.authorization === 'Bearer manager'));
    const full = createGarClient({ baseUrl: BASE, fetch: (req) => app.fetch(req), getToken: () => 'manager' });
    assert.equal(consoleOf(full), full.console);
    assert.equal(statsOf(full), full.stats);
  });
});

describe('administration calls', () => {
  it('creates and lists', async () => {
    const { client } = setup();
    const ent = { id: 'ENT-X', name: 'ENT X' };
    assert.deepEqual(await client.admin.ents.create(ent), ent);
    assert.deepEqual(await client.admin.ents.list(), [ent]);
    const schools = await client.admin.schools.list({ query: { entId: 'ENT-X' } });
    assert.equal(schools[0]?.entId, 'ENT-X');
  });
});

describe('error mapping', () => {
  it('turns problem+json into GarApiError with code, status, problem and request', async () => {
    const { client } = setup();
    const err = await client.resources('9999999Z').catch((e: unknown) => e);
    assert.ok(err instanceof GarApiError);
    assert.ok(err instanceof GarSdkError);
    assert.equal(err.code, 'forbidden');
    assert.equal(err.status, 403);
    assert.equal(err.problem.requestId, 'req-1');
    assert.deepEqual(err.request, { method: 'GET', url: `${BASE}/api/v1/me/resources` });
    assert.ok(isGarSdkError(err));
  });

  it('keeps the token out of the error', async () => {
    const { client } = setup({ token: 'secret-token' });
    const err = await client.favourites().catch((e: unknown) => e);
    assert.ok(err instanceof GarApiError);
    assert.equal(err.code, 'token-expired');
    assert.doesNotMatch(JSON.stringify({ ...err, message: err.message }), /secret-token/);
  });

  it('gives an answer that is not problem+json the code unknown-problem', async () => {
    const { state, client } = setup({ retry: 0 });
    state.failures.push({ status: 502, code: 'html' });
    const err = await client.favourites().catch((e: unknown) => e);
    assert.ok(err instanceof GarApiError);
    assert.equal(err.code, 'unknown-problem');
    assert.equal(err.status, 502);
  });

  it('maps a fetch that cannot connect to GarNetworkError', async () => {
    const client = createGarClient({
      baseUrl: BASE,
      token: 't1',
      retry: 0,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const err = await client.favourites().catch((e: unknown) => e);
    assert.ok(err instanceof GarNetworkError);
    assert.equal(err.code, 'network');
  });

  it('maps a late answer to GarTimeoutError', async () => {
    const { state, client } = setup({ timeout: 30, retry: 0 });
    state.failures.push('slow');
    const err = await client.favourites().catch((e: unknown) => e);
    assert.ok(err instanceof GarTimeoutError);
    assert.equal(err.code, 'timeout');
  });

  it('rejects bad options at once', () => {
    assert.throws(() => createGarClient({ baseUrl: BASE, getToken: 'x' as unknown as GetToken }), TypeError);
  });
});

describe('retries', () => {
  it('retries a read after 503 and 500 then succeeds', async () => {
    const { state, client } = setup();
    state.failures.push({ status: 503, code: 'unavailable' }, { status: 500, code: 'internal' });
    assert.deepEqual(await client.favourites(), { resourceIds: [] });
    assert.equal(state.calls.length, 3);
  });

  it('gives up after the limit with the last error', async () => {
    const { state, client } = setup();
    state.failures.push(
      { status: 503, code: 'unavailable' },
      { status: 503, code: 'unavailable' },
      { status: 503, code: 'unavailable' },
    );
    const err = await client.favourites().catch((e: unknown) => e);
    assert.ok(err instanceof GarApiError);
    assert.equal(err.code, 'unavailable');
    assert.equal(state.calls.length, 3);
  });

  it('retries a read that timed out', async () => {
    const { state, client } = setup({ timeout: 30 });
    state.failures.push('slow');
    assert.deepEqual(await client.favourites(), { resourceIds: [] });
    assert.equal(state.calls.length, 2);
  });

  it('does not retry a write, nor a 4xx', async () => {
    const { state, client } = setup();
    state.failures.push({ status: 503, code: 'unavailable' });
    await assert.rejects(client.setFavourites([]), (e: unknown) => e instanceof GarApiError && e.status === 503);
    assert.equal(state.calls.length, 1);
    state.failures.push({ status: 404, code: 'not-found' });
    await assert.rejects(client.favourites(), (e: unknown) => e instanceof GarApiError && e.code === 'not-found');
    assert.equal(state.calls.length, 2);
  });
});

describe('abort', () => {
  it('rejects with the signal reason and stops the retries', async () => {
    const { state, client } = setup({ retry: { limit: 5, delay: () => 50 } });
    state.failures.push(
      { status: 503, code: 'unavailable' },
      { status: 503, code: 'unavailable' },
      { status: 503, code: 'unavailable' },
    );
    const controller = new AbortController();
    const promise = client.favourites({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await assert.rejects(promise, /stop/);
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(state.calls.length, 1);
  });

  it('rejects at once with an already aborted signal', async () => {
    const { state, client } = setup();
    await assert.rejects(
      client.favourites({ signal: AbortSignal.abort() }),
      (e: unknown) => e instanceof DOMException && e.name === 'AbortError',
    );
    assert.equal(state.calls.length, 0);
  });
});

describe('token refresh', () => {
  it('asks the getter once, again on token-expired, and retries the call once', async () => {
    const reasons: string[] = [];
    const tokens = ['old', 'new'];
    const { state, client } = setup({ getToken: ({ reason }) => (reasons.push(reason), tokens.shift() ?? 'none') });
    state.validTokens = new Set(['new']);
    assert.deepEqual(await client.favourites(), { resourceIds: [] });
    assert.deepEqual(reasons, ['initial', 'expired']);
    assert.deepEqual(
      state.calls.map((c) => c.authorization),
      ['Bearer old', 'Bearer new'],
    );
    await client.favourites();
    assert.deepEqual(reasons, ['initial', 'expired'], 'the refreshed token is kept');
  });

  it('refreshes only once when the new token is refused too', async () => {
    let n = 0;
    const { state, client } = setup({ getToken: () => `bad-${n++}` });
    const err = await client.favourites().catch((e: unknown) => e);
    assert.ok(err instanceof GarApiError);
    assert.equal(err.status, 401);
    assert.equal(state.calls.length, 2);
    assert.equal(n, 2);
  });

  it('shares one refresh between concurrent calls', async () => {
    let asked = 0;
    const { state, client } = setup({ getToken: ({ reason }) => (asked++, reason === 'initial' ? 'old' : 't1') });
    await Promise.all([client.favourites(), client.resources(), client.favourites()]);
    assert.equal(asked, 2);
    assert.equal(state.calls.filter((c) => c.authorization === 'Bearer t1').length, 3);
  });

  it('asks again after the getter failed, instead of keeping the failure', async () => {
    let n = 0;
    const { client } = setup({ getToken: () => (n++ === 0 ? Promise.reject(new Error('ENT down')) : 't1') });
    await assert.rejects(client.favourites(), /ENT down/);
    assert.deepEqual(await client.favourites(), { resourceIds: [] });
    assert.equal(n, 2);
  });

  it('forgets a failed refresh', async () => {
    const reasons: string[] = [];
    const { client } = setup({
      getToken: ({ reason }) => {
        reasons.push(reason);
        if (reason === 'expired' && reasons.length === 2) return Promise.reject(new Error('refresh failed'));
        return reasons.length === 1 ? 'old' : 't1';
      },
    });
    await assert.rejects(client.favourites(), /refresh failed/);
    assert.deepEqual(await client.favourites(), { resourceIds: [] });
    assert.deepEqual(reasons, ['initial', 'expired', 'initial']);
  });

  it('lets one call be aborted while the token is asked, without failing the others', async () => {
    let release: (t: string) => void = () => {};
    const { client } = setup({ getToken: () => new Promise<string>((r) => (release = r)) });
    const controller = new AbortController();
    const aborted = client.favourites({ signal: controller.signal });
    const other = client.favourites();
    controller.abort(new Error('left the page'));
    await assert.rejects(aborted, /left the page/);
    release('t1');
    assert.deepEqual(await other, { resourceIds: [] });
  });

  it('does not retry with a fixed token', async () => {
    const { state, client } = setup({ token: 'expired' });
    await assert.rejects(client.favourites(), (e: unknown) => e instanceof GarApiError && e.code === 'token-expired');
    assert.equal(state.calls.length, 1);
  });
});
