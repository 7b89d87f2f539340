import { StoreConflictError } from '../errors.js';
import { instant } from '../shared/fold.js';
import type { SharedStateStore } from '../types.js';
import { Params, where } from './params.js';
import type { SqlContext } from './sql-context.js';
import { sqlHelpers } from './sql-directory-ops.js';
import * as m from './sql-mappers.js';

/** A date-time as a `timestamptz` parameter (the caller's spelling is validated and normalised). */
const ts = (value: string): string => new Date(instant(value)).toISOString();

/** Tickets, replay keys, rate limits, leases, signing keys, settings and hand-off events. */
export function sqlSharedOps(ctx: SqlContext): SharedStateStore {
  const { many, upsert } = sqlHelpers(ctx);
  return {
    putTicket: (t) => upsert('putTicket', m.tickets, ['id'], { ...t, payload: t.payload ?? null }),
    consumeTicket: (id, kind, now) =>
      ctx.run('consumeTicket', async (q) => {
        // Deleting and reading in one statement: of two concurrent consumers, exactly one gets the row.
        const { rows } = await q.query(
          `DELETE FROM tickets WHERE id = $1::text AND kind = $2::text
           RETURNING ${m.tickets.select}, expires_ts > $3::timestamptz AS live`,
          [id, kind, ts(now)],
        );
        const row = rows[0];
        if (row?.live !== true) return undefined;
        return m.tickets.fromRow(row);
      }),
    useOnce: (namespace, key, expiresAt, now) =>
      ctx.run('useOnce', async (q) => {
        const { rowCount } = await q.query(
          `INSERT INTO replay_keys (namespace, key, expires_at, expires_ts)
           VALUES ($1::text, $2::text, $3::text, $4::timestamptz)
           ON CONFLICT (namespace, key) DO UPDATE SET expires_at = EXCLUDED.expires_at, expires_ts = EXCLUDED.expires_ts
           WHERE replay_keys.expires_ts <= $5::timestamptz`,
          [namespace, key, expiresAt, ts(expiresAt), ts(now)],
        );
        return rowCount === 1;
      }),
    hit: (key, windowStart, expiresAt) =>
      ctx.run('hit', async (q) => {
        const { rows } = await q.query(
          `INSERT INTO rate_windows (key, window_start, expires_at, count, expires_ts)
           VALUES ($1::text, $2::text, $3::text, 1, $4::timestamptz)
           ON CONFLICT (key, window_start) DO UPDATE SET count = rate_windows.count + 1
           RETURNING count`,
          [key, windowStart, expiresAt, ts(expiresAt)],
        );
        return Number(rows[0]!.count);
      }),
    acquireLease: (name, holder, until, now) =>
      ctx.run('acquireLease', async (q) => {
        const { rowCount } = await q.query(
          `INSERT INTO leases (name, holder, until, until_ts) VALUES ($1::text, $2::text, $3::text, $4::timestamptz)
           ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until, until_ts = EXCLUDED.until_ts
           WHERE leases.holder = EXCLUDED.holder OR leases.until_ts <= $5::timestamptz`,
          [name, holder, until, ts(until), ts(now)],
        );
        return rowCount === 1;
      }),
    releaseLease: (name, holder) =>
      ctx.run('releaseLease', async (q) => {
        await q.query('DELETE FROM leases WHERE name = $1::text AND holder = $2::text', [name, holder]);
      }),
    putSigningKey: (k) => upsert('putSigningKey', m.signingKeys, ['kid'], k),
    listSigningKeys: () =>
      many(
        'listSigningKeys',
        m.signingKeys,
        `SELECT ${m.signingKeys.select} FROM signing_keys ORDER BY created_ts, kid`,
      ),
    deleteSigningKey: (kid) =>
      ctx.run('deleteSigningKey', async (q) => {
        await q.query('DELETE FROM signing_keys WHERE kid = $1::text', [kid]);
      }),
    getSetting: (name) =>
      ctx.run('getSetting', async (q) => {
        const { rows } = await q.query('SELECT value FROM settings WHERE name = $1::text', [name]);
        return rows[0] ? String(rows[0].value) : undefined;
      }),
    putSetting: (name, value) =>
      ctx.run('putSetting', async (q) => {
        await q.query(
          `INSERT INTO settings (name, value) VALUES ($1::text, $2::text)
           ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
          [name, value],
        );
      }),
    appendHandoffEvent: (event) =>
      ctx.run('appendHandoffEvent', async (q) => {
        const { rowCount } = await q.query(`${m.handoffs.insert()} ON CONFLICT DO NOTHING`, m.handoffs.params(event));
        if (rowCount === 0) throw new StoreConflictError(`hand-off event ${event.id} exists`);
      }),
    listHandoffEvents: (f) => {
      const p = new Params();
      const c: string[] = [];
      if (f.uai !== undefined) c.push(`uai = ${p.add(f.uai)}`);
      if (f.resourceId !== undefined) c.push(`resource_id = ${p.add(f.resourceId)}`);
      if (f.from !== undefined) c.push(`at_ts >= ${p.add(ts(f.from), 'timestamptz')}`);
      if (f.to !== undefined) c.push(`at_ts < ${p.add(ts(f.to), 'timestamptz')}`);
      return many(
        'listHandoffEvents',
        m.handoffs,
        `SELECT ${m.handoffs.select} FROM handoff_events ${where(c)} ORDER BY at_ts, id LIMIT ${p.add(f.limit ?? null, 'bigint')}`,
        p.values,
      );
    },
    purgeExpired: (now) =>
      ctx.run('purgeExpired', async (q) => {
        const { rows } = await q.query(
          `WITH t AS (DELETE FROM tickets WHERE expires_ts <= $1::timestamptz RETURNING 1),
                r AS (DELETE FROM replay_keys WHERE expires_ts <= $1::timestamptz RETURNING 1),
                w AS (DELETE FROM rate_windows WHERE expires_ts <= $1::timestamptz RETURNING 1),
                c AS (DELETE FROM authorization_codes WHERE keep_until_ts <= $1::timestamptz RETURNING 1)
           SELECT ((SELECT count(*) FROM t) + (SELECT count(*) FROM r) + (SELECT count(*) FROM w)
                   + (SELECT count(*) FROM c))::int AS n`,
          [ts(now)],
        );
        return Number(rows[0]!.n);
      }),
  };
}
