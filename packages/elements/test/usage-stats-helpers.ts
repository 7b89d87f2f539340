// Helpers of the <gar-usage-stats> browser tests: mounting against the in-page service, a source answering fixed
// protected tables (made by the core's own disclosure control) for shapes the demo data does not have, and queries.
import { protectTable, type CountCell, type QualityStats, type SchoolStats, type UnusedStats } from '@opengar/core';
import type { FetchLike } from '@opengar/sdk';
import 'axe-core';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';
import { expect } from 'chai';
import '../src/define-all.js';
import '../src/define-usage-stats.js';
import type { StatsBreakdown } from '../src/usage-stats/localize/translation.js';
import type { UsageStatsSource } from '../src/usage-stats/stats-source.js';
import type { GarUsageStats } from '../src/usage-stats/usage-stats.js';
import { ISSUER, statsService, type StatsUser } from './usage-stats-service.js';

export { ISSUER };

const mounted: Element[] = [];
export function cleanup(): void {
  for (const e of mounted.splice(0)) e.remove();
}

export async function waitFor(check: () => boolean, what = 'condition', ms = 8000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function settled(el: GarUsageStats): Promise<void> {
  await el.updateComplete;
  await waitFor(() => el.status !== 'loading' && el.status !== 'waiting', 'the element to settle');
  await el.updateComplete;
}

/** `<gar-client-provider>` around `<gar-usage-stats>`, against the in-page service with statistics, as `user`. */
export async function mountWithProvider(
  user: StatsUser = 'head',
  setup: (el: GarUsageStats) => void = () => {},
  wrapFetch?: (f: FetchLike) => FetchLike,
) {
  const svc = await statsService();
  const provider = document.createElement('gar-client-provider');
  provider.serviceUrl = ISSUER;
  provider.fetch = wrapFetch ? wrapFetch(svc.fetch) : svc.fetch;
  provider.getToken = svc.tokenFor(user);
  const el = document.createElement('gar-usage-stats');
  el.now = () => svc.now().getTime();
  setup(el);
  provider.append(el);
  document.body.append(provider);
  mounted.push(provider);
  await settled(el);
  return { el, provider, svc };
}

/** A lone element with a given source. */
export async function mountWithSource(source: UsageStatsSource, setup: (el: GarUsageStats) => void = () => {}) {
  const el = document.createElement('gar-usage-stats');
  el.source = source;
  el.now = () => Date.parse('2026-09-14T08:00:00Z');
  setup(el);
  document.body.append(el);
  mounted.push(el);
  await settled(el);
  return el;
}

const MONTHS_2025 = [
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
];

/** A usage answer protected by the core's disclosure control, from raw counts `rows × months`. */
export function protectedStats(
  period: string,
  by: StatsBreakdown,
  rows: { key: string; label: string; cells: CountCell[] }[],
  columns = MONTHS_2025,
): SchoolStats {
  const t = protectTable({ rows: rows.map((r) => r.key), columns, cells: rows.map((r) => r.cells) });
  return {
    uai: '0561641E',
    period,
    schoolYear: '2025-2026',
    by,
    table: { ...t, rows: rows.map(({ key, label }) => ({ key, label })) },
    generatedAt: '2026-09-14T08:00:00.000Z',
  };
}

export const cells = (...people: number[]): CountCell[] => people.map((p) => ({ people: p, accesses: p * 3 }));

/** A source answering fixed figures, recording its calls. */
export function stubSource(o: {
  usage?: (period: string, by: StatsBreakdown) => SchoolStats;
  unused?: UnusedStats;
  quality?: QualityStats;
  schools?: { uai: string }[];
}): UsageStatsSource & { calls: string[] } {
  const calls: string[] = [];
  const missing = () => Promise.reject(new Error('not in this stub'));
  return {
    calls,
    schools: () => (calls.push('schools'), Promise.resolve(o.schools ?? [{ uai: '0561641E' }])),
    usage: (uai, period, by) => (
      calls.push(`usage ${uai} ${period} ${by}`), o.usage ? Promise.resolve(o.usage(period, by)) : missing()
    ),
    unused: (uai, year) => (calls.push(`unused ${uai} ${year}`), o.unused ? Promise.resolve(o.unused) : missing()),
    quality: (uai, month) => (
      calls.push(`quality ${uai} ${month}`), o.quality ? Promise.resolve(o.quality) : missing()
    ),
  };
}

export function shadow(el: Element): ShadowRoot {
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return root;
}

export function q<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = shadow(el).querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function all<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...shadow(el).querySelectorAll<T>(selector)];
}

export async function choose(el: GarUsageStats, picker: string, value: string): Promise<void> {
  const select = q<HTMLSelectElement>(el, `select[data-picker="${picker}"]`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await settled(el);
}

/** Texts of the table's body cells, row by row (row header first). */
export function tableRows(el: GarUsageStats): string[][] {
  return all(el, 'table[part="table"] tbody tr').map((tr) =>
    [...tr.children].map((c) => (c.querySelector('.band')?.textContent ?? c.textContent ?? '').trim()),
  );
}

/** Runs axe on the element (shadow DOM included) and fails with the violations' ids and targets. */
export async function expectAccessible(el: Element): Promise<void> {
  const axe = (window as unknown as { axe: { run(context: ElementContext, options: RunOptions): Promise<AxeResults> } })
    .axe;
  const result = await axe.run(el, { resultTypes: ['violations'] });
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  expect(found, 'axe violations').to.deep.equal([]);
}
