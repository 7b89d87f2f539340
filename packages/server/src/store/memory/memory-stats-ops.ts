import type { HandoffEvent } from '../types.js';
import {
  ALL_KEY,
  LATENCY_BOUNDS_MS,
  NATIONAL_SCOPE,
  NONE_KEY,
  type HandoffDayCount,
  type ResourceProbe,
  type ServiceDay,
  type StatsArchive,
  type StatsCounter,
  type StatsCounterDimension,
  type StatsStoreOps,
} from '../types-stats.js';
import { monthOf, statsYearOfMonth } from '@opengar/core';
import { cloneJson, compareText, instant } from '../shared/fold.js';
import type { MemoryContext } from './memory-context.js';
import type { MemoryState } from './memory-state.js';
import { key, Table } from './table.js';

interface SeenRow {
  counter: string;
  period: string;
  pseudonym: string;
}

function createStatsState() {
  return {
    aggregated: new Table((r: { id: string }) => r.id),
    counters: new Table((c: StatsCounter) => key(c.scope, c.dimension, c.key, c.period), {
      scopePeriod: (c) => [key(c.scope, c.period)],
    }),
    seen: new Table((r: SeenRow) => key(r.counter, r.pseudonym), { period: (r) => [r.period] }),
    days: new Table((d: HandoffDayCount) => key(d.uai, d.resourceId, d.day, d.outcome, d.reason), {
      uai: (d) => [d.uai],
    }),
    service: new Table((d: ServiceDay) => d.day),
    probes: new Table((p: ResourceProbe) => p.resourceId),
    archives: new Table((a: StatsArchive) => key(a.scope, a.year, a.by)),
  };
}

// The memory state is owned by the store; statistics keep their tables beside it, one set per store.
const statsStates = new WeakMap<MemoryState, ReturnType<typeof createStatsState>>();

/** The counters one successful hand-off adds to: per school and nationally, per month and school year. */
export function counterCells(
  e: HandoffEvent,
  school: { academie?: string | undefined; degree?: string | undefined } | undefined,
) {
  const month = monthOf(e.at);
  const periods = [month, statsYearOfMonth(month)];
  const dims: [string, StatsCounterDimension, string][] = [
    [e.uai, 'resource', e.resourceId],
    [e.uai, 'profile', e.profile],
    [e.uai, 'all', ALL_KEY],
    ...(e.divisionCodes.length === 0 ? [NONE_KEY] : [...new Set(e.divisionCodes)]).map(
      (d): [string, StatsCounterDimension, string] => [e.uai, 'division', d],
    ),
    [NATIONAL_SCOPE, 'academie', school?.academie ?? NONE_KEY],
    [NATIONAL_SCOPE, 'profile', e.profile],
    [NATIONAL_SCOPE, 'degree', school?.degree ?? NONE_KEY],
    [NATIONAL_SCOPE, 'all', ALL_KEY],
  ];
  return periods.flatMap((period) => dims.map(([scope, dimension, k]) => ({ scope, dimension, key: k, period })));
}

/** The statistics tables of a memory state (made on first use). */
export function statsTablesOf(s: MemoryState) {
  let st = statsStates.get(s);
  if (!st) {
    st = createStatsState();
    statsStates.set(s, st);
  }
  return st;
}

/** Statistics and quality-of-service operations of the memory store. */
export function memoryStatsOps({ state: s, read, write }: MemoryContext): StatsStoreOps {
  const t = statsTablesOf(s);
  return {
    aggregateHandoffEvents: (limit) =>
      write((j) => {
        let n = 0;
        for (const e of s.handoffs.values()) {
          if (n >= limit) break;
          if (t.aggregated.has(e.id)) continue;
          n++;
          t.aggregated.set(j, { id: e.id });
          const day = new Date(instant(e.at)).toISOString().slice(0, 10);
          const dk = {
            uai: e.uai,
            resourceId: e.resourceId,
            day,
            outcome: e.outcome,
            reason: e.outcome === 'success' ? '' : (e.reason ?? ''),
          };
          const old = t.days.get(key(dk.uai, dk.resourceId, dk.day, dk.outcome, dk.reason));
          t.days.set(j, { ...dk, count: (old?.count ?? 0) + 1 });
          if (e.outcome !== 'success') continue;
          for (const c of counterCells(e, s.schools.get(e.uai))) {
            const ck = key(c.scope, c.dimension, c.key, c.period);
            const fresh = !t.seen.has(key(ck, e.statsPseudonym));
            if (fresh) t.seen.set(j, { counter: ck, period: c.period, pseudonym: e.statsPseudonym });
            const prev = t.counters.get(ck);
            t.counters.set(j, {
              ...c,
              accesses: (prev?.accesses ?? 0) + 1,
              people: (prev?.people ?? 0) + (fresh ? 1 : 0),
            });
          }
        }
        return n;
      }),
    listStatsCounters: (f) =>
      read(() => {
        const dims = new Set(f.dimensions);
        return f.periods
          .flatMap((p) => t.counters.find('scopePeriod', key(f.scope, p)))
          .filter((c) => dims.has(c.dimension))
          .sort(
            (a, b) =>
              compareText(a.dimension, b.dimension) || compareText(a.key, b.key) || compareText(a.period, b.period),
          )
          .map((c) => ({ ...c }));
      }),
    listHandoffDays: (f) =>
      read(() =>
        t.days
          .find('uai', f.uai)
          .filter((d) => d.day >= f.from && d.day < f.to)
          .sort(
            (a, b) =>
              compareText(a.day, b.day) ||
              compareText(a.resourceId, b.resourceId) ||
              compareText(a.outcome, b.outcome) ||
              compareText(a.reason, b.reason),
          )
          .map((d) => ({ ...d })),
      ),
    deleteHandoffEventsBefore: (before) =>
      write((j) => {
        const limit = instant(before);
        const old = [...s.handoffs.values()].filter((e) => instant(e.at) < limit && t.aggregated.has(e.id));
        for (const e of old) {
          s.handoffs.delete(j, e.id);
          t.aggregated.delete(j, e.id);
        }
        return old.length;
      }),
    purgeStatsPeople: (periods) =>
      write((j) => {
        let n = 0;
        for (const p of periods)
          for (const r of t.seen.find('period', p)) {
            t.seen.delete(j, key(r.counter, r.pseudonym));
            n++;
          }
        return n;
      }),
    listStatsPeoplePeriods: () => read(() => [...new Set([...t.seen.values()].map((r) => r.period))].sort(compareText)),
    addServiceDay: (d) =>
      write((j) => {
        if (d.latencyBuckets.length !== LATENCY_BOUNDS_MS.length + 1)
          throw new TypeError('one latency count per bucket');
        const old = t.service.get(d.day);
        t.service.set(j, {
          day: d.day,
          requests: (old?.requests ?? 0) + d.requests,
          errors: (old?.errors ?? 0) + d.errors,
          latencyBuckets: d.latencyBuckets.map((x, i) => x + (old?.latencyBuckets[i] ?? 0)),
          readyChecks: (old?.readyChecks ?? 0) + d.readyChecks,
          readyFailures: (old?.readyFailures ?? 0) + d.readyFailures,
        });
      }),
    listServiceDays: (f) =>
      read(() =>
        [...t.service.values()]
          .filter((d) => d.day >= f.from && d.day < f.to)
          .sort((a, b) => compareText(a.day, b.day))
          .map((d) => cloneJson(d)),
      ),
    putResourceProbe: (p) => write((j) => t.probes.set(j, cloneJson(p))),
    listResourceProbes: (f) =>
      read(() => {
        const ids = f.resourceIds === undefined ? undefined : new Set(f.resourceIds);
        return [...t.probes.values()]
          .filter((p) => ids === undefined || ids.has(p.resourceId))
          .sort((a, b) => compareText(a.resourceId, b.resourceId))
          .map((p) => cloneJson(p));
      }),
    putStatsArchive: (a) => write((j) => t.archives.set(j, cloneJson(a))),
    getStatsArchive: (scope, year, by) => read(() => cloneJson(t.archives.get(key(scope, year, by)))),
  };
}
