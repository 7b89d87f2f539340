import type { LtiPlatform } from '@opengar/core';
import type { LtiPlatformStore } from '../types-lti-platforms.js';
import { RowMapper } from './row-mapper.js';
import type { SqlContext } from './sql-context.js';
import { sqlHelpers } from './sql-directory-ops.js';

const platforms = new RowMapper<LtiPlatform>('lti_platforms', {
  id: 'text',
  issuer: 'text',
  name: 'text',
  clientIds: 'json',
  authEndpoint: 'text',
  jwks: 'json',
  jwksUrl: 'text',
  deploymentIds: 'json',
  entIds: 'json',
  schools: 'json',
});

/** LTI platforms over SQL; the issuer is unique (a second platform with it is a conflict). */
export function sqlLtiPlatformOps(ctx: SqlContext): LtiPlatformStore {
  const { many, one, upsert } = sqlHelpers(ctx);
  return {
    // The issuer's UNIQUE constraint turns a second platform with it into a StoreConflictError (23505).
    putLtiPlatform: (platform) => upsert('putLtiPlatform', platforms, ['id'], platform),
    getLtiPlatform: (id) =>
      one('getLtiPlatform', platforms, `SELECT ${platforms.select} FROM lti_platforms WHERE id = $1::text`, [id]),
    getLtiPlatformByIssuer: (issuer) =>
      one(
        'getLtiPlatformByIssuer',
        platforms,
        `SELECT ${platforms.select} FROM lti_platforms WHERE issuer = $1::text`,
        [issuer],
      ),
    listLtiPlatforms: () =>
      many('listLtiPlatforms', platforms, `SELECT ${platforms.select} FROM lti_platforms ORDER BY id`),
    deleteLtiPlatform: (id) =>
      ctx.run('deleteLtiPlatform', async (q) => {
        const { rowCount } = await q.query('DELETE FROM lti_platforms WHERE id = $1::text', [id]);
        return rowCount === 1;
      }),
  };
}
