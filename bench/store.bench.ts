// The stores side by side: a bare single-row write (one licence copy on its own: the baseline) and the copy-allocation transaction the service runs
// when a manager allocates a division (lock the subscription, count its copies, insert one copy per pupil), p50 and
// p99 per store, each as a ratio to the same store's bare write in the same run. PostgreSQL runs on a private cluster
// when the server binaries are installed (scripts/pg-cluster.mjs), or on OPENGAR_BENCH_DATABASE_URL.
import type { Store, StoredSubscription } from '../packages/server/src/store/index.js';
import { forEachStore } from './lib/stores.js';
import { percentile, quick, writeReport, type BenchRow } from './lib/report.js';

const ITERATIONS = quick ? 40 : 400;
const DIVISION = 30;
const UAI = '0561641E';

function subscription(id: string): StoredSubscription {
  return {
    id,
    distributorId: '532111678_0000000000000042',
    resourceId: 'ark:/86527/manuel-maths-3e',
    resourceIdType: 'ark',
    resourceLabel: 'Maths 3e',
    validFrom: '2025-09-01T00:00:00+02:00',
    validUntil: '2026-08-15T23:59:59+02:00',
    uai: UAI,
    category: 'transferable',
    type: 'INDIV',
    licences: { kind: 'global', count: 1000 },
    audiences: ['ELEVE'],
    automatic: false,
    createdAt: '2025-08-20T09:15:00.000Z',
    updatedAt: '2025-08-20T09:15:00.000Z',
  };
}

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

async function measure(name: string, store: Store): Promise<BenchRow[]> {
  const copy = (subscriptionId: string, i: number, k: number) => ({
    subscriptionId,
    uai: UAI,
    personId: `eleve-${i}-${k}`,
    audience: 'ELEVE' as const,
    allocationId: `AFF-${i}`,
    assignedAt: '2025-09-02T08:00:00.000Z',
  });
  // The baseline: one licence copy written on its own (one row, same table, no transaction around it).
  // Warm-up first, not timed: plans, JIT, the first pages.
  for (let i = 0; i < 20; i++) await store.insertCopies([copy('ABO-WARM', i, 0)]);
  const bare = await timed(ITERATIONS, (i) => store.insertCopies([copy('ABO-BARE', i, 0)]));
  for (let i = 0; i < ITERATIONS; i++) await store.insertSubscription(subscription(`ABO-BENCH-${i}`));
  const allocate = await timed(ITERATIONS, (i) =>
    store.transaction(async (tx) => {
      const sub = await tx.lockSubscription(`ABO-BENCH-${i}`);
      const used = Object.values(await tx.countCopies(`ABO-BENCH-${i}`)).reduce((a, b) => a + b, 0);
      if (
        sub?.licences.kind !== 'global' ||
        sub.licences.count === 'ILLIMITE' ||
        used + DIVISION > sub.licences.count
      ) {
        throw new Error('the bench subscription should have room');
      }
      await tx.insertCopies(Array.from({ length: DIVISION }, (_, k) => copy(sub.id, i, k)));
    }),
  );
  const base50 = percentile(bare, 50);
  const base99 = percentile(bare, 99);
  const row = (
    figure: string,
    value: number,
    baseline: number,
    baselineName: string,
    target: string,
    ok: boolean,
  ): BenchRow => ({
    name: `${name}: ${figure}`,
    value,
    unit: 'ms',
    baseline,
    baselineName,
    ratio: value / baseline,
    target,
    ok,
  });
  const a50 = percentile(allocate, 50);
  const a99 = percentile(allocate, 99);
  return [
    row('bare write p50', base50, base50, 'bare write p50', 'baseline', true),
    row('bare write p99', base99, base50, 'bare write p50', 'report', true),
    // A handful of statements and one 30-row insert must cost less than writing the 30 copies one by one.
    row(
      `allocation tx (${DIVISION} copies) p50`,
      a50,
      base50,
      'bare write p50',
      `< ${DIVISION}× (one write per copy)`,
      a50 < DIVISION * base50,
    ),
    row(`allocation tx (${DIVISION} copies) p99`, a99, base99, 'bare write p99', 'report', true),
  ];
}

const rows: BenchRow[] = [];
const meta: Record<string, unknown> = { iterations: ITERATIONS, division: DIVISION };

await forEachStore('store', meta, async (kind, store) => {
  rows.push(...(await measure(kind, store)));
});

writeReport('store', rows, meta);
