import type {
  AllocationStats,
  NationalStats,
  QualityStats,
  SchoolStats,
  StatsDimension,
  UnusedStats,
} from '@opengar/core';
import type { ConsoleSend } from './console-client.js';
import type { CallOptions } from './options.js';

/**
 * Usage statistics (`/api/v1/schools/{uai}/stats…` for a school's managers and delegates, with an ENT user assertion;
 * `/api/v1/admin/stats/national` for operators). Every figure is under disclosure control: a hidden one is
 * `{ status: 'suppressed', band: '<5' }`, never a number.
 *
 * @example
 * ```ts
 * const s = await client.stats.school('0561641E', { period: '2026-2027', by: 'resource' });
 * for (const [i, row] of s.table.rows.entries()) {
 *   const total = s.table.rowTotals[i];
 *   console.log(row.label, total.status === 'published' ? total.accesses : total.band);
 * }
 * ```
 */
export interface GarStatsClient {
  /** `GET …/stats?period=&by=`: accesses and distinct people on the fixed grid (a month `2026-10` or a school year `2026-2027`). */
  school(uai: string, query: { period: string; by?: StatsDimension }, options?: CallOptions): Promise<SchoolStats>;
  /** `GET …/stats/allocations`: copies allocated and used per subscription and audience. */
  allocations(uai: string, options?: CallOptions & { year?: string }): Promise<AllocationStats>;
  /** `GET …/stats/unused`: subscriptions never opened, and opened by few (bands). */
  unused(uai: string, options?: CallOptions & { year?: string }): Promise<UnusedStats>;
  /** `GET …/stats/quality?month=`: hand-offs per day and resource, the service's health, resource probes. */
  quality(uai: string, options?: CallOptions & { month?: string }): Promise<QualityStats>;
  /** `GET /api/v1/admin/stats/national` (operators): per académie, profile or degree and month. */
  national(
    query: { year: string; by?: 'academie' | 'profile' | 'degree' },
    options?: CallOptions,
  ): Promise<NationalStats>;
}

/**
 * Makes the statistics calls over a client's transport; `createGarClient` exposes them as `client.stats`.
 *
 * @example
 * ```ts
 * const stats = createStatsClient(send);
 * await stats.quality('0561641E', { month: '2026-10' });
 * ```
 */
export function createStatsClient(send: ConsoleSend): GarStatsClient {
  const school = (uai: string, rest = '') => {
    if (uai.length === 0 || uai.length > 45) throw new TypeError('uai must be 1 to 45 characters');
    return `api/v1/schools/${encodeURIComponent(uai)}/stats${rest}`;
  };
  return {
    school: (uai, q, o) =>
      send<SchoolStats>('get', school(uai), { signal: o?.signal, searchParams: { period: q.period, by: q.by } }),
    allocations: (uai, o) =>
      send<AllocationStats>('get', school(uai, '/allocations'), { signal: o?.signal, searchParams: { year: o?.year } }),
    unused: (uai, o) =>
      send<UnusedStats>('get', school(uai, '/unused'), { signal: o?.signal, searchParams: { year: o?.year } }),
    quality: (uai, o) =>
      send<QualityStats>('get', school(uai, '/quality'), { signal: o?.signal, searchParams: { month: o?.month } }),
    national: (q, o) =>
      send<NationalStats>('get', 'api/v1/admin/stats/national', {
        signal: o?.signal,
        searchParams: { year: q.year, by: q.by },
      }),
  };
}
