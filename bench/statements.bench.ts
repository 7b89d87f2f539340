// Round trips per operation: the statements the médiacentre listing, a hand-off, an allocation preview, an
// allocation and an audit page send to the database, counted by a driver wrapper (`countingDriver`) on PGlite and
// PostgreSQL, at a small school (baseline) and a school ten times larger in the same run. Target: the same count at
// both sizes (ratio 1) and within the budget docs/architecture.md gives. These figures do not depend on the machine.
import { countedStore, type CountedStore } from '../packages/server/test/helpers/counted-store.js';
import { startTestPostgres } from '../packages/server/test/helpers/postgres.js';
import {
  STATEMENT_BUDGETS,
  measureStatements,
  type Operation,
} from '../packages/server/test/helpers/statement-budgets.js';
import { quick, writeReport, type BenchRow } from './lib/report.js';

const SMALL = 10;
const LARGE = quick ? 100 : 500;

async function figures(open: () => Promise<CountedStore>, size: number): Promise<Record<Operation, number>> {
  const counted = await open();
  try {
    return await measureStatements(counted, size);
  } finally {
    await counted.store.close();
  }
}

const rows: BenchRow[] = [];
const meta: Record<string, unknown> = { small: SMALL, large: LARGE };
async function measure(kind: string, open: () => Promise<CountedStore>): Promise<void> {
  const small = await figures(open, SMALL);
  const large = await figures(open, LARGE);
  for (const op of Object.keys(STATEMENT_BUDGETS) as Operation[]) {
    const budget = STATEMENT_BUDGETS[op];
    rows.push({
      name: `${op}, ${kind}, ${LARGE} pupils (statements)`,
      value: large[op],
      unit: 'statements',
      baseline: small[op],
      baselineName: `${SMALL} pupils`,
      ratio: large[op] / small[op],
      target: `ratio 1, ≤ ${budget}`,
      ok: large[op] === small[op] && large[op] <= budget,
    });
  }
}

await measure('PGlite', () => countedStore());
// The tests' PostgreSQL helper: OPENGAR_BENCH_DATABASE_URL when set, else a private cluster (skipped without binaries).
const server = await startTestPostgres({
  ...process.env,
  OPENGAR_TEST_DATABASE_URL: process.env.OPENGAR_BENCH_DATABASE_URL,
  OPENGAR_REQUIRE_POSTGRES: undefined,
});
if ('skip' in server) meta.postgres = server.skip;
else {
  try {
    await measure('PostgreSQL', async () => countedStore((await server.createDatabase()).url));
  } finally {
    await server.stop();
  }
}
writeReport('statements', rows, meta);
