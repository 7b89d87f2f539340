import type { Group, Person, Teaching } from '@opengar/core';
import {
  compareIds,
  type BadRef,
  type FeedStaging,
  type StagedCheck,
  type StagedDuplicate,
  type StagedPersonMef,
  type StagedProblems,
  type StagedRef,
  type StagedSchoolRef,
} from './feed-staging.js';
import type { FeedSnapshot } from './feed-collector.js';
import { PackedPeople } from './packed-people.js';

/** Takes the first `limit` of the rows `matches` keeps, counting them all. */
function firstOf<T, U>(rows: Iterable<T>, limit: number, pick: (row: T) => U | undefined): StagedProblems<U> {
  const out: U[] = [];
  let count = 0;
  for (const row of rows) {
    const v = pick(row);
    if (v === undefined) continue;
    count++;
    if (out.length < limit) out.push(v);
  }
  return { rows: out, count };
}

/** Column-wise school references: each text held once (a feed's pupil files may all come before its school file). */
class SchoolRefs {
  readonly texts = new Map<string, number>();
  readonly cols: number[][] = [[], [], [], []];
  #n(t: string): number {
    let n = this.texts.get(t);
    if (n === undefined) {
      n = this.texts.size;
      this.texts.set(t, n);
    }
    return n;
  }
  add(r: StagedSchoolRef): void {
    this.cols[0]!.push(this.#n(r.uai));
    this.cols[1]!.push(this.#n(r.element));
    this.cols[2]!.push(this.#n(r.file));
    this.cols[3]!.push(r.line);
  }
  *rows(): Iterable<StagedSchoolRef> {
    const texts = [...this.texts.keys()];
    const [uai, element, file, line] = this.cols;
    for (let i = 0; i < uai!.length; i++)
      yield { uai: texts[uai![i]!]!, element: texts[element![i]!]!, file: texts[file![i]!]!, line: line![i]! };
  }
}

/**
 * A {@link FeedStaging} in the heap, for the memory store and PGlite: the people packed one string each, the rest in
 * maps and columns. Its memory grows with the feed. Browser-safe.
 *
 * @example
 * ```ts
 * const staging = createMemoryFeedStaging('ENTBRE');
 * await staging.addPeople([person]);
 * ```
 */
export function createMemoryFeedStaging(entId: string): FeedStaging {
  const staging = memoryStaging(entId);
  return staging;
}

type Views = Pick<FeedSnapshot, 'people' | 'memberships' | 'teachings'>;
const views = new WeakMap<FeedStaging, () => Views>();

/** A memory staging's people, memberships and teachings as maps (`undefined` for another staging). */
export function memoryStagingViews(staging: FeedStaging): Views | undefined {
  return views.get(staging)?.();
}

function memoryStaging(entId: string): FeedStaging {
  const keys = new Map<string, Set<string>>();
  const dups: StagedDuplicate[] = [];
  const check = ({ seq, mark, element, file, line }: StagedCheck) => ({ seq, mark, element, file, line });
  const people = new PackedPeople(entId);
  const mefs: StagedPersonMef[] = [];
  let refs: StagedRef[] = [];
  let teachingRows: Teaching[] = [];
  const schoolRefs = new SchoolRefs();
  const groups = new Map<string, Map<string, Group>>();
  let byId: string[] | undefined;
  let inOrder: string[] | undefined;
  let resolved = false;
  const members = new Map<string, Map<string, Set<string>>>();
  const teachings = new Map<string, Teaching[]>();
  const groupsOfPerson = new Map<string, { uai: string; code: string }[]>();
  const hasGroup = (uai: string, code: string) => groups.get(uai)?.has(code) === true;

  // Once read: each person's MEFs joined, the valid memberships and teachings gathered by school.
  const resolve = () => {
    if (resolved) return;
    resolved = true;
    for (const m of mefs) {
      const person = people.get(m.personId);
      if (!person || person.mefs.length >= 100 || person.mefs.some((x) => x.uai === m.uai && x.code === m.code))
        continue;
      person.mefs.push({ uai: m.uai, code: m.code });
      people.set(person.id, person);
    }
    for (const r of refs) {
      if (!people.has(r.personId) || !hasGroup(r.uai, r.code)) continue;
      let byCode = members.get(r.uai);
      if (!byCode) {
        byCode = new Map();
        members.set(r.uai, byCode);
      }
      let set = byCode.get(r.code);
      if (!set) {
        set = new Set();
        byCode.set(r.code, set);
      }
      if (set.has(r.personId)) continue;
      set.add(r.personId);
      const list = groupsOfPerson.get(r.personId) ?? [];
      list.push({ uai: r.uai, code: r.code });
      groupsOfPerson.set(r.personId, list);
    }
    refs = [];
    const seen = new Set<string>();
    for (const t of teachingRows) {
      if (!people.has(t.personId) || !hasGroup(t.uai, t.groupCode)) continue;
      const k = [t.uai, t.groupCode, t.personId, t.subject].join('\u0000');
      if (seen.has(k)) continue;
      seen.add(k);
      const list = teachings.get(t.uai) ?? [];
      list.push(t);
      teachings.set(t.uai, list);
    }
    teachingRows = [];
  };

  const staging: FeedStaging = {
    async addKeys(rows) {
      for (const r of rows) {
        let seen = keys.get(r.element);
        if (!seen) {
          seen = new Set();
          keys.set(r.element, seen);
        }
        if (seen.has(r.key)) dups.push({ ...check(r), code: 'duplicate_key' });
        seen.add(r.key);
      }
    },
    async addPeople(rows, checks) {
      rows.forEach((p, i) => {
        if (people.has(p.id)) dups.push({ ...check(checks[i]!), code: 'duplicate_person' });
        else people.set(p.id, p);
      });
    },
    async duplicates(limit) {
      keys.clear();
      dups.sort((a, b) => a.seq - b.seq || (a.code === 'duplicate_key' ? -1 : 1));
      return { rows: dups.slice(0, limit), count: dups.length };
    },
    async addPersonMefs(rows) {
      mefs.push(...rows);
    },
    async addRefs(rows) {
      refs.push(...rows);
    },
    async addTeachings(rows) {
      teachingRows.push(...rows);
    },
    async addSchoolRefs(rows) {
      for (const r of rows) schoolRefs.add(r);
    },
    async unknownSchools(known, limit) {
      return firstOf(schoolRefs.rows(), limit, (r) => (known.has(r.uai) ? undefined : r));
    },
    async unknownMefPeople(limit) {
      return firstOf(mefs, limit, (m) => (people.has(m.personId) ? undefined : m));
    },
    async addGroups(rows) {
      for (const g of rows) {
        let byCode = groups.get(g.uai);
        if (!byCode) {
          byCode = new Map();
          groups.set(g.uai, byCode);
        }
        byCode.set(g.code, g);
      }
    },
    async badRefs(limit) {
      return firstOf(refs, limit, (r): BadRef | undefined =>
        !people.has(r.personId)
          ? { ...r, missing: 'person' }
          : !hasGroup(r.uai, r.code)
            ? { ...r, missing: 'group' }
            : undefined,
      );
    },
    async levels() {
      const seen = new Set<string>();
      const out: { uai: string; code: string }[] = [];
      for (const m of mefs) {
        const k = `${m.uai}\u0000${m.code}`;
        if (!people.has(m.personId) || seen.has(k)) continue;
        seen.add(k);
        out.push({ uai: m.uai, code: m.code });
      }
      return out;
    },
    async peopleCount() {
      return people.size;
    },
    async peopleById(afterId, limit) {
      resolve();
      byId ??= [...people.keys()].sort(compareIds);
      let at = 0;
      if (afterId !== undefined) {
        // Binary search: the first id after `afterId`.
        let hi = byId.length;
        while (at < hi) {
          const mid = (at + hi) >> 1;
          if (compareIds(byId[mid]!, afterId) <= 0) at = mid + 1;
          else hi = mid;
        }
      }
      return byId.slice(at, at + limit).map((id) => people.get(id)!);
    },
    async peopleInOrder(after, limit) {
      resolve();
      inOrder ??= [...people.keys()];
      return inOrder.slice(after, after + limit).map((id) => people.get(id)!);
    },
    async getPeople(ids) {
      resolve();
      const out = new Map<string, Person>();
      for (const id of ids) {
        const p = people.get(id);
        if (p) out.set(id, p);
      }
      return out;
    },
    async memberships(uai) {
      resolve();
      return members.get(uai) ?? new Map();
    },
    async teachings(uai) {
      resolve();
      return teachings.get(uai) ?? [];
    },
    async groupsOf(ids) {
      resolve();
      const out = new Map<string, { uai: string; code: string }[]>();
      for (const id of ids) out.set(id, groupsOfPerson.get(id) ?? []);
      return out;
    },
  };
  views.set(staging, () => {
    resolve();
    return { people, memberships: members, teachings };
  });
  return staging;
}
