// Every query of the budgeted operations (the médiacentre listing, a hand-off, an allocation preview, an allocation,
// a subscription's audit, the school's subscriptions) can be served by an index: planned with sequential scans
// disabled, none keeps one, as a table without a usable index would. So their cost follows the school, the person or
// the subscription, not the country: the national bench (`npm run bench -- --scale national --explain`) shows the
// same plans at 1,000,000 people. A new query without an index fails here, on a school of five pupils.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { countingDriver } from '../../src/store/sql/counting-driver.js';
import { createSqlStore } from '../../src/store/sql/create-sql-store.js';
import type { SqlDriver } from '../../src/store/sql/driver.js';
import { createPgliteDriver } from '../../src/store/sql/pglite-driver.js';
import { createPostgresDriver } from '../../src/store/sql/postgres-driver.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { explainable, recordingDriver, type Sent } from '../helpers/recording-driver.js';
import { measureStatements } from '../helpers/statement-budgets.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' ? [node['Relation Name'] ?? '?'] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

/** The budgeted operations' queries, each planned with `enable_seqscan` off: the relations still scanned whole. */
async function sequentialScans(inner: SqlDriver): Promise<{ sql: string; tables: string[] }[]> {
  const recorder = recordingDriver(inner);
  const counting = countingDriver(recorder);
  const store = createSqlStore(counting);
  try {
    await store.migrate();
    const sent: Sent[] = [];
    // Only what the operations send, not the world's setup: `measureStatements` measures each operation alone.
    const driver = Object.assign(Object.create(counting), {
      measure: async <T>(fn: () => Promise<T>) => {
        recorder.sent = [];
        recorder.recording = true;
        try {
          return await counting.measure(fn);
        } finally {
          recorder.recording = false;
          sent.push(...recorder.sent);
        }
      },
    }) as typeof counting;
    await measureStatements({ store, driver }, 5);
    assert.ok(sent.length >= 40, `the operations' queries were recorded (${sent.length})`);
    const out = [];
    for (const s of sent.filter((x) => explainable(x.sql))) {
      const plan = await inner.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        const r = await tx.query(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.params);
        const doc = Object.values(r.rows[0]!)[0];
        return (typeof doc === 'string' ? JSON.parse(doc) : doc) as { Plan: PlanNode }[];
      });
      out.push({ sql: s.sql.replace(/\s+/g, ' ').slice(0, 120), tables: seqScans(plan[0]!.Plan) });
    }
    return out;
  } finally {
    await store.close();
  }
}

/** Tables read whole on purpose: the service's signing keys (a handful of rows, read as one key set). */
const WHOLE = new Set(['signing_keys']);

function assertIndexed(plans: { sql: string; tables: string[] }[]): void {
  assert.ok(plans.length >= 30, `queries planned: ${plans.length}`);
  assert.deepEqual(
    plans.filter((p) => p.tables.some((t) => !WHOLE.has(t))),
    [],
    'every query of the budgeted operations is served by an index',
  );
}

describe('query plans of the budgeted operations', () => {
  it('PGlite: every query can use an index', async () => {
    assertIndexed(await sequentialScans(await createPgliteDriver(undefined)));
  });

  const server = startTestPostgres();
  after(async () => {
    const s = await server;
    if (!('skip' in s)) await s.stop();
  });
  it('PostgreSQL: every query can use an index', async (t) => {
    const s = await server;
    if ('skip' in s) return t.skip(s.skip);
    assertIndexed(await sequentialScans(createPostgresDriver({ url: (await s.createDatabase()).url })));
  });

  it('finds a query no index serves', async () => {
    const inner = await createPgliteDriver(undefined);
    try {
      await inner.exec('CREATE TABLE t (a int, b int); CREATE INDEX t_by_a ON t (a)');
      const scanned = async (sql: string) =>
        inner.transaction(async (tx) => {
          await tx.query('SET LOCAL enable_seqscan = off');
          const r = await tx.query(`EXPLAIN (FORMAT JSON) ${sql}`);
          const doc = Object.values(r.rows[0]!)[0];
          return seqScans(((typeof doc === 'string' ? JSON.parse(doc) : doc) as { Plan: PlanNode }[])[0]!.Plan);
        });
      assert.deepEqual(await scanned('SELECT * FROM t WHERE a = 1'), []);
      assert.deepEqual(await scanned('SELECT * FROM t WHERE b = 1'), ['t']);
    } finally {
      await inner.close();
    }
  });
});
