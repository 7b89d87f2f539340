import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LATENCY_BOUNDS_MS, NATIONAL_SCOPE } from '../../src/store/types-stats.js';
import type { ContractContext } from './contract.js';
import { COLLEGE, college, handoff, LYCEE, lycee, RESOURCE } from './fixtures.js';

const OTHER = 'ark:/86527/dico-fr';
const buckets = (i: number) => Array.from({ length: LATENCY_BOUNDS_MS.length + 1 }, (_, j) => (j === i ? 1 : 0));

/** Statistics: incremental counters with exact distinct people, daily hand-off counts, retention, health, probes, archives. */
export function statsContract({ withStore }: ContractContext): void {
  test('aggregateHandoffEvents: counts accesses and distinct people per month and year, incrementally, once per event', () =>
    withStore(async (store) => {
      await store.putSchool(college);
      await store.putSchool(lycee);
      await store.appendHandoffEvent(
        handoff({ id: 'e1', at: '2026-10-05T08:00:00.000Z', statsPseudonym: 'p1', divisionCodes: ['3A', '3B'] }),
      );
      await store.appendHandoffEvent(
        handoff({ id: 'e2', at: '2026-10-06T08:00:00.000Z', statsPseudonym: 'p1', divisionCodes: ['3A', '3B'] }),
      );
      await store.appendHandoffEvent(
        handoff({ id: 'e3', at: '2026-11-02T08:00:00.000Z', statsPseudonym: 'p2', divisionCodes: [] }),
      );
      await store.appendHandoffEvent(
        handoff({
          id: 'e4',
          at: '2026-10-07T08:00:00.000Z',
          statsPseudonym: 'p3',
          outcome: 'refused',
          reason: 'no_copy',
        }),
      );
      assert.equal(await store.aggregateHandoffEvents(2), 2);
      assert.equal(await store.aggregateHandoffEvents(100), 2);
      assert.equal(await store.aggregateHandoffEvents(100), 0);
      // A later event of a person already counted adds an access, not a person.
      await store.appendHandoffEvent(
        handoff({ id: 'e5', at: '2027-01-10T08:00:00.000Z', statsPseudonym: 'p2', resourceId: OTHER }),
      );
      await store.appendHandoffEvent(
        handoff({
          id: 'e6',
          at: '2026-11-03T08:00:00.000Z',
          uai: LYCEE,
          statsPseudonym: 'p2',
          profile: 'National_ens',
          divisionCodes: [],
        }),
      );
      assert.equal(await store.aggregateHandoffEvents(100), 2);

      const counters = await store.listStatsCounters({
        scope: COLLEGE,
        dimensions: ['resource', 'all', 'division'],
        periods: ['2026-10', '2026-11', '2026-2027'],
      });
      const find = (dimension: string, key: string, period: string) => {
        const c = counters.find((x) => x.dimension === dimension && x.key === key && x.period === period);
        return c && [c.accesses, c.people];
      };
      assert.deepEqual(find('resource', RESOURCE, '2026-10'), [2, 1]);
      assert.deepEqual(find('resource', RESOURCE, '2026-2027'), [3, 2]);
      assert.deepEqual(find('resource', OTHER, '2026-2027'), [1, 1]);
      assert.deepEqual(find('all', '*', '2026-2027'), [4, 2]);
      assert.deepEqual(find('division', '3B', '2026-10'), [2, 1]);
      assert.deepEqual(find('division', '-', '2026-11'), [1, 1]);
      assert.equal(find('resource', OTHER, '2026-10'), undefined);

      const national = await store.listStatsCounters({
        scope: NATIONAL_SCOPE,
        dimensions: ['academie', 'profile', 'all'],
        periods: ['2026-2027'],
      });
      assert.deepEqual(
        national.map((c) => [c.dimension, c.key, c.accesses, c.people]),
        [
          ['academie', '-', 1, 1],
          ['academie', '14', 4, 2],
          ['all', '*', 5, 2],
          ['profile', 'National_elv', 4, 2],
          ['profile', 'National_ens', 1, 1],
        ],
      );

      const days = await store.listHandoffDays({ uai: COLLEGE, from: '2026-10-01', to: '2026-11-01' });
      assert.deepEqual(
        days.map((d) => [d.day, d.outcome, d.reason, d.count]),
        [
          ['2026-10-05', 'success', '', 1],
          ['2026-10-06', 'success', '', 1],
          ['2026-10-07', 'refused', 'no_copy', 1],
        ],
      );
    }));

  test('aggregateHandoffEvents inside a failed transaction counts nothing', () =>
    withStore(async (store) => {
      await store.appendHandoffEvent(handoff({ id: 'e1', at: '2026-10-05T08:00:00.000Z' }));
      await assert.rejects(
        store.transaction(async (tx) => {
          assert.equal(await tx.aggregateHandoffEvents(10), 1);
          throw new RangeError('abort');
        }),
        RangeError,
      );
      assert.deepEqual(
        await store.listStatsCounters({ scope: COLLEGE, dimensions: ['all'], periods: ['2026-10'] }),
        [],
      );
      assert.equal(await store.aggregateHandoffEvents(10), 1);
      assert.equal(
        (await store.listStatsCounters({ scope: COLLEGE, dimensions: ['all'], periods: ['2026-10'] }))[0]?.people,
        1,
      );
    }));

  test('retention: deletes aggregated events before a date only; pseudonym sets of closed periods go, counters stay', () =>
    withStore(async (store) => {
      await store.appendHandoffEvent(handoff({ id: 'old', at: '2025-01-05T08:00:00.000Z' }));
      await store.appendHandoffEvent(handoff({ id: 'new', at: '2026-10-05T08:00:00.000Z' }));
      assert.equal(await store.deleteHandoffEventsBefore('2025-10-01T00:00:00.000Z'), 0, 'not aggregated yet');
      await store.aggregateHandoffEvents(10);
      assert.equal(await store.deleteHandoffEventsBefore('2025-10-01T00:00:00.000Z'), 1);
      assert.deepEqual(
        (await store.listHandoffEvents({})).map((e) => e.id),
        ['new'],
      );
      assert.deepEqual(await store.listStatsPeoplePeriods(), ['2024-2025', '2025-01', '2026-10', '2026-2027']);
      assert.ok((await store.purgeStatsPeople(['2025-01', '2024-2025'])) > 0);
      assert.deepEqual(await store.listStatsPeoplePeriods(), ['2026-10', '2026-2027']);
      assert.equal(
        (await store.listStatsCounters({ scope: COLLEGE, dimensions: ['all'], periods: ['2025-01'] }))[0]?.accesses,
        1,
      );
    }));

  test('service days add up; probes and archives replace', () =>
    withStore(async (store) => {
      const day = {
        day: '2026-10-05',
        requests: 2,
        errors: 1,
        latencyBuckets: buckets(0),
        readyChecks: 1,
        readyFailures: 0,
      };
      await store.addServiceDay(day);
      await store.addServiceDay({ ...day, latencyBuckets: buckets(3), readyFailures: 1 });
      await store.addServiceDay({ ...day, day: '2026-11-01' });
      const days = await store.listServiceDays({ from: '2026-10-01', to: '2026-11-01' });
      assert.deepEqual(days, [
        {
          day: '2026-10-05',
          requests: 4,
          errors: 2,
          latencyBuckets: buckets(0).map((x, i) => x + buckets(3)[i]!),
          readyChecks: 2,
          readyFailures: 1,
        },
      ]);
      await assert.rejects(store.addServiceDay({ ...day, latencyBuckets: [1] }), TypeError);

      await store.putResourceProbe({
        resourceId: RESOURCE,
        at: '2026-10-05T08:00:00.000Z',
        ok: false,
        error: 'timeout',
      });
      await store.putResourceProbe({
        resourceId: RESOURCE,
        at: '2026-10-05T09:00:00.000Z',
        ok: true,
        status: 200,
        latencyMs: 12,
      });
      await store.putResourceProbe({
        resourceId: OTHER,
        at: '2026-10-05T09:00:00.000Z',
        ok: false,
        status: 503,
        error: 'status',
      });
      assert.deepEqual(await store.listResourceProbes({ resourceIds: [RESOURCE] }), [
        { resourceId: RESOURCE, at: '2026-10-05T09:00:00.000Z', ok: true, status: 200, latencyMs: 12 },
      ]);
      assert.equal((await store.listResourceProbes({})).length, 2);

      const table = { rows: [], total: { status: 'suppressed', band: '<5' } };
      await store.putStatsArchive({
        scope: COLLEGE,
        year: '2026-2027',
        by: 'resource',
        table,
        archivedAt: '2027-08-20T00:00:00.000Z',
      });
      assert.deepEqual(await store.getStatsArchive(COLLEGE, '2026-2027', 'resource'), {
        scope: COLLEGE,
        year: '2026-2027',
        by: 'resource',
        table,
        archivedAt: '2027-08-20T00:00:00.000Z',
      });
      assert.equal(await store.getStatsArchive(COLLEGE, '2026-2027', 'profile'), undefined);
    }));
}
