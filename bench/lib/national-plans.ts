// The national bench's `--explain`: the queries one call of each operation sends (recorded by `recordingDriver`;
// savepoints left out), each run again under EXPLAIN (ANALYZE, BUFFERS) on both databases inside a transaction rolled
// back, and what changes with the size: the plan's shape (scans, joins, sorts and the relation each reads), time and
// buffers.
import { type Sent, explainable } from '../../packages/server/test/helpers/recording-driver.js';

/** The little the bench asks of a `pg` client on a database (the server package's dependency, not the root's). */
export interface AdminClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** One statement's plan, reduced to what may change with the size of the data. */
export interface PlanSummary {
  shape: string[];
  ms: number;
  buffers: number;
  rows: number;
  /** Why the statement could not be run again (a write whose row the recorded call already made). */
  error?: string;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function shapeOf(node: PlanNode, out: string[] = []): string[] {
  const on = node['Index Name'] ?? node['Relation Name'];
  out.push(on ? `${node['Node Type']} (${on})` : node['Node Type']);
  for (const child of node.Plans ?? []) shapeOf(child, out);
  return out;
}

/** EXPLAIN (ANALYZE, BUFFERS) of `s` on `admin`'s database, in a transaction rolled back (writes leave nothing). */
export async function explain(admin: AdminClient, s: Sent): Promise<PlanSummary> {
  await admin.query('BEGIN');
  try {
    const r = await admin.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, [...s.params]);
    const doc = (r.rows[0] as unknown as { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] })[
      'QUERY PLAN'
    ][0]!;
    const top = doc.Plan;
    return {
      shape: shapeOf(top),
      ms: doc['Execution Time'],
      buffers: (top['Shared Hit Blocks'] ?? 0) + (top['Shared Read Blocks'] ?? 0),
      rows: top['Actual Rows'] ?? 0,
    };
  } catch (error) {
    return { shape: [], ms: 0, buffers: 0, rows: 0, error: (error as Error).message };
  } finally {
    await admin.query('ROLLBACK');
  }
}

/**
 * Side-by-side plans of one operation's statements: `changed` when the shape differs (a small table's sequential scan
 * becoming an index scan is the usual one), `worse` when the national plan scans a relation sequentially where the
 * académie's did not, or reads more than twice the buffers, or takes more than twice the time (and 1 ms more).
 */
export async function comparePlans(
  sent: Sent[],
  academie: AdminClient,
  national: AdminClient,
): Promise<{ sql: string; academie: PlanSummary; national: PlanSummary; changed: boolean; worse: boolean }[]> {
  const out = [];
  for (const s of sent.filter((x) => explainable(x.sql))) {
    const a = await explain(academie, s);
    const n = await explain(national, s);
    const changed = a.shape.join(' > ') !== n.shape.join(' > ');
    const seq = (p: PlanSummary) => p.shape.filter((x) => x.startsWith('Seq Scan'));
    const worse = seq(n).some((x) => !seq(a).includes(x)) || n.buffers > a.buffers * 2 + 16 || n.ms > a.ms * 2 + 1;
    out.push({ sql: s.sql.replace(/\s+/g, ' ').slice(0, 160), academie: a, national: n, changed, worse });
  }
  return out;
}
