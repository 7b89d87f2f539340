import { audienceAt, foldText, type Person } from '@opengar/core';
import { personSearchText, searchTerms } from '../shared/fold.js';
import type { DirectoryStore, PeopleQuery, RegistryStore } from '../types.js';
import type { SqlQueryable } from './driver.js';
import { Params, containsPattern, where } from './params.js';
import type { SqlContext } from './sql-context.js';
import type { RowMapper } from './row-mapper.js';
import * as m from './sql-mappers.js';

/** Helpers shared by the SQL operations: one row, many rows, an upsert. */
export function sqlHelpers(ctx: SqlContext) {
  const many = <T extends object>(op: string, mapper: RowMapper<T>, sql: string, params: readonly unknown[] = []) =>
    ctx.run(op, async (q) => (await q.query(sql, params)).rows.map((r) => mapper.fromRow(r)));
  const one = async <T extends object>(op: string, mapper: RowMapper<T>, sql: string, params: readonly unknown[]) =>
    (await many(op, mapper, sql, params))[0];
  const upsert = <T extends object>(op: string, mapper: RowMapper<T>, key: readonly string[], value: T) =>
    ctx.run(op, async (q) => {
      await q.query(mapper.upsert(key), mapper.params(value));
    });
  return { many, one, upsert };
}

/** Operators, ENTs, schools, publishers and resources. */
export function sqlRegistryOps(ctx: SqlContext): RegistryStore {
  const { many, one, upsert } = sqlHelpers(ctx);
  return {
    putEnt: (ent) => upsert('putEnt', m.ents, ['id'], ent),
    getEnt: (id) => one('getEnt', m.ents, `SELECT ${m.ents.select} FROM ents WHERE id = $1::text`, [id]),
    listEnts: () => many('listEnts', m.ents, `SELECT ${m.ents.select} FROM ents ORDER BY id`),
    putSchool: (school) => upsert('putSchool', m.schools, ['uai'], school),
    getSchool: (uai) =>
      one('getSchool', m.schools, `SELECT ${m.schools.select} FROM schools WHERE uai = $1::text`, [uai]),
    listSchools: (filter) =>
      filter?.entId === undefined
        ? many('listSchools', m.schools, `SELECT ${m.schools.select} FROM schools ORDER BY uai`)
        : many(
            'listSchools',
            m.schools,
            `SELECT ${m.schools.select} FROM schools WHERE ent_id = $1::text ORDER BY uai`,
            [filter.entId],
          ),
    searchSchools: (query) =>
      ctx.run('searchSchools', async (q) => {
        const p = new Params();
        const c = [`ent_id = ANY(${p.add([...query.entIds], 'text[]')})`];
        if (query.academie !== undefined) c.push(`academie = ${p.add(query.academie)}`);
        for (const term of query.terms) c.push(`search_text LIKE ${p.add(containsPattern(term))}`);
        // One statement: the window's count is taken before the LIMIT (no row: no match, or a limit of 0).
        const limit = p.add(Math.max(1, query.limit), 'integer');
        const { rows } = await q.query(
          `SELECT ${m.schools.select}, count(*) OVER () AS total FROM schools ${where(c)}
           ORDER BY search_text, uai LIMIT ${limit}`,
          p.values,
        );
        const total = rows.length ? Number(rows[0]!.total) : 0;
        return { schools: rows.slice(0, Math.max(0, query.limit)).map((r) => m.schools.fromRow(r)), total };
      }),
    listSchoolAcademies: ({ entIds }) =>
      ctx.run('listSchoolAcademies', async (q) =>
        (
          await q.query(
            `SELECT academie AS code, min(coalesce(academie_label, academie)) AS label FROM schools
             WHERE academie IS NOT NULL AND ent_id = ANY($1::text[]) GROUP BY academie ORDER BY academie`,
            [[...entIds]],
          )
        ).rows.map((r) => ({ code: String(r.code), label: String(r.label) })),
      ),
    putPublisher: (p) => upsert('putPublisher', m.publishers, ['id'], p),
    getPublisher: (id) =>
      one('getPublisher', m.publishers, `SELECT ${m.publishers.select} FROM publishers WHERE id = $1::text`, [id]),
    listPublishers: () =>
      many('listPublishers', m.publishers, `SELECT ${m.publishers.select} FROM publishers ORDER BY id`),
    findPublisherByApiKeyHash: (hash) =>
      one(
        'findPublisherByApiKeyHash',
        m.publishers,
        `SELECT ${m.publishers.select} FROM publishers WHERE api_key_hashes @> ARRAY[$1::text] ORDER BY id LIMIT 1`,
        [hash],
      ),
    findPublisherByCertFingerprint: (fp) =>
      one(
        'findPublisherByCertFingerprint',
        m.publishers,
        `SELECT ${m.publishers.select} FROM publishers WHERE client_cert_fingerprints @> ARRAY[$1::text] ORDER BY id LIMIT 1`,
        [fp],
      ),
    putResource: (r) => upsert('putResource', m.resources, ['id'], r),
    getResource: (id) =>
      one('getResource', m.resources, `SELECT ${m.resources.select} FROM resources WHERE id = $1::text`, [id]),
    listResources: (filter = {}) => {
      const p = new Params();
      const c: string[] = [];
      if (filter.ids !== undefined) c.push(`id = ANY(${p.add([...filter.ids], 'text[]')})`);
      if (filter.distributorId !== undefined) c.push(`distributor_ids @> ARRAY[${p.add(filter.distributorId)}]`);
      if (filter.freeOffer !== undefined) c.push(`free_offer IS ${filter.freeOffer ? 'NOT NULL' : 'NULL'}`);
      if (filter.samlEntityId !== undefined) c.push(`saml->>'entityId' = ${p.add(filter.samlEntityId)}`);
      return many(
        'listResources',
        m.resources,
        `SELECT ${m.resources.select} FROM resources ${where(c)} ORDER BY id`,
        p.values,
      );
    },
    putOperator: (o) => upsert('putOperator', m.operators, ['id'], o),
    findOperatorBySecretHash: (hash) =>
      one(
        'findOperatorBySecretHash',
        m.operators,
        `SELECT ${m.operators.select} FROM operators WHERE secret_hash = $1::text`,
        [hash],
      ),
  };
}

async function writePerson(q: SqlQueryable, person: Person): Promise<void> {
  await q.query(m.people.upsert(['ent_id', 'id']), m.people.params(person));
  await q.query('DELETE FROM person_schools WHERE ent_id = $1::text AND person_id = $2::text', [
    person.entId,
    person.id,
  ]);
  const uais = [...new Set(person.profiles.map((p) => p.uai))];
  const p = new Params();
  const rows = uais.map(
    (uai) =>
      `(${p.add(uai)}, ${p.add(person.entId)}, ${p.add(person.id)}, ${p.add(audienceAt(person, uai))}, ${p.add(
        foldText(person.lastName),
      )}, ${p.add(foldText(person.firstName))}, ${p.add(personSearchText(person))})`,
  );
  if (rows.length) {
    await q.query(
      `INSERT INTO person_schools (uai, ent_id, person_id, audience, last_key, first_key, search_text) VALUES ${rows.join(', ')}`,
      p.values,
    );
  }
}

function peopleConditions(q: Omit<PeopleQuery, 'offset' | 'limit'>, p: Params): string[] {
  const c = [`s.uai = ${p.add(q.uai)}`];
  if (q.audience !== undefined) c.push(`s.audience = ${p.add(q.audience)}`);
  if (q.staff === true) c.push(`s.audience <> 'ELEVE'`);
  for (const term of searchTerms(q.search)) c.push(`s.search_text LIKE ${p.add(containsPattern(term))}`);
  return c;
}

/** People, divisions and groups, memberships, MEFs and allocation managers. */
export function sqlDirectoryOps(ctx: SqlContext): DirectoryStore {
  const { many, one, upsert } = sqlHelpers(ctx);
  return {
    putPerson: (person) => ctx.atomic('putPerson', (q) => writePerson(q, person)),
    getPerson: (entId, id) =>
      one('getPerson', m.people, `SELECT ${m.people.select} FROM people WHERE ent_id = $1::text AND id = $2::text`, [
        entId,
        id,
      ]),
    deletePerson: (entId, id) =>
      ctx.atomic('deletePerson', async (q) => {
        await q.query('DELETE FROM person_schools WHERE ent_id = $1::text AND person_id = $2::text', [entId, id]);
        await q.query('DELETE FROM people WHERE ent_id = $1::text AND id = $2::text', [entId, id]);
      }),
    listPeople: (query) => {
      const p = new Params();
      const c = peopleConditions(query, p);
      return many(
        'listPeople',
        m.people,
        `SELECT ${m.people.selectAs('p')} FROM person_schools s JOIN people p ON p.ent_id = s.ent_id AND p.id = s.person_id
         ${where(c)} ORDER BY s.last_key, s.first_key, s.person_id, s.ent_id
         LIMIT ${p.add(query.limit ?? null, 'bigint')} OFFSET ${p.add(query.offset ?? 0, 'bigint')}`,
        p.values,
      );
    },
    countPeople: (query) => {
      const p = new Params();
      const c = peopleConditions(query, p);
      return ctx.run('countPeople', async (q) => {
        const { rows } = await q.query(`SELECT count(*)::int AS n FROM person_schools s ${where(c)}`, p.values);
        return Number(rows[0]!.n);
      });
    },
    putGroup: (g) => upsert('putGroup', m.groups, ['uai', 'code'], g),
    getGroup: (uai, code) =>
      one('getGroup', m.groups, `SELECT ${m.groups.select} FROM groups WHERE uai = $1::text AND code = $2::text`, [
        uai,
        code,
      ]),
    listGroups: (uai) =>
      many('listGroups', m.groups, `SELECT ${m.groups.select} FROM groups WHERE uai = $1::text ORDER BY code`, [uai]),
    deleteGroup: (uai, code) =>
      ctx.run('deleteGroup', async (q) => {
        await q.query('DELETE FROM groups WHERE uai = $1::text AND code = $2::text', [uai, code]);
      }),
    putMembership: (ms) => upsert('putMembership', m.memberships, ['uai', 'group_code', 'person_id'], ms),
    deleteMembership: (ms) =>
      ctx.run('deleteMembership', async (q) => {
        await q.query(
          'DELETE FROM memberships WHERE uai = $1::text AND group_code = $2::text AND person_id = $3::text',
          [ms.uai, ms.groupCode, ms.personId],
        );
      }),
    listMemberships: (f) => {
      const p = new Params();
      const c = [`uai = ${p.add(f.uai)}`];
      if (f.groupCode !== undefined) c.push(`group_code = ${p.add(f.groupCode)}`);
      if (f.personId !== undefined) c.push(`person_id = ${p.add(f.personId)}`);
      return many(
        'listMemberships',
        m.memberships,
        `SELECT ${m.memberships.select} FROM memberships ${where(c)} ORDER BY group_code, person_id`,
        p.values,
      );
    },
    putMef: (mef) => upsert('putMef', m.mefs, ['uai', 'code'], mef),
    listMefs: (uai) =>
      many('listMefs', m.mefs, `SELECT ${m.mefs.select} FROM mefs WHERE uai = $1::text ORDER BY code`, [uai]),
    putRespAff: (r) => upsert('putRespAff', m.respAff, ['ent_id', 'person_id'], r),
    listRespAff: (f) => {
      const p = new Params();
      const c: string[] = [];
      if (f.uai !== undefined) c.push(`uais @> ARRAY[${p.add(f.uai)}]`);
      if (f.entId !== undefined) c.push(`ent_id = ${p.add(f.entId)}`);
      if (f.personId !== undefined) c.push(`person_id = ${p.add(f.personId)}`);
      return many(
        'listRespAff',
        m.respAff,
        `SELECT ${m.respAff.select} FROM resp_aff ${where(c)} ORDER BY ent_id, person_id`,
        p.values,
      );
    },
    deleteRespAff: (entId, personId) =>
      ctx.run('deleteRespAff', async (q) => {
        await q.query('DELETE FROM resp_aff WHERE ent_id = $1::text AND person_id = $2::text', [entId, personId]);
      }),
    getPeople: async (entId, ids) =>
      ids.length === 0
        ? []
        : many(
            'getPeople',
            m.people,
            `SELECT ${m.people.select} FROM people WHERE ent_id = $1::text AND id = ANY($2::text[]) ORDER BY id`,
            [entId, [...new Set(ids)]],
          ),
    getGroups: async (uai, codes) =>
      codes.length === 0
        ? []
        : many(
            'getGroups',
            m.groups,
            `SELECT ${m.groups.select} FROM groups WHERE uai = $1::text AND code = ANY($2::text[]) ORDER BY code`,
            [uai, [...new Set(codes)]],
          ),
  };
}
