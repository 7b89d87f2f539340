// Statistics jobs with an injected clock: aggregation and retention under leases, the 13-month rule, pseudonym sets
// of closed periods forgotten while counters stay, probes of access URLs on loopback with a timeout, the year archive.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { schoolStatsSchema } from '@opengar/core';
import { createMemoryStore, type HandoffEvent } from '../../src/index.js';
import { createServiceMetrics, startStatsJobs } from '../../src/stats/index.js';
import {
  retentionCutoff,
  runResourceProbes,
  runStatsAggregation,
  runStatsRetention,
  STATS_LEASES,
} from '../../src/stats/stats-jobs.js';
import { TestClock } from '../helpers/clock.js';
import { R_DICO, R_MATHS } from '../helpers/fixtures.js';
import { buildStatsWorld, S1 } from './world.js';

const ev = (id: string, at: string, person = 'p1'): HandoffEvent => ({
  id,
  at,
  uai: S1,
  resourceId: R_MATHS,
  statsPseudonym: person,
  profile: 'National_elv',
  divisionCodes: [],
  outcome: 'success',
  protocol: 'jwt',
});

describe('statistics jobs', () => {
  it('retentionCutoff is 13 calendar months back, clamped to the month', () => {
    assert.equal(retentionCutoff(new Date('2027-11-20T10:00:00Z')).toISOString(), '2026-10-20T10:00:00.000Z');
    assert.equal(retentionCutoff(new Date('2027-03-31T00:00:00Z')).toISOString(), '2026-02-28T00:00:00.000Z');
  });

  it('retention deletes raw events older than 13 months, keeps aggregates, forgets closed pseudonym sets; one holder at a time', async () => {
    const store = createMemoryStore();
    const clock = new TestClock();
    clock.current = new Date('2026-10-01T00:00:00Z');
    await store.appendHandoffEvent(ev('old', '2025-09-05T08:00:00.000Z'));
    await store.appendHandoffEvent(ev('kept', '2025-09-25T08:00:00.000Z'));
    await store.appendHandoffEvent(ev('new', '2026-10-05T08:00:00.000Z'));
    assert.deepEqual(await runStatsRetention({ store, clock, holder: 'a' }), { events: 0, pseudonymSets: 16 });
    assert.deepEqual(
      (await store.listHandoffEvents({})).map((e) => e.id),
      ['old', 'kept', 'new'],
    );

    clock.current = new Date('2026-10-20T00:00:00Z');
    // Another instance holds the lease: nothing runs.
    assert.equal(
      await store.acquireLease(STATS_LEASES.retention, 'b', '2026-10-20T00:05:00.000Z', clock.now().toISOString()),
      true,
    );
    assert.equal(await runStatsRetention({ store, clock, holder: 'a' }), undefined);
    await store.releaseLease(STATS_LEASES.retention, 'b');
    const r = await runStatsRetention({ store, clock, holder: 'a' });
    assert.equal(r?.events, 1);
    assert.deepEqual(
      (await store.listHandoffEvents({})).map((e) => e.id),
      ['kept', 'new'],
    );
    const sept = await store.listStatsCounters({ scope: S1, dimensions: ['all'], periods: ['2025-09', '2025-2026'] });
    assert.deepEqual(
      sept.map((c) => [c.period, c.accesses, c.people]),
      [
        ['2025-09', 2, 1],
        ['2025-2026', 2, 1],
      ],
    );
    assert.deepEqual(await store.listStatsPeoplePeriods(), ['2026-10', '2026-2027']);
  });

  it('aggregation is one instance at a time and resumes where it stopped', async () => {
    const store = createMemoryStore();
    const clock = new TestClock();
    for (let i = 0; i < 7; i++) await store.appendHandoffEvent(ev(`e${i}`, '2026-01-05T08:00:00.000Z', `p${i}`));
    assert.equal(await runStatsAggregation({ store, clock, holder: 'a', batch: 3, maxBatches: 2 }), 6);
    await store.acquireLease(
      STATS_LEASES.aggregation,
      'b',
      new Date(clock.now().getTime() + 60_000).toISOString(),
      clock.now().toISOString(),
    );
    assert.equal(await runStatsAggregation({ store, clock, holder: 'a' }), undefined);
    clock.advance(120_000);
    assert.equal(await runStatsAggregation({ store, clock, holder: 'a' }), 1);
    assert.equal(
      (await store.listStatsCounters({ scope: S1, dimensions: ['all'], periods: ['2026-01'] }))[0]?.people,
      7,
    );
  });

  describe('probes', () => {
    let server: Server;
    let base: string;
    before(async () => {
      server = createServer((req, res) => {
        res.statusCode = req.url === '/down' ? 503 : 200;
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('records reachable, failing and timed-out access URLs; skips what is not allowed', async () => {
      const w = await buildStatsWorld();
      const resource = async (id: string, accessUrl: string) => {
        const r = await w.store.getResource(id);
        await w.store.putResource({ ...r!, accessUrl });
      };
      await resource(R_MATHS, `${base}/ok`);
      await resource(R_DICO, `${base}/slow`);
      const old = await w.store.getResource('ark:/11111/old');
      await w.store.putResource({ ...old!, accessUrl: `${base}/down` });
      const loopback = (u: URL) => u.hostname === '127.0.0.1';
      let t = 0;
      // The slow URL waits for the probe's abort; the others go over real HTTP without the probe's timer, so that a
      // loaded machine cannot turn a quick answer into a timeout.
      const probeFetch: typeof fetch = (input, init) => {
        const url = new URL(input instanceof Request ? input.url : input);
        if (url.pathname !== '/slow') return fetch(url, { ...init, signal: null });
        return new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }),
        );
      };
      const n = await runResourceProbes({
        store: w.store,
        clock: w.clock,
        holder: 'a',
        timeoutMs: 50,
        fetch: probeFetch,
        allowUrl: loopback,
        monotonic: () => (t += 10),
      });
      assert.equal(n, 3);
      const probes = await w.store.listResourceProbes({});
      assert.deepEqual(
        probes.map((p) => [p.resourceId, p.ok, p.status, p.error]),
        [
          ['ark:/11111/maths', true, 200, undefined],
          ['ark:/11111/old', false, 503, 'status'],
          ['ark:/22222/dico', false, undefined, 'timeout'],
        ],
      );
      assert.equal(probes[0]!.latencyMs, 10);
      assert.equal(await runResourceProbes({ store: w.store, clock: w.clock, holder: 'a', allowUrl: () => false }), 0);
    });
  });

  it('the archive freezes a closing year: later events do not change its published tables', async () => {
    const w = await buildStatsWorld();
    const read = async () => {
      const h = { authorization: `Bearer ${await w.assertion({ sub: 'head-a', uai: S1 })}` };
      return schoolStatsSchema.parse(
        await (await w.app.request(`/api/v1/schools/${S1}/stats?period=2026-2027`, { headers: h })).json(),
      );
    };
    w.clock.current = new Date('2027-08-20T08:00:00Z');
    const before = await read();
    const { tables } = await w.service.stats.archiveSchoolYear('2026-2027');
    assert.equal(tables, 3 * (await w.store.listSchools()).length + 3);
    assert.deepEqual(await w.store.listStatsPeoplePeriods(), []);
    await w.store.appendHandoffEvent(ev('late', '2027-08-25T08:00:00.000Z', 'late-person'));
    await runStatsAggregation({ store: w.store, clock: w.clock, holder: 'a' });
    const after = await read();
    assert.deepEqual(after.table, before.table);
    assert.equal(after.table.columns.length, 12);
  });

  it('the rollover to a new year archives the closing year’s statistics; a preview does not', async () => {
    const w = await buildStatsWorld();
    w.clock.current = new Date('2027-08-20T08:00:00Z');
    await w.service.rollover.all({ kind: 'system' }, '2027-2028', { preview: true });
    assert.equal(await w.store.getStatsArchive(S1, '2026-2027', 'resource'), undefined);
    await w.service.rollover.all({ kind: 'system' }, '2027-2028');
    const archived = await w.store.getStatsArchive(S1, '2026-2027', 'resource');
    assert.equal(schoolStatsSchema.shape.table.parse(archived?.table).columns.length, 12);
  });
});

describe('startStatsJobs', () => {
  it('folds new events on its period and flushes the health counters when stopped', async () => {
    const store = createMemoryStore();
    const clock = new TestClock();
    const metrics = createServiceMetrics({ clock });
    metrics.record({ path: '/readyz', status: 503, ms: 3 });
    await store.appendHandoffEvent(ev('e1', '2026-01-05T08:00:00.000Z'));
    const jobs = startStatsJobs({ store, metrics, clock, aggregateEveryMs: 5, retentionEveryMs: 60_000 });
    for (
      let i = 0;
      i < 200 && (await store.listStatsCounters({ scope: S1, dimensions: ['all'], periods: ['2026-01'] })).length === 0;
      i++
    )
      await new Promise((r) => setTimeout(r, 5));
    await jobs.stop();
    assert.equal(
      (await store.listStatsCounters({ scope: S1, dimensions: ['all'], periods: ['2026-01'] }))[0]?.accesses,
      1,
    );
    const [day] = await store.listServiceDays({ from: '2026-01-01', to: '2026-02-01' });
    assert.deepEqual([day?.requests, day?.errors, day?.readyChecks, day?.readyFailures], [1, 1, 1, 1]);
  });

  it('folds the events once at start when asked, before its first period', async () => {
    const store = createMemoryStore();
    const clock = new TestClock();
    await store.appendHandoffEvent(ev('e1', '2026-01-05T08:00:00.000Z'));
    const jobs = startStatsJobs({ store, clock, aggregateEveryMs: 3_600_000, aggregateAtStart: true });
    await jobs.stop();
    const [counter] = await store.listStatsCounters({ scope: S1, dimensions: ['all'], periods: ['2026-01'] });
    assert.equal(counter?.accesses, 1);
  });

  it('waits for its first period otherwise', async () => {
    const store = createMemoryStore();
    await store.appendHandoffEvent(ev('e1', '2026-01-05T08:00:00.000Z'));
    const jobs = startStatsJobs({ store, clock: new TestClock(), aggregateEveryMs: 3_600_000 });
    await jobs.stop();
    assert.deepEqual(await store.listStatsCounters({ scope: S1, dimensions: ['all'], periods: ['2026-01'] }), []);
  });
});
