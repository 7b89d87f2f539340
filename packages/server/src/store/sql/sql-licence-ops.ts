import { normalizeTarget, type AllocationTarget, type Audience } from '@opengar/core';
import { StoreConflictError, StoreNotFoundError } from '../errors.js';
import { instant } from '../shared/fold.js';
import type { AuditStore, DelegationStore, LicenceStore, SubscriptionQuery, SubscriptionStore } from '../types.js';
import { Params, where } from './params.js';
import type { SqlContext } from './sql-context.js';
import { sqlHelpers } from './sql-directory-ops.js';
import type { RowMapper } from './row-mapper.js';
import * as m from './sql-mappers.js';

/** Copies per multi-row INSERT (7 parameters each, well under PostgreSQL's 65,535). */
const COPY_BATCH = 1000;

/** Allocations or audit entries per multi-row INSERT (a dozen parameters each at most). */
const ROW_BATCH = 500;

const ORDER_COLUMN = { id: 'id', validUntil: 'valid_until_ts', createdAt: 'created_ts' } as const;

function subscriptionConditions(
  q: Omit<SubscriptionQuery, 'offset' | 'limit' | 'sortBy' | 'order'>,
  p: Params,
): string[] {
  const c: string[] = [];
  if (q.uai !== undefined) c.push(`uai = ${p.add(q.uai)}`);
  if (q.distributorId !== undefined) c.push(`distributor_id = ${p.add(q.distributorId)}`);
  if (q.distributorIds !== undefined) c.push(`distributor_id = ANY(${p.add([...q.distributorIds], 'text[]')})`);
  if (q.resourceId !== undefined) c.push(`resource_id = ${p.add(q.resourceId)}`);
  if (q.projectCode !== undefined) c.push(`project_code = ${p.add(q.projectCode)}`);
  if (q.includeDeleted !== true) c.push('deleted_at IS NULL');
  return c;
}

/** JSONB equality of an allocation target: its canonical form, so that extra members never match by accident. */
function targetJson(target: AllocationTarget): string {
  return JSON.stringify(normalizeTarget(target));
}

/** Subscriptions, allocations, licence copies, delegations, the audit trail and favourites. */
export function sqlLicenceOps(ctx: SqlContext): SubscriptionStore & LicenceStore & DelegationStore & AuditStore {
  const { many, one } = sqlHelpers(ctx);
  const insertOnce = <T extends object>(op: string, mapper: RowMapper<T>, value: T, what: string) =>
    ctx.run(op, async (q) => {
      // ON CONFLICT DO NOTHING rather than a unique violation: inside a transaction the caller may go on after it.
      const { rowCount } = await q.query(`${mapper.insert()} ON CONFLICT DO NOTHING`, mapper.params(value));
      if (rowCount === 0) throw new StoreConflictError(`${what} exists`);
    });
  // Several rows in one statement per chunk, all or nothing (the chunks in one atomic step).
  const insertAll = <T extends object>(op: string, mapper: RowMapper<T>, list: readonly T[], what: string) =>
    list.length === 0
      ? Promise.resolve()
      : ctx.atomic(op, async (q) => {
          for (let i = 0; i < list.length; i += ROW_BATCH) {
            const batch = list.slice(i, i + ROW_BATCH);
            const { rowCount } = await q.query(
              `${mapper.insert(batch.length)} ON CONFLICT DO NOTHING`,
              batch.flatMap((v) => mapper.params(v)),
            );
            if (rowCount < batch.length) throw new StoreConflictError(`${what} exists`);
          }
        });
  const update = (op: string, sql: string, params: readonly unknown[], what: string) =>
    ctx.run(op, async (q) => {
      const { rowCount } = await q.query(sql, params);
      if (rowCount === 0) throw new StoreNotFoundError(`no ${what}`);
    });

  return {
    insertSubscription: (sub) => insertOnce('insertSubscription', m.subscriptions, sub, `subscription ${sub.id}`),
    updateSubscription: (sub) => {
      const columns = m.subscriptions.columns;
      const set = columns.filter((c) => c !== 'id').map((c) => `${c} = v.${c}`);
      return update(
        'updateSubscription',
        `UPDATE subscriptions SET ${set.join(', ')} FROM (VALUES ${m.subscriptions.placeholders()}) AS v (${columns.join(', ')})
         WHERE subscriptions.id = v.id`,
        m.subscriptions.params(sub),
        `subscription ${sub.id}`,
      );
    },
    getSubscription: (id) =>
      one(
        'getSubscription',
        m.subscriptions,
        `SELECT ${m.subscriptions.select} FROM subscriptions WHERE id = $1::text`,
        [id],
      ),
    lockSubscription: (id) => {
      if (!ctx.inTransaction)
        return Promise.reject(new TypeError('lockSubscription is only allowed inside transaction()'));
      return one(
        'lockSubscription',
        m.subscriptions,
        `SELECT ${m.subscriptions.select} FROM subscriptions WHERE id = $1::text FOR UPDATE`,
        [id],
      );
    },
    listSubscriptions: (q) => {
      const p = new Params();
      const c = subscriptionConditions(q, p);
      const dir = q.order === 'DESC' ? 'DESC' : 'ASC';
      const by = ORDER_COLUMN[q.sortBy ?? 'id'];
      const order = by === 'id' ? `id ${dir}` : `${by} ${dir}, id ${dir}`;
      return many(
        'listSubscriptions',
        m.subscriptions,
        `SELECT ${m.subscriptions.select} FROM subscriptions ${where(c)} ORDER BY ${order}
         LIMIT ${p.add(q.limit ?? null, 'bigint')} OFFSET ${p.add(q.offset ?? 0, 'bigint')}`,
        p.values,
      );
    },
    countSubscriptions: (q) => {
      const p = new Params();
      const c = subscriptionConditions(q, p);
      return ctx.run('countSubscriptions', async (db) => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM subscriptions ${where(c)}`, p.values);
        return Number(rows[0]!.n);
      });
    },

    insertAllocation: (a) => insertOnce('insertAllocation', m.allocations, a, `allocation ${a.id}`),
    insertAllocations: (list) => insertAll('insertAllocations', m.allocations, list, 'an allocation'),
    getAllocation: (id) =>
      one('getAllocation', m.allocations, `SELECT ${m.allocations.select} FROM allocations WHERE id = $1::text`, [id]),
    listAllocations: (f) => {
      const p = new Params();
      const c: string[] = [];
      if (f.uai !== undefined) c.push(`uai = ${p.add(f.uai)}`);
      if (f.subscriptionId !== undefined) c.push(`subscription_id = ${p.add(f.subscriptionId)}`);
      if (f.target !== undefined) c.push(`target = ${p.add(targetJson(f.target), 'jsonb')}`);
      if (f.includeArchived !== true) c.push('archived_at IS NULL');
      return many(
        'listAllocations',
        m.allocations,
        `SELECT ${m.allocations.select} FROM allocations ${where(c)} ORDER BY created_ts, id`,
        p.values,
      );
    },
    archiveAllocation: (id, at) =>
      update(
        'archiveAllocation',
        'UPDATE allocations SET archived_at = $2::text WHERE id = $1::text',
        [id, at],
        `allocation ${id}`,
      ),
    unarchiveAllocation: (id) =>
      update(
        'unarchiveAllocation',
        'UPDATE allocations SET archived_at = NULL WHERE id = $1::text',
        [id],
        `allocation ${id}`,
      ),

    insertCopies: (list) =>
      ctx.atomic('insertCopies', async (q) => {
        for (let i = 0; i < list.length; i += COPY_BATCH) {
          const batch = list.slice(i, i + COPY_BATCH);
          const { rowCount } = await q.query(
            `${m.copies.insert(batch.length)} ON CONFLICT DO NOTHING`,
            batch.flatMap((c) => m.copies.params(c)),
          );
          if (rowCount < batch.length)
            throw new StoreConflictError('a person already holds a copy of that subscription');
        }
      }),
    listCopies: (query) => {
      const p = new Params();
      const c: string[] = [];
      if (query.subscriptionId !== undefined) c.push(`subscription_id = ${p.add(query.subscriptionId)}`);
      if (query.uai !== undefined) c.push(`uai = ${p.add(query.uai)}`);
      if (query.personId !== undefined) c.push(`person_id = ${p.add(query.personId)}`);
      return many(
        'listCopies',
        m.copies,
        `SELECT ${m.copies.select} FROM licence_copies ${where(c)} ORDER BY subscription_id, person_id`,
        p.values,
      );
    },
    countCopies: (subscriptionId) =>
      ctx.run('countCopies', async (q) => {
        const { rows } = await q.query(
          'SELECT audience, count(*)::int AS n FROM licence_copies WHERE subscription_id = $1::text GROUP BY audience',
          [subscriptionId],
        );
        const counts: Partial<Record<Audience, number>> = {};
        for (const r of rows) counts[r.audience as Audience] = Number(r.n);
        return counts;
      }),
    deleteCopies: (subscriptionId, personIds) =>
      ctx.run('deleteCopies', async (q) => {
        const { rowCount } = await q.query(
          'DELETE FROM licence_copies WHERE subscription_id = $1::text AND person_id = ANY($2::text[])',
          [subscriptionId, [...personIds]],
        );
        return rowCount;
      }),
    markCopyOpened: (subscriptionId, personId, at) =>
      ctx.run('markCopyOpened', async (q) => {
        await q.query(
          `UPDATE licence_copies SET first_opened_at = $3::text
           WHERE subscription_id = $1::text AND person_id = $2::text AND first_opened_at IS NULL`,
          [subscriptionId, personId, at],
        );
      }),

    putDelegation: (d) =>
      ctx.run('putDelegation', async (q) => {
        await q.query(m.delegations.upsert(['uai', 'delegate_id']), m.delegations.params(d));
      }),
    listDelegations: (f) => {
      const p = new Params();
      const c: string[] = [];
      if (f.uai !== undefined) c.push(`uai = ${p.add(f.uai)}`);
      if (f.delegateId !== undefined) c.push(`delegate_id = ${p.add(f.delegateId)}`);
      if (f.includeRevoked !== true) c.push('revoked_at IS NULL');
      return many(
        'listDelegations',
        m.delegations,
        `SELECT ${m.delegations.select} FROM delegations ${where(c)} ORDER BY uai, delegate_id`,
        p.values,
      );
    },
    revokeDelegation: (uai, delegateId, at) =>
      ctx.run('revokeDelegation', async (q) => {
        const { rowCount } = await q.query(
          `UPDATE delegations SET revoked_at = $3::text WHERE uai = $1::text AND delegate_id = $2::text AND revoked_at IS NULL`,
          [uai, delegateId, at],
        );
        return rowCount > 0;
      }),

    appendAudit: (entry) => insertOnce('appendAudit', m.audit, entry, `audit entry ${entry.id}`),
    appendAuditEntries: (list) => insertAll('appendAuditEntries', m.audit, list, 'an audit entry'),
    getAudit: (id) => one('getAudit', m.audit, `SELECT ${m.audit.select} FROM audit_entries WHERE id = $1::text`, [id]),
    listAudit: (f) => {
      const p = new Params();
      const c = [`uai = ${p.add(f.uai)}`];
      const ts = (v: string) => p.add(new Date(instant(v)).toISOString(), 'timestamptz');
      if (f.subjectId !== undefined) c.push(`subject_id = ${p.add(f.subjectId)}`);
      if (f.before !== undefined) c.push(`at_ts < ${ts(f.before)}`);
      if (f.to !== undefined) c.push(`at_ts < ${ts(f.to)}`);
      if (f.from !== undefined) c.push(`at_ts >= ${ts(f.from)}`);
      if (f.actor !== undefined) c.push(`actor = ${p.add(f.actor)}`);
      if (f.target !== undefined) c.push(`after -> 'targets' @> ${p.add(JSON.stringify([f.target]), 'jsonb')}`);
      if (f.after !== undefined) {
        const at = ts(f.after.at);
        c.push(`(at_ts < ${at} OR (at_ts = ${at} AND id < ${p.add(f.after.id)}))`);
      }
      return many(
        'listAudit',
        m.audit,
        `SELECT ${m.audit.select} FROM audit_entries ${where(c)} ORDER BY at_ts DESC, id DESC
         LIMIT ${p.add(f.limit ?? null, 'bigint')}`,
        p.values,
      );
    },
    markAuditUndone: (id, undoneBy) =>
      update(
        'markAuditUndone',
        'UPDATE audit_entries SET undone_by = $2::text WHERE id = $1::text',
        [id, undoneBy],
        `audit entry ${id}`,
      ),
    getFavourites: (entId, personId) =>
      ctx.run('getFavourites', async (q) => {
        const { rows } = await q.query(
          'SELECT resource_ids FROM favourites WHERE ent_id = $1::text AND person_id = $2::text',
          [entId, personId],
        );
        return rows[0] ? [...(rows[0].resource_ids as string[])] : [];
      }),
    setFavourites: (entId, personId, resourceIds) =>
      ctx.run('setFavourites', async (q) => {
        await q.query(
          `INSERT INTO favourites (ent_id, person_id, resource_ids) VALUES ($1::text, $2::text, $3::text[])
           ON CONFLICT (ent_id, person_id) DO UPDATE SET resource_ids = EXCLUDED.resource_ids`,
          [entId, personId, [...resourceIds]],
        );
      }),
  };
}
