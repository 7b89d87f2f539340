import type { Subject, Teaching } from '@opengar/core';
import type { TeachingStore } from '../types-teachings.js';
import { Params, where } from './params.js';
import { RowMapper } from './row-mapper.js';
import type { SqlContext } from './sql-context.js';
import { sqlHelpers } from './sql-directory-ops.js';

const subjects = new RowMapper<Subject>('subjects', { uai: 'text', code: 'text', label: 'text' });
const teachings = new RowMapper<Teaching>('teachings', {
  uai: 'text',
  groupCode: 'text',
  personId: 'text',
  subject: 'text',
});

const col = <T>(list: readonly T[], f: (v: T) => string) => list.map(f);

/** Subjects and teachings over SQL, written in one statement per call (unnest of arrays). */
export function sqlTeachingOps(ctx: SqlContext): TeachingStore {
  const { many } = sqlHelpers(ctx);
  const exec = (op: string, sql: string, params: unknown[], empty: boolean) =>
    empty
      ? Promise.resolve()
      : ctx.run(op, async (q) => {
          await q.query(sql, params);
        });
  return {
    putSubjects: (list) =>
      exec(
        'putSubjects',
        `INSERT INTO subjects (uai, code, label) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (uai, code) DO UPDATE SET label = EXCLUDED.label`,
        [col(list, (s) => s.uai), col(list, (s) => s.code), col(list, (s) => s.label)],
        list.length === 0,
      ),
    deleteSubjects: (list) =>
      exec(
        'deleteSubjects',
        'DELETE FROM subjects WHERE (uai, code) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
        [col(list, (s) => s.uai), col(list, (s) => s.code)],
        list.length === 0,
      ),
    listSubjects: (uai) =>
      many('listSubjects', subjects, `SELECT ${subjects.select} FROM subjects WHERE uai = $1::text ORDER BY code`, [
        uai,
      ]),
    putTeachings: (list) =>
      exec(
        'putTeachings',
        `INSERT INTO teachings (uai, group_code, person_id, subject)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
        [
          col(list, (t) => t.uai),
          col(list, (t) => t.groupCode),
          col(list, (t) => t.personId),
          col(list, (t) => t.subject),
        ],
        list.length === 0,
      ),
    deleteTeachings: (list) =>
      exec(
        'deleteTeachings',
        `DELETE FROM teachings WHERE (uai, group_code, person_id, subject) IN
         (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]))`,
        [
          col(list, (t) => t.uai),
          col(list, (t) => t.groupCode),
          col(list, (t) => t.personId),
          col(list, (t) => t.subject),
        ],
        list.length === 0,
      ),
    listTeachings: (f) => {
      const p = new Params();
      const c = [`uai = ${p.add(f.uai)}`];
      if (f.personId !== undefined) c.push(`person_id = ${p.add(f.personId)}`);
      if (f.subject !== undefined) c.push(`subject = ${p.add(f.subject)}`);
      if (f.groupCode !== undefined) c.push(`group_code = ${p.add(f.groupCode)}`);
      return many(
        'listTeachings',
        teachings,
        `SELECT ${teachings.select} FROM teachings ${where(c)} ORDER BY subject, group_code, person_id`,
        p.values,
      );
    },
  };
}
