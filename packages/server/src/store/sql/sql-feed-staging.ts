import type { Group, Person, Teaching } from '@opengar/core';
import type {
  BadRef,
  FeedStaging,
  StagedDuplicate,
  StagedPersonMef,
  StagedSchoolRef,
} from '../../feeds/feed-staging.js';
import { pack, unpack } from '../../feeds/packed-people.js';
import type { SqlRow } from './driver.js';
import type { SqlContext } from './sql-context.js';

// Temporary tables of the import's transaction: dropped at its end whatever happens (a refused or failed import leaves
// nothing), never seen by another connection, not written to the WAL. Rows are appended as read, with no index: the
// uniqueness keys are checked once every file is read, by one sort (a window), and the indexes built after it. The
// sorts get more memory than the default for this transaction only (`SET LOCAL`: nothing outlives it, as a pooler in
// transaction mode needs). Files are numbered (`file`), their names kept here.
const TABLES = `
SET LOCAL work_mem = '64MB';
CREATE TEMP TABLE feed_st_keys (seq bigint NOT NULL, mark int NOT NULL, element text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL, file int NOT NULL, line int NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE feed_st_people (id text COLLATE "C" NOT NULL, seq bigint NOT NULL, mark int NOT NULL,
  element text NOT NULL, file int NOT NULL, line int NOT NULL, person text NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE feed_st_mefs (seq bigint NOT NULL, person_id text COLLATE "C" NOT NULL, uai text NOT NULL,
  code text NOT NULL, file int NOT NULL, line int NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE feed_st_refs (seq bigint NOT NULL, uai text NOT NULL, code text NOT NULL,
  person_id text COLLATE "C" NOT NULL, file int NOT NULL, line int NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE feed_st_teachings (seq bigint NOT NULL, uai text NOT NULL, code text NOT NULL,
  person_id text COLLATE "C" NOT NULL, subject text NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE feed_st_school_refs (seq bigint NOT NULL, uai text NOT NULL, element text NOT NULL,
  file int NOT NULL, line int NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE feed_st_groups (uai text NOT NULL, code text NOT NULL, PRIMARY KEY (uai, code)) ON COMMIT DROP;
`;

// Built once every file is read: the reads of the apply phase go by person, by school and in feed order.
const INDEXES = `
CREATE INDEX ON feed_st_mefs (person_id);
CREATE INDEX ON feed_st_refs (uai);
CREATE INDEX ON feed_st_refs (person_id);
CREATE INDEX ON feed_st_teachings (uai);
CREATE INDEX ON feed_st_people (seq);
ANALYZE feed_st_people; ANALYZE feed_st_mefs; ANALYZE feed_st_refs; ANALYZE feed_st_teachings; ANALYZE feed_st_groups;
`;

const DUPLICATES = `SELECT d.*, count(*) OVER () AS total FROM (
  SELECT seq, mark, element, file, line, 0 AS sub FROM (SELECT seq, mark, element, file, line,
    row_number() OVER (PARTITION BY element, key ORDER BY seq) AS n FROM feed_st_keys) k WHERE n > 1
  UNION ALL
  SELECT seq, mark, element, file, line, 1 FROM (SELECT seq, mark, element, file, line,
    row_number() OVER (PARTITION BY id ORDER BY seq) AS n FROM feed_st_people) p WHERE n > 1
) d ORDER BY seq, sub LIMIT $1`;

// The first person of each id stays; then the primary key, built once.
const DEDUPLICATE = `
DELETE FROM feed_st_people p USING (SELECT id, min(seq) AS seq FROM feed_st_people GROUP BY id HAVING count(*) > 1) d
  WHERE p.id = d.id AND p.seq > d.seq;
ALTER TABLE feed_st_people ADD PRIMARY KEY (id);
TRUNCATE feed_st_keys;
`;

/** A person's MEFs as the feed gives them: each (school, code) once, in the order read, at most 100. */
const PEOPLE = `SELECT p.id, p.seq, p.person, COALESCE((SELECT jsonb_agg(jsonb_build_array(x.uai, x.code) ORDER BY x.seq)
  FROM (SELECT uai, code, min(seq) AS seq FROM feed_st_mefs WHERE person_id = p.id GROUP BY uai, code
        ORDER BY min(seq) LIMIT 100) x), '[]'::jsonb) AS mefs FROM feed_st_people p`;

const counted = <T>(rows: SqlRow[], map: (r: SqlRow) => T) => ({
  rows: rows.map(map),
  count: rows.length ? Number(rows[0]!.total) : 0,
});

/**
 * A {@link FeedStaging} in temporary tables of the current transaction (PostgreSQL): the import's heap holds a batch
 * at a time, whatever the feed's size. Checks are anti-joins; reads are paged.
 */
export async function createSqlFeedStaging(ctx: SqlContext, entId: string): Promise<FeedStaging> {
  const q = (operation: string, sql: string, params: readonly unknown[] = []) =>
    ctx.run(`feedStaging.${operation}`, (tx) => tx.query(sql, params)).then((r) => r.rows);
  await ctx.run('feedStaging.open', (tx) => tx.exec(TABLES));
  let seq = 0;
  let indexed = false;
  const ready = async () => {
    if (indexed) return;
    indexed = true;
    await ctx.run('feedStaging.index', (tx) => tx.exec(INDEXES));
  };
  const person = (r: SqlRow): Person => {
    const p = unpack(entId, String(r.id), String(r.person));
    p.mefs = (r.mefs as [string, string][]).map(([uai, code]) => ({ uai, code }));
    return p;
  };
  const files = new Map<string, number>();
  const fileNo = (name: string) => {
    let n = files.get(name);
    if (n === undefined) {
      n = files.size;
      files.set(name, n);
    }
    return n;
  };
  let fileNames: string[] = [];
  const fileName = (n: unknown) => {
    if (fileNames.length !== files.size) fileNames = [...files.keys()];
    return fileNames[Number(n)] ?? '';
  };
  let inOrder = { next: 0, seq: -1 };
  return {
    async addKeys(keys) {
      await q(
        'addKeys',
        `INSERT INTO feed_st_keys (seq, mark, element, key, file, line)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::int[], $6::int[])`,
        [...cols(keys, ['seq', 'mark', 'element', 'key']), keys.map((k) => fileNo(k.file)), cols(keys, ['line'])[0]!],
      );
    },
    async addPeople(people, checks) {
      await q(
        'addPeople',
        `INSERT INTO feed_st_people (id, seq, mark, element, file, line, person)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[])`,
        [
          people.map((p) => p.id),
          ...cols(checks, ['seq', 'mark', 'element']),
          checks.map((c) => fileNo(c.file)),
          cols(checks, ['line'])[0]!,
          people.map((p) => pack({ ...p, mefs: [] })),
        ],
      );
    },
    async duplicates(limit) {
      const rows = await q('duplicates', DUPLICATES, [limit]);
      await ctx.run('feedStaging.deduplicate', (tx) => tx.exec(DEDUPLICATE));
      return counted(
        rows,
        (r): StagedDuplicate => ({
          seq: Number(r.seq),
          mark: Number(r.mark),
          element: String(r.element),
          file: fileName(r.file),
          line: Number(r.line),
          code: Number(r.sub) === 0 ? 'duplicate_key' : 'duplicate_person',
        }),
      );
    },
    async addPersonMefs(rows) {
      const from = seq;
      seq += rows.length;
      await q(
        'addPersonMefs',
        `INSERT INTO feed_st_mefs (seq, person_id, uai, code, file, line)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[])`,
        [
          rows.map((_, i) => from + i),
          ...cols(rows, ['personId', 'uai', 'code']),
          rows.map((r) => fileNo(r.file)),
          cols(rows, ['line'])[0]!,
        ],
      );
    },
    async addRefs(rows) {
      const from = seq;
      seq += rows.length;
      await q(
        'addRefs',
        `INSERT INTO feed_st_refs (seq, uai, code, person_id, file, line)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[])`,
        [
          rows.map((_, i) => from + i),
          ...cols(rows, ['uai', 'code', 'personId']),
          rows.map((r) => fileNo(r.file)),
          cols(rows, ['line'])[0]!,
        ],
      );
    },
    async addTeachings(rows) {
      const from = seq;
      seq += rows.length;
      await q(
        'addTeachings',
        `INSERT INTO feed_st_teachings (seq, uai, code, person_id, subject)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])`,
        [rows.map((_, i) => from + i), ...cols(rows, ['uai', 'groupCode', 'personId', 'subject'])],
      );
    },
    async addSchoolRefs(rows) {
      const from = seq;
      seq += rows.length;
      await q(
        'addSchoolRefs',
        `INSERT INTO feed_st_school_refs (seq, uai, element, file, line)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[])`,
        [
          rows.map((_, i) => from + i),
          ...cols(rows, ['uai', 'element']),
          rows.map((r) => fileNo(r.file)),
          cols(rows, ['line'])[0]!,
        ],
      );
    },
    async unknownSchools(known, limit) {
      const rows = await q(
        'unknownSchools',
        `SELECT uai, element, file, line, count(*) OVER () AS total FROM feed_st_school_refs
         WHERE uai <> ALL($1::text[]) ORDER BY seq LIMIT $2`,
        [[...known], limit],
      );
      return counted(
        rows,
        (r): StagedSchoolRef => ({
          uai: String(r.uai),
          element: String(r.element),
          file: fileName(r.file),
          line: Number(r.line),
        }),
      );
    },
    async unknownMefPeople(limit) {
      const rows = await q(
        'unknownMefPeople',
        `SELECT m.person_id, m.uai, m.code, m.file, m.line, count(*) OVER () AS total FROM feed_st_mefs m
         WHERE NOT EXISTS (SELECT 1 FROM feed_st_people p WHERE p.id = m.person_id) ORDER BY m.seq LIMIT $1`,
        [limit],
      );
      return counted(
        rows,
        (r): StagedPersonMef => ({
          personId: String(r.person_id),
          uai: String(r.uai),
          code: String(r.code),
          file: fileName(r.file),
          line: Number(r.line),
        }),
      );
    },
    async addGroups(groups: readonly Group[]) {
      await q(
        'addGroups',
        `INSERT INTO feed_st_groups (uai, code) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
        cols(groups, ['uai', 'code']),
      );
      await ready();
    },
    async badRefs(limit) {
      const rows = await q(
        'badRefs',
        `SELECT r.uai, r.code, r.person_id, r.file, r.line, (p.id IS NULL) AS no_person, count(*) OVER () AS total
         FROM feed_st_refs r LEFT JOIN feed_st_people p ON p.id = r.person_id
         LEFT JOIN feed_st_groups g ON g.uai = r.uai AND g.code = r.code
         WHERE p.id IS NULL OR g.code IS NULL ORDER BY r.seq LIMIT $1`,
        [limit],
      );
      return counted(
        rows,
        (r): BadRef => ({
          uai: String(r.uai),
          code: String(r.code),
          personId: String(r.person_id),
          file: fileName(r.file),
          line: Number(r.line),
          missing: r.no_person ? 'person' : 'group',
        }),
      );
    },
    async levels() {
      const rows = await q(
        'levels',
        `SELECT m.uai, m.code FROM feed_st_mefs m JOIN feed_st_people p ON p.id = m.person_id
         GROUP BY m.uai, m.code ORDER BY min(m.seq)`,
      );
      return rows.map((r) => ({ uai: String(r.uai), code: String(r.code) }));
    },
    async peopleCount() {
      const rows = await q('peopleCount', 'SELECT count(*)::int AS n FROM feed_st_people');
      return Number(rows[0]!.n);
    },
    async peopleById(afterId, limit) {
      await ready();
      // Two statements, not `$1 IS NULL OR …`: the range has to reach the planner to walk the primary key.
      const rows =
        afterId === undefined
          ? await q('peopleById', `${PEOPLE} ORDER BY p.id LIMIT $1`, [limit])
          : await q('peopleById', `${PEOPLE} WHERE p.id > $1::text COLLATE "C" ORDER BY p.id LIMIT $2`, [
              afterId,
              limit,
            ]);
      return rows.map(person);
    },
    async peopleInOrder(after, limit) {
      await ready();
      // Keyset paging when the call follows the previous one (the usual pass), an offset otherwise.
      const rows =
        after === inOrder.next
          ? await q('peopleInOrder', `${PEOPLE} WHERE p.seq > $1 ORDER BY p.seq LIMIT $2`, [inOrder.seq, limit])
          : await q('peopleInOrder', `${PEOPLE} ORDER BY p.seq OFFSET $1 LIMIT $2`, [after, limit]);
      if (rows.length) inOrder = { next: after + rows.length, seq: Number(rows[rows.length - 1]!.seq) };
      return rows.map(person);
    },
    async getPeople(ids) {
      await ready();
      const out = new Map<string, Person>();
      if (ids.length === 0) return out;
      for (const r of await q('getPeople', `${PEOPLE} WHERE p.id = ANY($1::text[])`, [[...new Set(ids)]]))
        out.set(String(r.id), person(r));
      return out;
    },
    async memberships(uai) {
      await ready();
      const rows = await q(
        'memberships',
        `SELECT r.code, r.person_id FROM feed_st_refs r
         WHERE r.uai = $1 AND EXISTS (SELECT 1 FROM feed_st_groups g WHERE g.uai = r.uai AND g.code = r.code)
         AND EXISTS (SELECT 1 FROM feed_st_people p WHERE p.id = r.person_id) ORDER BY r.seq`,
        [uai],
      );
      const out = new Map<string, Set<string>>();
      for (const r of rows) {
        const code = String(r.code);
        let set = out.get(code);
        if (!set) {
          set = new Set();
          out.set(code, set);
        }
        set.add(String(r.person_id));
      }
      return out;
    },
    async teachings(uai) {
      await ready();
      const rows = await q(
        'teachings',
        `SELECT t.code, t.person_id, t.subject FROM feed_st_teachings t
         WHERE t.uai = $1 AND EXISTS (SELECT 1 FROM feed_st_groups g WHERE g.uai = t.uai AND g.code = t.code)
         AND EXISTS (SELECT 1 FROM feed_st_people p WHERE p.id = t.person_id)
         GROUP BY t.code, t.person_id, t.subject ORDER BY min(t.seq)`,
        [uai],
      );
      return rows.map(
        (r): Teaching => ({
          uai,
          groupCode: String(r.code),
          personId: String(r.person_id),
          subject: String(r.subject),
        }),
      );
    },
    async groupsOf(people) {
      await ready();
      const ids = people.map((p) => p.id);
      const out = new Map<string, { uai: string; code: string }[]>();
      for (const id of ids) out.set(id, []);
      if (ids.length === 0) return out;
      const rows = await q(
        'groupsOf',
        `SELECT r.person_id, r.uai, r.code FROM feed_st_refs r
         JOIN feed_st_groups g ON g.uai = r.uai AND g.code = r.code
         WHERE r.person_id = ANY($1::text[]) GROUP BY r.person_id, r.uai, r.code ORDER BY min(r.seq)`,
        [[...new Set(ids)]],
      );
      for (const r of rows) out.get(String(r.person_id))?.push({ uai: String(r.uai), code: String(r.code) });
      return out;
    },
  };
}

/** The given fields of `rows`, one array per field (for `unnest`). */
function cols<T>(rows: readonly T[], fields: readonly (keyof T)[]): unknown[][] {
  return fields.map((f) => rows.map((r) => r[f]));
}
