// A school's morning: 200 allocation requests at once on one subscription holding 150 copies, over real HTTP. Every
// request is answered 201 or 409 (none 503 or other 5xx) and exactly 150 copies are given, on every store and on two
// instances sharing one PostgreSQL database. With a deliberately tiny connection queue, the overflow is answered 503
// problem+json with Retry-After at once (none hangs) and the copies still match the 201s. No wall-clock assertion
// here: latencies are measured by bench/burst.bench.ts.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createPostgresStore } from '../../src/node/stores.js';
import type { PostgresStoreOptions } from '../../src/store/node/create-postgres-store.js';
import type { Store } from '../../src/store/index.js';
import { S1, subscription } from '../helpers/fixtures.js';
import { buildWorld, type BaseWorld } from '../helpers/world.js';
import { forEachStore, hostileDatabaseUrl, serveHostileWorld, stopSharedPostgres, type HostileWorld } from './world.js';

const REQUESTS = 200;
const LICENCES = 150;
const SUB = 'ABO-BURST-S1';
const HEAD = 'chef-burst';
/** Every request is bounded: one still unanswered after this long is a hang, and fails the test. */
const REQUEST_TIMEOUT_MS = 120_000;
const BURST_TEST = { timeout: 600_000 };

const pupil = (i: number) => `eleve-burst-${String(i).padStart(3, '0')}`;

/** The head of S1, 200 pupils there and a subscription of 150 copies (once per database). */
async function seedBurst(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.putPerson({
      entId: 'ENTA',
      id: HEAD,
      lastName: 'Chef',
      firstName: 'Anne',
      profiles: [{ uai: S1, profile: 'National_dir' }],
      mefs: [],
    });
    for (let i = 0; i < REQUESTS; i++) {
      await tx.putPerson({
        entId: 'ENTA',
        id: pupil(i),
        lastName: `Élève ${i}`,
        firstName: 'P',
        profiles: [{ uai: S1, profile: 'National_elv' }],
        mefs: [],
      });
    }
    await tx.insertSubscription(
      subscription({ id: SUB, licences: { kind: 'global', count: LICENCES }, audiences: ['ELEVE'] }),
    );
  });
}

interface Answer {
  status: number;
  retryAfter: string | null;
  contentType: string;
  code?: string;
}

/** 200 allocation requests at once, one pupil each, request i to instance i mod n. */
async function burst(instances: readonly HostileWorld[]): Promise<Answer[]> {
  const tokens = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) => instances[i % instances.length]!.assertion({ sub: HEAD, uai: S1 })),
  );
  return Promise.all(
    tokens.map(async (token, i) => {
      const res = await instances[i % instances.length]!.http(`/api/v1/schools/${S1}/allocations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ subscriptionId: SUB, targets: [{ kind: 'person', personId: pupil(i) }] }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      const contentType = res.headers.get('content-type') ?? '';
      const code = res.status === 201 ? undefined : (JSON.parse(text) as { code?: string }).code;
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        contentType,
        ...(code === undefined ? {} : { code }),
      };
    }),
  );
}

function tally(answers: readonly Answer[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const a of answers) out.set(a.status, (out.get(a.status) ?? 0) + 1);
  return out;
}

/** Every answer 201 or a clear 409 `insufficient-licences`; exactly the 150 copies given, one audit entry each. */
async function assertExact(answers: readonly Answer[], store: Store): Promise<void> {
  const counts = tally(answers);
  assert.deepEqual([...counts.keys()].sort(), [201, 409], `statuses: ${JSON.stringify([...counts])}`);
  assert.equal(counts.get(201), LICENCES);
  assert.equal(counts.get(409), REQUESTS - LICENCES);
  for (const a of answers.filter((x) => x.status === 409)) {
    assert.equal(a.code, 'insufficient-licences');
    assert.match(a.contentType, /^application\/problem\+json/);
  }
  assert.equal((await store.listCopies({ subscriptionId: SUB })).length, LICENCES);
  assert.deepEqual(await store.countCopies(SUB), { ELEVE: LICENCES });
  const audit = await store.listAudit({ uai: S1, limit: 1000 });
  assert.equal(audit.filter((e) => e.action === 'allocation.create' && e.subjectId === SUB).length, LICENCES);
}

after(stopSharedPostgres);

forEachStore("a school's morning burst", (world) => {
  it(
    `${REQUESTS} allocations at once on ${LICENCES} copies: ${LICENCES} × 201, the rest 409, none 5xx`,
    BURST_TEST,
    async () => {
      await seedBurst(world().store);
      const answers = await burst([world()]);
      await assertExact(answers, world().store);
      await world().assertHealthy(30_000);
    },
  );
});

/** Instances on one PostgreSQL database: the first seeds the world, the others share its keys and clock. */
async function instancesOnOneDatabase(
  n: number,
  options: Omit<PostgresStoreOptions, 'url'> = {},
): Promise<HostileWorld[] | { skip: string }> {
  const url = await hostileDatabaseUrl();
  if (typeof url !== 'string') return url;
  const worlds: BaseWorld[] = [];
  for (let i = 0; i < n; i++) {
    const store = await createPostgresStore({ url, ...options });
    worlds.push(
      await buildWorld(i === 0 ? { data: 'handoff', store } : { data: 'none', store, instanceOf: worlds[0] }),
    );
  }
  await seedBurst(worlds[0]!.store);
  return Promise.all(worlds.map((w) => serveHostileWorld('postgres', w)));
}

describe("a school's morning burst on PostgreSQL instances sharing one database", () => {
  const running: HostileWorld[] = [];
  after(async () => {
    await Promise.all(running.map((w) => w.server.close()));
  });
  const start = async (t: { skip(message: string): void }, n: number, options?: Omit<PostgresStoreOptions, 'url'>) => {
    const started = await instancesOnOneDatabase(n, options);
    if ('skip' in started) {
      t.skip(started.skip);
      return undefined;
    }
    running.push(...started);
    return started;
  };

  it(
    `two instances, ${REQUESTS} allocations at once: ${LICENCES} × 201, the rest 409, none 5xx`,
    BURST_TEST,
    async (t) => {
      const instances = await start(t, 2);
      if (!instances) return;
      const answers = await burst(instances);
      await assertExact(answers, instances[0]!.store);
      for (const w of instances) await w.assertHealthy(30_000);
    },
  );

  /** The overflow of a tiny queue: 503 problem+json with Retry-After; the rest answered and counted exactly. */
  async function assertShedding(t: { diagnostic(message: string): void }, instances: HostileWorld[]): Promise<void> {
    const answers = await burst(instances);
    const counts = tally(answers);
    t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries(counts))}`);
    assert.deepEqual(
      [...counts.keys()].filter((s) => s !== 201 && s !== 409 && s !== 503),
      [],
      `statuses: ${JSON.stringify([...counts])}`,
    );
    assert.ok((counts.get(503) ?? 0) > 0, 'the overflow is refused');
    for (const a of answers.filter((x) => x.status === 503)) {
      assert.match(a.contentType, /^application\/problem\+json/);
      assert.equal(a.code, 'unavailable');
      assert.match(a.retryAfter ?? '', /^[1-9]\d*$/);
    }
    for (const a of answers.filter((x) => x.status === 409)) assert.equal(a.code, 'insufficient-licences');
    const granted = counts.get(201) ?? 0;
    assert.ok(granted <= LICENCES);
    assert.equal(
      (await instances[0]!.store.listCopies({ subscriptionId: SUB })).length,
      granted,
      'one copy per 201, no partial write',
    );
    for (const w of instances) await w.assertHealthy(30_000);
  }

  it(
    'a queue of two callers: the overflow is refused at once with 503 and Retry-After, the copies match the 201s',
    BURST_TEST,
    async (t) => {
      const instances = await start(t, 1, { maxConnections: 2, queueLimit: 2 });
      if (instances) await assertShedding(t, instances);
    },
  );

  it(
    'a queue timeout of 1 ms: callers that cannot be served at once get 503 with Retry-After, never a hang',
    BURST_TEST,
    async (t) => {
      const instances = await start(t, 2, { maxConnections: 2, queueTimeoutMs: 1 });
      if (instances) await assertShedding(t, instances);
    },
  );
});
