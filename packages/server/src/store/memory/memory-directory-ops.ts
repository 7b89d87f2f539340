import { audienceAt, foldText } from '@opengar/core';
import type { DirectoryStore, RegistryStore } from '../types.js';
import { cloneJson, compareText, personSearchText, schoolSearchText, searchTerms } from '../shared/fold.js';
import { page, type MemoryContext } from './memory-context.js';
import type { PersonRow } from './memory-state.js';
import { key } from './table.js';

const byText =
  <T>(f: (v: T) => string) =>
  (a: T, b: T): number =>
    compareText(f(a), f(b));

const out = <T>(rows: Iterable<T>): T[] => [...rows].map((r) => cloneJson(r));

/** Operators, ENTs, schools, publishers and resources. */
export function memoryRegistryOps({ state: s, read, write }: MemoryContext): RegistryStore {
  return {
    putEnt: (ent) => write((j) => s.ents.set(j, cloneJson(ent))),
    getEnt: (id) => read(() => cloneJson(s.ents.get(id))),
    listEnts: () => read(() => out(s.ents.values()).sort(byText((e) => e.id))),
    putSchool: (school) => write((j) => s.schools.set(j, cloneJson(school))),
    getSchool: (uai) => read(() => cloneJson(s.schools.get(uai))),
    listSchools: (filter) =>
      read(() =>
        out(filter?.entId === undefined ? s.schools.values() : s.schools.find('ent', filter.entId)).sort(
          byText((x) => x.uai),
        ),
      ),
    searchSchools: (q) =>
      read(() => {
        const ents = new Set(q.entIds);
        const found = [...s.schools.values()]
          .filter((x) => ents.has(x.entId) && (q.academie === undefined || x.academie === q.academie))
          .map((x) => ({ x, text: schoolSearchText(x) }))
          .filter(({ text }) => q.terms.every((t) => text.includes(t)))
          .sort((a, b) => compareText(a.text, b.text) || compareText(a.x.uai, b.x.uai));
        return { schools: out(found.slice(0, Math.max(0, q.limit)).map(({ x }) => x)), total: found.length };
      }),
    listSchoolAcademies: ({ entIds }) =>
      read(() => {
        const ents = new Set(entIds);
        const found = new Map<string, string>();
        for (const x of s.schools.values())
          if (x.academie && ents.has(x.entId) && !found.has(x.academie))
            found.set(x.academie, x.academieLabel ?? x.academie);
        return [...found].map(([code, label]) => ({ code, label })).sort(byText((a) => a.code));
      }),
    putPublisher: (publisher) => write((j) => s.publishers.set(j, cloneJson(publisher))),
    getPublisher: (id) => read(() => cloneJson(s.publishers.get(id))),
    listPublishers: () => read(() => out(s.publishers.values()).sort(byText((p) => p.id))),
    findPublisherByApiKeyHash: (hash) => read(() => cloneJson(s.publishers.find('apiKey', hash)[0])),
    findPublisherByCertFingerprint: (fp) => read(() => cloneJson(s.publishers.find('cert', fp)[0])),
    putResource: (resource) => write((j) => s.resources.set(j, cloneJson(resource))),
    getResource: (id) => read(() => cloneJson(s.resources.get(id))),
    listResources: (filter = {}) =>
      read(() => {
        let rows =
          filter.ids !== undefined
            ? [...new Set(filter.ids)].flatMap((id) => s.resources.get(id) ?? [])
            : filter.distributorId !== undefined
              ? s.resources.find('distributor', filter.distributorId)
              : [...s.resources.values()];
        if (filter.distributorId !== undefined)
          rows = rows.filter((r) => r.distributorIds.includes(filter.distributorId!));
        if (filter.freeOffer !== undefined) rows = rows.filter((r) => (r.freeOffer !== undefined) === filter.freeOffer);
        if (filter.samlEntityId !== undefined) rows = rows.filter((r) => r.saml?.entityId === filter.samlEntityId);
        return out(rows).sort(byText((r) => r.id));
      }),
    putOperator: (operator) => write((j) => s.operators.set(j, cloneJson(operator))),
    findOperatorBySecretHash: (hash) => read(() => cloneJson(s.operators.find('secret', hash)[0])),
  };
}

function personRow(person: PersonRow['value']): PersonRow {
  const value = cloneJson(person);
  return {
    value,
    lastKey: foldText(value.lastName),
    firstKey: foldText(value.firstName),
    search: personSearchText(value),
  };
}

function comparePeople(a: PersonRow, b: PersonRow): number {
  return (
    compareText(a.lastKey, b.lastKey) ||
    compareText(a.firstKey, b.firstKey) ||
    compareText(a.value.id, b.value.id) ||
    compareText(a.value.entId, b.value.entId)
  );
}

/** People, divisions and groups, memberships, MEFs and allocation managers. */
export function memoryDirectoryOps({ state: s, read, write }: MemoryContext): DirectoryStore {
  const peopleAt = (q: { uai: string; audience?: string; staff?: boolean; search?: string }): PersonRow[] => {
    const terms = searchTerms(q.search);
    return s.people
      .find('uai', q.uai)
      .filter(
        (p) =>
          (q.audience === undefined || audienceAt(p.value, q.uai) === q.audience) &&
          (q.staff !== true || audienceAt(p.value, q.uai) !== 'ELEVE') &&
          terms.every((t) => p.search.includes(t)),
      );
  };
  return {
    putPerson: (person) => write((j) => s.people.set(j, personRow(person))),
    getPerson: (entId, id) => read(() => cloneJson(s.people.get(key(entId, id))?.value)),
    deletePerson: (entId, id) => write((j) => void s.people.delete(j, key(entId, id))),
    listPeople: (q) =>
      read(() => page(peopleAt(q).sort(comparePeople), q.offset, q.limit).map((p) => cloneJson(p.value))),
    countPeople: (q) =>
      read(() =>
        q.audience === undefined && q.staff !== true && !q.search ? s.people.countIn('uai', q.uai) : peopleAt(q).length,
      ),
    putGroup: (group) => write((j) => s.groups.set(j, cloneJson(group))),
    getGroup: (uai, code) => read(() => cloneJson(s.groups.get(key(uai, code)))),
    listGroups: (uai) => read(() => out(s.groups.find('uai', uai)).sort(byText((g) => g.code))),
    deleteGroup: (uai, code) => write((j) => void s.groups.delete(j, key(uai, code))),
    putMembership: (m) => write((j) => s.memberships.set(j, cloneJson(m))),
    deleteMembership: (m) => write((j) => void s.memberships.delete(j, key(m.uai, m.groupCode, m.personId))),
    listMemberships: (f) =>
      read(() => {
        let rows =
          f.groupCode !== undefined
            ? s.memberships.find('group', key(f.uai, f.groupCode))
            : f.personId !== undefined
              ? s.memberships.find('person', key(f.uai, f.personId))
              : s.memberships.find('uai', f.uai);
        if (f.personId !== undefined) rows = rows.filter((m) => m.personId === f.personId);
        return out(rows).sort((a, b) => compareText(a.groupCode, b.groupCode) || compareText(a.personId, b.personId));
      }),
    putMef: (mef) => write((j) => s.mefs.set(j, cloneJson(mef))),
    listMefs: (uai) => read(() => out(s.mefs.find('uai', uai)).sort(byText((m) => m.code))),
    putRespAff: (entry) => write((j) => s.respAff.set(j, cloneJson(entry))),
    listRespAff: (f) =>
      read(() => {
        let rows =
          f.uai !== undefined
            ? s.respAff.find('uai', f.uai)
            : f.personId !== undefined
              ? s.respAff.find('person', f.personId)
              : f.entId !== undefined
                ? s.respAff.find('ent', f.entId)
                : [...s.respAff.values()];
        if (f.entId !== undefined) rows = rows.filter((r) => r.entId === f.entId);
        if (f.personId !== undefined) rows = rows.filter((r) => r.personId === f.personId);
        return out(rows).sort((a, b) => compareText(a.entId, b.entId) || compareText(a.personId, b.personId));
      }),
    deleteRespAff: (entId, personId) => write((j) => void s.respAff.delete(j, key(entId, personId))),
    getPeople: (entId, ids) =>
      read(() =>
        [...new Set(ids)].sort(compareText).flatMap((id) => {
          const p = s.people.get(key(entId, id))?.value;
          return p ? [cloneJson(p)] : [];
        }),
      ),
    getGroups: (uai, codes) =>
      read(() =>
        [...new Set(codes)].sort(compareText).flatMap((code) => {
          const g = s.groups.get(key(uai, code));
          return g ? [cloneJson(g)] : [];
        }),
      ),
  };
}
