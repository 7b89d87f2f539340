import type { NativeApp } from '@opengar/core';
import { StoreConflictError } from '../errors.js';
import { instant } from '../shared/fold.js';
import type { AuthorizationCodeRecord, CodeRedemption, NativeAppStore } from '../types-native-apps.js';
import { RowMapper } from './row-mapper.js';
import type { SqlContext } from './sql-context.js';
import { sqlHelpers } from './sql-directory-ops.js';

const apps = new RowMapper<NativeApp>('native_apps', {
  clientId: 'text',
  resourceId: 'text',
  name: 'text',
  redirectUris: 'json',
});

const codes = new RowMapper<AuthorizationCodeRecord>(
  'authorization_codes',
  {
    id: 'text',
    clientId: 'text',
    payload: 'json',
    expiresAt: 'text',
    keepUntil: 'text',
    status: 'text',
    tokenId: 'text',
  },
  [
    { column: 'expires_ts', from: (c) => c.expiresAt },
    { column: 'keep_until_ts', from: (c) => c.keepUntil },
  ],
);

const ts = (value: string): string => new Date(instant(value)).toISOString();

/** Native apps and authorization codes over SQL; a code is spent by one conditional UPDATE. */
export function sqlNativeAppOps(ctx: SqlContext): NativeAppStore {
  const { many, one, upsert } = sqlHelpers(ctx);
  return {
    putNativeApp: (app) => upsert('putNativeApp', apps, ['client_id'], app),
    getNativeApp: (clientId) =>
      one('getNativeApp', apps, `SELECT ${apps.select} FROM native_apps WHERE client_id = $1::text`, [clientId]),
    listNativeApps: (filter = {}) =>
      filter.resourceId === undefined
        ? many('listNativeApps', apps, `SELECT ${apps.select} FROM native_apps ORDER BY client_id`)
        : many(
            'listNativeApps',
            apps,
            `SELECT ${apps.select} FROM native_apps WHERE resource_id = $1::text ORDER BY client_id`,
            [filter.resourceId],
          ),
    deleteNativeApp: (clientId) =>
      ctx.run('deleteNativeApp', async (q) => {
        const { rowCount } = await q.query('DELETE FROM native_apps WHERE client_id = $1::text', [clientId]);
        return rowCount === 1;
      }),
    putAuthorizationCode: (record) =>
      ctx.run('putAuthorizationCode', async (q) => {
        const { rowCount } = await q.query(`${codes.insert()} ON CONFLICT (id) DO NOTHING`, codes.params(record));
        if (rowCount !== 1) throw new StoreConflictError('this authorization code exists');
      }),
    redeemAuthorizationCode: (id, now, tokenId, keepUntil) =>
      ctx.run('redeemAuthorizationCode', async (q): Promise<CodeRedemption> => {
        // One statement: the row is locked by the UPDATE, so of two concurrent redemptions exactly one sees `issued`.
        const { rows } = await q.query(
          `UPDATE authorization_codes c SET
             status = CASE WHEN c.status <> 'issued' THEN 'revoked'
                           WHEN c.expires_ts <= $2::timestamptz THEN c.status ELSE 'redeemed' END,
             token_id = CASE WHEN c.status = 'issued' AND c.expires_ts > $2::timestamptz THEN $3::text
                             ELSE c.token_id END,
             keep_until = CASE WHEN c.status = 'issued' AND c.expires_ts > $2::timestamptz THEN $4::text
                               ELSE c.keep_until END,
             keep_until_ts = CASE WHEN c.status = 'issued' AND c.expires_ts > $2::timestamptz THEN $5::timestamptz
                                  ELSE c.keep_until_ts END
           FROM (SELECT id, status AS before FROM authorization_codes WHERE id = $1::text FOR UPDATE) old
           WHERE c.id = old.id
           RETURNING ${codes.selectAs('c')}, old.before AS before, c.expires_ts <= $2::timestamptz AS expired`,
          [id, ts(now), tokenId, keepUntil, ts(keepUntil)],
        );
        const row = rows[0];
        if (!row) return { outcome: 'unknown' };
        if (row.before !== 'issued') return { outcome: 'reused', record: codes.fromRow(row) };
        if (row.expired === true) return { outcome: 'expired' };
        return { outcome: 'redeemed', record: codes.fromRow(row) };
      }),
    getAuthorizationGrant: (tokenId) =>
      one('getAuthorizationGrant', codes, `SELECT ${codes.select} FROM authorization_codes WHERE token_id = $1::text`, [
        tokenId,
      ]),
  };
}
