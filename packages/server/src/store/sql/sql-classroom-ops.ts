import type { ClassroomStore, StoredClassRequest, StoredPin } from '../types-classroom.js';
import { Params, where } from './params.js';
import { RowMapper } from './row-mapper.js';
import type { SqlContext } from './sql-context.js';
import { sqlHelpers } from './sql-directory-ops.js';

const pins = new RowMapper<StoredPin>(
  'pins',
  {
    id: 'text',
    entId: 'text',
    uai: 'text',
    teacherId: 'text',
    resourceId: 'text',
    groupCodes: 'texts',
    note: 'text',
    grain: 'text',
    grainTitle: 'text',
    until: 'text',
    untilAt: 'text',
    createdAt: 'text',
  },
  [
    { column: 'until_ts', from: (p) => p.untilAt },
    { column: 'created_ts', from: (p) => p.createdAt },
  ],
);

const requests = new RowMapper<StoredClassRequest>(
  'class_requests',
  {
    id: 'text',
    entId: 'text',
    uai: 'text',
    teacherId: 'text',
    resourceId: 'text',
    groupCode: 'text',
    message: 'text',
    status: 'text',
    createdAt: 'text',
    decidedAt: 'text',
    decidedBy: 'text',
    answer: 'text',
  },
  [{ column: 'created_ts', from: (r) => r.createdAt }],
);

/** Teachers' pins and class requests over SQL. */
export function sqlClassroomOps(ctx: SqlContext): ClassroomStore {
  const { many, one, upsert } = sqlHelpers(ctx);
  return {
    putPin: (pin) => upsert('putPin', pins, ['id'], pin),
    getPin: (id) => one('getPin', pins, `SELECT ${pins.select} FROM pins WHERE id = $1::text`, [id]),
    listPins: (f) => {
      const p = new Params();
      const c = [`uai = ${p.add(f.uai)}`];
      if (f.teacherId !== undefined) c.push(`teacher_id = ${p.add(f.teacherId)}`);
      if (f.groupCodes !== undefined) c.push(`group_codes && ${p.add([...f.groupCodes], 'text[]')}`);
      if (f.activeAt !== undefined) c.push(`until_ts > ${p.add(f.activeAt, 'timestamptz')}`);
      return many(
        'listPins',
        pins,
        `SELECT ${pins.select} FROM pins ${where(c)} ORDER BY created_ts DESC, id DESC`,
        p.values,
      );
    },
    deletePin: (id) =>
      ctx.run(
        'deletePin',
        async (q) => (await q.query('DELETE FROM pins WHERE id = $1::text RETURNING id', [id])).rows.length > 0,
      ),
    putClassRequest: (r) => upsert('putClassRequest', requests, ['id'], r),
    getClassRequest: (id) =>
      one('getClassRequest', requests, `SELECT ${requests.select} FROM class_requests WHERE id = $1::text`, [id]),
    listClassRequests: (f) => {
      const p = new Params();
      const c = [`uai = ${p.add(f.uai)}`];
      if (f.teacherId !== undefined) c.push(`teacher_id = ${p.add(f.teacherId)}`);
      if (f.status !== undefined) c.push(`status = ${p.add(f.status)}`);
      return many(
        'listClassRequests',
        requests,
        `SELECT ${requests.select} FROM class_requests ${where(c)} ORDER BY created_ts DESC, id DESC`,
        p.values,
      );
    },
  };
}
