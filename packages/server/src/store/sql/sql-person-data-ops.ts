import { EXPORTED_TABLES } from '../person-data-coverage.js';
import type { PersonDataRecords, PersonDataStore } from '../types-person-data.js';
import type { SqlContext } from './sql-context.js';

// $1 ENT, $2 person id, $3 e-mails, $4 statistics pseudonym, $5 audit pseudonym, $6 and $7 the person id and the audit
// pseudonym as JSON strings (how they appear inside a jsonb column's text). `strpos`, not LIKE: an id is never a pattern.
const ENT_SCHOOLS = '(SELECT uai FROM schools WHERE ent_id = $1)';
const inJson = (column: string, param: string) => `strpos(coalesce(${column}::text, ''), ${param}) > 0`;

const WHERE: Record<string, string> = {
  people: 'ent_id = $1 AND id = $2',
  person_schools: 'ent_id = $1 AND person_id = $2',
  memberships: `person_id = $2 AND uai IN ${ENT_SCHOOLS}`,
  teachings: `person_id = $2 AND uai IN ${ENT_SCHOOLS}`,
  resp_aff: 'ent_id = $1 AND person_id = $2',
  allocations: `uai IN ${ENT_SCHOOLS} AND (created_by IN ($2, $5) OR target->>'personId' IN ($2, $5))`,
  licence_copies: `person_id = $2 AND uai IN ${ENT_SCHOOLS}`,
  delegations: `uai IN ${ENT_SCHOOLS} AND (delegate_id = $2 OR granted_by IN ($2, $5))`,
  audit_entries: `(uai IN ${ENT_SCHOOLS} AND (actor IN ($2, $5) OR subject_id IN ($2, $5) OR ${inJson('before', '$6')}
    OR ${inJson('after', '$6')} OR ${inJson('before', '$7')} OR ${inJson('after', '$7')})) OR (uai = '' AND subject_id = $5)`,
  favourites: 'ent_id = $1 AND person_id = $2',
  console_notifications: `uai IN ${ENT_SCHOOLS} AND (recipient_id = $2 OR ${inJson('data', '$6')})`,
  mail_outbox: '"to" = ANY($3::text[])',
  departures: 'ent_id = $1 AND person_id = $2',
  sync_reports: `ent_id = $1 AND ${inJson('anomalies', '$6')}`,
  handoff_events: 'stats_pseudonym = $4',
  stats_people: 'pseudonym = $4',
  pins: 'ent_id = $1 AND teacher_id IN ($2, $5)',
  class_requests: 'ent_id = $1 AND (teacher_id IN ($2, $5) OR decided_by IN ($2, $5))',
};

// $1 ENT, $2 person id, $3 pseudonym, $4 e-mails, $5 the person id as a JSON string, $6 the pseudonym as one.
const ERASE: readonly string[] = [
  `DELETE FROM teachings WHERE person_id = $2 AND uai IN ${ENT_SCHOOLS}`,
  'DELETE FROM favourites WHERE ent_id = $1 AND person_id = $2',
  `DELETE FROM console_notifications WHERE recipient_id = $2 AND uai IN ${ENT_SCHOOLS}`,
  `DELETE FROM delegations WHERE delegate_id = $2 AND uai IN ${ENT_SCHOOLS}`,
  'DELETE FROM mail_outbox WHERE "to" = ANY($4::text[])',
  `UPDATE delegations SET granted_by = $3 WHERE granted_by = $2 AND uai IN ${ENT_SCHOOLS}`,
  `UPDATE allocations SET created_by = $3 WHERE created_by = $2 AND uai IN ${ENT_SCHOOLS}`,
  `UPDATE allocations SET target = jsonb_set(target, '{personId}', to_jsonb($3::text))
     WHERE target->>'personId' = $2 AND uai IN ${ENT_SCHOOLS}`,
  `UPDATE console_notifications SET data = replace(data::text, $5, $6)::jsonb
     WHERE uai IN ${ENT_SCHOOLS} AND ${inJson('data', '$5')}`,
  `UPDATE sync_reports SET anomalies = replace(anomalies::text, $5, $6)::jsonb
     WHERE ent_id = $1 AND ${inJson('anomalies', '$5')}`,
];

/** Sends only the parameters a statement uses, renumbered (PostgreSQL cannot type an unused one). */
function bind(sql: string, params: readonly unknown[]): [string, unknown[]] {
  const used = [...new Set([...sql.matchAll(/\$(\d)/g)].map((m) => Number(m[1])))];
  return [sql.replace(/\$(\d)/g, (_, n: string) => `$${used.indexOf(Number(n)) + 1}`), used.map((n) => params[n - 1])];
}

/** The access export over SQL: one `SELECT *` per table that holds people, with the predicate above. */
export function sqlPersonDataOps(ctx: SqlContext): PersonDataStore {
  return {
    exportPersonData: (query) =>
      ctx.run('exportPersonData', async (q) => {
        const params = [
          query.entId,
          query.personId,
          [...query.emails],
          query.statsPseudonym,
          query.auditPseudonym,
          JSON.stringify(query.personId),
          JSON.stringify(query.auditPseudonym),
        ];
        const out: PersonDataRecords = {};
        for (const table of EXPORTED_TABLES) {
          const where = WHERE[table];
          if (!where) throw new TypeError(`no export predicate for ${table}`);
          const { rows } = await q.query(...bind(`SELECT * FROM ${table} WHERE ${where}`, params));
          out[table] = rows.map((r) => ({ ...r }));
        }
        return out;
      }),
    erasePersonTraces: (input) =>
      ctx.atomic('erasePersonTraces', async (q) => {
        const { entId, personId, pseudonym } = input;
        const params = [
          entId,
          personId,
          pseudonym,
          [...input.emails],
          JSON.stringify(personId),
          JSON.stringify(pseudonym),
        ];
        let changed = 0;
        for (const statement of ERASE) changed += (await q.query(...bind(statement, params))).rowCount;
        return changed;
      }),
  };
}
