// Hand-offs per second on PostgreSQL (the service's `handoff.handOff`: load the facts, decide, sign, record the copy
// opened and the event in one transaction) beside a bare transaction rate measured in the same run on the same pool
// (BEGIN; SELECT 1; COMMIT), one at a time and 16 in flight. The hand-off sends 12 statements (docs/architecture.md),
// so it should cost a few bare transactions, not dozens. Also printed: the statements it sent, counted by the driver.
import { R_MATHS, S1 } from '../packages/server/test/helpers/fixtures.js';
import { countedStore } from '../packages/server/test/helpers/counted-store.js';
import { startTestPostgres } from '../packages/server/test/helpers/postgres.js';
import { buildWorld } from '../packages/server/test/helpers/world.js';
import { quick, writeReport, type BenchRow } from './lib/report.js';

const CONCURRENCY = 16;
const server = await startTestPostgres({
  ...process.env,
  OPENGAR_TEST_DATABASE_URL: process.env.OPENGAR_BENCH_DATABASE_URL,
  OPENGAR_REQUIRE_POSTGRES: undefined,
});
if ('skip' in server) {
  console.log(server.skip);
  writeReport('handoff-postgres', [], { postgres: server.skip });
  process.exit(0);
}

async function run(n: number, concurrency: number, one: () => Promise<void>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await one();
    }),
  );
  return performance.now() - t;
}

try {
  const { store, driver } = await countedStore((await server.createDatabase()).url);
  try {
    const w = await buildWorld({ data: 'handoff', store });
    const request = { entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_MATHS };
    const handoff = async () => {
      const r = await w.service.handoff.handOff(request);
      if (!r.ok) throw new Error(`hand-off refused: ${r.reason}`);
    };
    const bare = () => store.transaction(async (tx) => void (await tx.getSetting('bench.bare')));
    const n = quick ? 200 : 2000;
    await run(50, 1, handoff);
    await run(50, 1, bare);
    const { count } = await driver.measure(handoff);
    const totals = { seq: { h: 0, b: 0 }, par: { h: 0, b: 0 } };
    for (let round = 0; round < 4; round++) {
      totals.seq.h += await run(n / 8, 1, handoff);
      totals.seq.b += await run(n / 8, 1, bare);
      totals.par.h += await run(n / 8, CONCURRENCY, handoff);
      totals.par.b += await run(n / 8, CONCURRENCY, bare);
    }
    const rate = (ms: number) => (n / 2 / ms) * 1000;
    // 12 statements against the bare transaction's 3: about a quarter of its rate, less the signing and the rules.
    const TARGET = 0.15;
    const row = (name: string, t: { h: number; b: number }): BenchRow => ({
      name,
      value: rate(t.h),
      unit: '/s',
      baseline: rate(t.b),
      baselineName: 'bare transaction (BEGIN; SELECT; COMMIT) on the same pool',
      ratio: t.b / t.h,
      target: `ratio ≥ ${TARGET}`,
      ok: t.b / t.h >= TARGET,
    });
    writeReport(
      'handoff-postgres',
      [
        row('hand-offs/s on PostgreSQL, one at a time', totals.seq),
        row(`hand-offs/s on PostgreSQL, ${CONCURRENCY} in flight (pool of 10)`, totals.par),
      ],
      { samples: n, statementsPerHandoff: count.statements, transactionsPerHandoff: count.transactions },
    );
  } finally {
    await store.close();
  }
} finally {
  await server.stop();
}
