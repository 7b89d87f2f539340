import { audienceAt, foldText, type Membership, type Person } from '@opengar/core';
import { instant, personSearchText } from '../shared/fold.js';
import type {
  ConsoleNotification,
  DepartureRecord,
  FeedRun,
  FeedStagingStore,
  FeedStoreOps,
  OutboxMessage,
  RolloverRecord,
  SyncReport,
} from '../types-directory-feeds.js';
import { Params, where } from './params.js';
import { RowMapper } from './row-mapper.js';
import type { SqlContext } from './sql-context.js';
import { sqlHelpers } from './sql-directory-ops.js';
import type { SqlQueryable } from './driver.js';
import * as m from './sql-mappers.js';

const outbox = new RowMapper<OutboxMessage>(
  'mail_outbox',
  {
    id: 'text',
    uai: 'text',
    to: 'text',
    subject: 'text',
    text: 'text',
    html: 'text',
    status: 'text',
    attempts: 'int',
    nextAttemptAt: 'text',
    claimedBy: 'text',
    claimedUntil: 'text',
    createdAt: 'text',
    sentAt: 'text',
    lastError: 'text',
  },
  [
    { column: 'next_attempt_ts', from: (m) => m.nextAttemptAt },
    { column: 'claimed_until_ts', from: (m) => m.claimedUntil },
    { column: 'created_ts', from: (m) => m.createdAt },
  ],
);
// `to` is a reserved word: quote it wherever the mapper names it.
const OUTBOX_SELECT = outbox.select.replace(/(^|, )to(?=,)/, '$1"to"');
const OUTBOX_INSERT = outbox.insert().replace(/\(id, uai, to,/, '(id, uai, "to",');

const notifications = new RowMapper<ConsoleNotification>(
  'console_notifications',
  {
    id: 'text',
    uai: 'text',
    recipientId: 'text',
    kind: 'text',
    data: 'json',
    createdAt: 'text',
    readAt: 'text',
    mailedAt: 'text',
  },
  [{ column: 'created_ts', from: (n) => n.createdAt }],
);

const feedRuns = new RowMapper<FeedRun>(
  'feed_runs',
  {
    id: 'text',
    entId: 'text',
    startedAt: 'text',
    finishedAt: 'text',
    status: 'text',
    files: 'json',
    problems: 'json',
    problemCount: 'int',
    summary: 'json',
  },
  [{ column: 'started_ts', from: (r) => r.startedAt }],
);

const syncReports = new RowMapper<SyncReport>('sync_reports', {
  uai: 'text',
  entId: 'text',
  runId: 'text',
  at: 'text',
  counts: 'json',
  changes: 'json',
  anomalies: 'json',
});

const departures = new RowMapper<DepartureRecord>(
  'departures',
  { entId: 'text', personId: 'text', leftAt: 'text', uais: 'texts', person: 'json' },
  [{ column: 'left_ts', from: (d) => d.leftAt }],
);

const rollovers = new RowMapper<RolloverRecord>('rollovers', {
  uai: 'text',
  year: 'text',
  at: 'text',
  summary: 'json',
});

const ts = (value: string): string => new Date(instant(value)).toISOString();

/** Rows per multi-row statement (well under PostgreSQL's 65,535 parameters). */
const CHUNK = 500;
const chunks = <T>(rows: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
};
const PEOPLE_SET = m.people.upsert(['ent_id', 'id']).split(' ON CONFLICT ')[1]!;

async function writePeople(q: SqlQueryable, people: readonly Person[]): Promise<void> {
  for (const batch of chunks(people)) {
    await q.query(
      `${m.people.insert(batch.length)} ON CONFLICT ${PEOPLE_SET}`,
      batch.flatMap((p) => m.people.params(p)),
    );
    const byEnt = new Map<string, string[]>();
    for (const p of batch) byEnt.set(p.entId, [...(byEnt.get(p.entId) ?? []), p.id]);
    for (const [entId, ids] of byEnt)
      await q.query('DELETE FROM person_schools WHERE ent_id = $1::text AND person_id = ANY($2::text[])', [entId, ids]);
    const p = new Params();
    const rows: string[] = [];
    for (const person of batch) {
      const search = personSearchText(person);
      for (const uai of new Set(person.profiles.map((x) => x.uai))) {
        rows.push(
          `(${p.add(uai)}, ${p.add(person.entId)}, ${p.add(person.id)}, ${p.add(audienceAt(person, uai))}, ${p.add(foldText(person.lastName))}, ${p.add(foldText(person.firstName))}, ${p.add(search)})`,
        );
      }
    }
    if (rows.length)
      await q.query(
        `INSERT INTO person_schools (uai, ent_id, person_id, audience, last_key, first_key, search_text) VALUES ${rows.join(', ')}`,
        p.values,
      );
  }
}

async function writeMemberships(q: SqlQueryable, ms: readonly Membership[], remove: boolean): Promise<void> {
  for (const batch of chunks(ms)) {
    const uais = batch.map((x) => x.uai);
    const codes = batch.map((x) => x.groupCode);
    const ids = batch.map((x) => x.personId);
    await q.query(
      remove
        ? `DELETE FROM memberships WHERE (uai, group_code, person_id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))`
        : `INSERT INTO memberships (uai, group_code, person_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [uais, codes, ids],
    );
  }
}

/** Outbox, console notifications, feed runs, sync reports, departures, rollovers (and `deleteMef`) over SQL. */
export function sqlFeedOps(ctx: SqlContext): Omit<FeedStoreOps, keyof FeedStagingStore> {
  const { many, one, upsert } = sqlHelpers(ctx);
  const insertIfAbsent = <T extends object>(op: string, mapper: RowMapper<T>, insertSql: string, value: T) =>
    ctx.run(
      op,
      async (q) => (await q.query(`${insertSql} ON CONFLICT DO NOTHING`, mapper.params(value))).rowCount === 1,
    );
  return {
    deleteMef: (uai, code) =>
      ctx.run('deleteMef', async (q) => {
        await q.query('DELETE FROM mefs WHERE uai = $1::text AND code = $2::text', [uai, code]);
      }),

    putPeople: (people) => ctx.atomic('putPeople', (q) => writePeople(q, people)),
    putMemberships: (ms) => ctx.atomic('putMemberships', (q) => writeMemberships(q, ms, false)),
    deleteMemberships: (ms) => ctx.atomic('deleteMemberships', (q) => writeMemberships(q, ms, true)),

    enqueueOutbox: (message) => insertIfAbsent('enqueueOutbox', outbox, OUTBOX_INSERT, message),
    claimOutbox: ({ holder, now, until, limit }) =>
      ctx.run('claimOutbox', async (q) => {
        // SKIP LOCKED: two workers claiming at once never get the same message.
        const { rows } = await q.query(
          `UPDATE mail_outbox SET claimed_by = $1::text, claimed_until = $2::text, claimed_until_ts = $3::timestamptz, attempts = attempts + 1
           WHERE id IN (
             SELECT id FROM mail_outbox
             WHERE status = 'pending' AND next_attempt_ts <= $4::timestamptz AND (claimed_until_ts IS NULL OR claimed_until_ts <= $4::timestamptz)
             ORDER BY created_ts, id LIMIT $5::integer FOR UPDATE SKIP LOCKED)
           RETURNING ${OUTBOX_SELECT}`,
          [holder, until, ts(until), ts(now), limit],
        );
        return rows
          .map((r) => outbox.fromRow(r))
          .sort((a, b) => instant(a.createdAt) - instant(b.createdAt) || (a.id < b.id ? -1 : 1));
      }),
    markOutboxSent: (id, holder, at) =>
      ctx.run('markOutboxSent', async (q) => {
        const { rowCount } = await q.query(
          `UPDATE mail_outbox SET status = 'sent', sent_at = $3::text, claimed_by = NULL, claimed_until = NULL, claimed_until_ts = NULL
           WHERE id = $1::text AND claimed_by = $2::text AND status = 'pending'`,
          [id, holder, at],
        );
        return rowCount === 1;
      }),
    markOutboxFailed: (id, holder, { error, retryAt, giveUp }) =>
      ctx.run('markOutboxFailed', async (q) => {
        const { rowCount } = await q.query(
          `UPDATE mail_outbox SET status = $3::text, next_attempt_at = $4::text, next_attempt_ts = $5::timestamptz, last_error = $6::text,
             claimed_by = NULL, claimed_until = NULL, claimed_until_ts = NULL
           WHERE id = $1::text AND claimed_by = $2::text AND status = 'pending'`,
          [id, holder, giveUp ? 'failed' : 'pending', retryAt, ts(retryAt), error.slice(0, 500)],
        );
        return rowCount === 1;
      }),
    listOutbox: (f) => {
      const p = new Params();
      const conds: string[] = [];
      if (f.status !== undefined) conds.push(`status = ${p.add(f.status)}`);
      if (f.uai !== undefined) conds.push(`uai = ${p.add(f.uai)}`);
      const limit = f.limit !== undefined ? ` LIMIT ${p.add(f.limit, 'integer')}` : '';
      return many(
        'listOutbox',
        outbox,
        `SELECT ${OUTBOX_SELECT} FROM mail_outbox ${where(conds)} ORDER BY created_ts DESC, id DESC${limit}`,
        p.values,
      );
    },

    putNotification: (n) => insertIfAbsent('putNotification', notifications, notifications.insert(), n),
    listNotifications: (f) => {
      const p = new Params();
      const conds: string[] = [];
      if (f.uai !== undefined) conds.push(`uai = ${p.add(f.uai)}`);
      if (f.recipientId !== undefined) conds.push(`recipient_id = ${p.add(f.recipientId)}`);
      if (f.unreadOnly) conds.push('read_at IS NULL');
      if (f.unmailedOnly) conds.push('mailed_at IS NULL');
      const limit = f.limit !== undefined ? ` LIMIT ${p.add(f.limit, 'integer')}` : '';
      return many(
        'listNotifications',
        notifications,
        `SELECT ${notifications.select} FROM console_notifications ${where(conds)} ORDER BY created_ts DESC, id DESC${limit}`,
        p.values,
      );
    },
    markNotificationRead: (id, recipientId, at) =>
      ctx.run('markNotificationRead', async (q) => {
        const { rowCount } = await q.query(
          'UPDATE console_notifications SET read_at = COALESCE(read_at, $3::text) WHERE id = $1::text AND recipient_id = $2::text',
          [id, recipientId, at],
        );
        return rowCount === 1;
      }),
    markNotificationsMailed: (ids, at) =>
      ctx.run('markNotificationsMailed', async (q) => {
        await q.query(
          'UPDATE console_notifications SET mailed_at = $2::text WHERE id = ANY($1::text[]) AND mailed_at IS NULL',
          [[...ids], at],
        );
      }),

    putFeedRun: (run) => upsert('putFeedRun', feedRuns, ['id'], run),
    getFeedRun: (id) =>
      one('getFeedRun', feedRuns, `SELECT ${feedRuns.select} FROM feed_runs WHERE id = $1::text`, [id]),
    listFeedRuns: (f) => {
      const p = new Params();
      const conds = f.entId !== undefined ? [`ent_id = ${p.add(f.entId)}`] : [];
      const limit = f.limit !== undefined ? ` LIMIT ${p.add(f.limit, 'integer')}` : '';
      return many(
        'listFeedRuns',
        feedRuns,
        `SELECT ${feedRuns.select} FROM feed_runs ${where(conds)} ORDER BY started_ts DESC, id DESC${limit}`,
        p.values,
      );
    },
    putSyncReport: (report) => upsert('putSyncReport', syncReports, ['uai'], report),
    getSyncReport: (uai) =>
      one('getSyncReport', syncReports, `SELECT ${syncReports.select} FROM sync_reports WHERE uai = $1::text`, [uai]),

    putDeparture: (d) => upsert('putDeparture', departures, ['ent_id', 'person_id'], d),
    getDeparture: (entId, personId) =>
      one(
        'getDeparture',
        departures,
        `SELECT ${departures.select} FROM departures WHERE ent_id = $1::text AND person_id = $2::text`,
        [entId, personId],
      ),
    listDepartures: (f) => {
      const p = new Params();
      const conds: string[] = [];
      if (f.entId !== undefined) conds.push(`ent_id = ${p.add(f.entId)}`);
      if (f.leftBefore !== undefined) conds.push(`left_ts < ${p.add(ts(f.leftBefore), 'timestamptz')}`);
      const limit = f.limit !== undefined ? ` LIMIT ${p.add(f.limit, 'integer')}` : '';
      return many(
        'listDepartures',
        departures,
        `SELECT ${departures.select} FROM departures ${where(conds)} ORDER BY left_ts, person_id${limit}`,
        p.values,
      );
    },
    deleteDeparture: (entId, personId) =>
      ctx.run('deleteDeparture', async (q) => {
        await q.query('DELETE FROM departures WHERE ent_id = $1::text AND person_id = $2::text', [entId, personId]);
      }),
    pseudonymizeAudit: ({ uais, personId, pseudonym }) =>
      ctx.run('pseudonymizeAudit', async (q) => {
        const from = JSON.stringify(personId);
        const to = JSON.stringify(pseudonym);
        const { rowCount } = await q.query(
          `UPDATE audit_entries SET
             actor = CASE WHEN actor = $2::text THEN $3::text ELSE actor END,
             subject_id = CASE WHEN subject_id = $2::text THEN $3::text ELSE subject_id END,
             before = CASE WHEN before IS NULL THEN NULL ELSE replace(before::text, $4::text, $5::text)::jsonb END,
             after = CASE WHEN after IS NULL THEN NULL ELSE replace(after::text, $4::text, $5::text)::jsonb END
           WHERE uai = ANY($1::text[]) AND (actor = $2::text OR subject_id = $2::text
             OR strpos(COALESCE(before::text, ''), $4::text) > 0 OR strpos(COALESCE(after::text, ''), $4::text) > 0)`,
          [[...new Set(uais)], personId, pseudonym, from, to],
        );
        return rowCount;
      }),

    getRollover: (uai, year) =>
      one(
        'getRollover',
        rollovers,
        `SELECT ${rollovers.select} FROM rollovers WHERE uai = $1::text AND year = $2::text`,
        [uai, year],
      ),
    putRollover: (r) => upsert('putRollover', rollovers, ['uai', 'year'], r),
  };
}
