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
 * await staging.addPeople([person], [{ seq: 0, mark: 0, element: 'GAREleve', file: 'f.xml', line: 3 }]);
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
  /** MEFs whose person was not staged yet (most come after their person: joined at once). */
  let mefs: StagedPersonMef[] = [];
  /** The MEF codes people are at, by school, in the order first joined. */
  const levelsAt = new Map<string, Set<string>>();
  /** Memberships whose person or group was not known yet (most are: kept at once, as set entries). */
  let refs: StagedRef[] = [];
  let teachingRows: Teaching[] = [];
  const schoolRefs = new SchoolRefs();
  const groups = new Map<string, Map<string, Group>>();
  let byId: string[] | undefined;
  let inOrder: string[] | undefined;
  let resolved = false;
  const members = new Map<string, Map<string, Set<string>>>();
  const teachings = new Map<string, Teaching[]>();
  const hasGroup = (uai: string, code: string) => groups.get(uai)?.has(code) === true;

  /** Joins a MEF to its (staged) person: at most 100, each once. */
  const joinMef = (m: { personId: string; uai: string; code: string }) => {
    const person = people.get(m.personId)!;
    if (person.mefs.length < 100 && !person.mefs.some((x) => x.uai === m.uai && x.code === m.code)) {
      person.mefs.push({ uai: m.uai, code: m.code });
      people.set(person.id, person);
    }
    let codes = levelsAt.get(m.uai);
    if (!codes) {
      codes = new Set();
      levelsAt.set(m.uai, codes);
    }
    codes.add(m.code);
  };
  let mefsJoined = false;
  const joinMefs = () => {
    if (mefsJoined) return;
    mefsJoined = true;
    for (const m of mefs) if (people.has(m.personId)) joinMef(m);
    mefs = [];
  };
  const addMember = (uai: string, code: string, personId: string) => {
    let byCode = members.get(uai);
    if (!byCode) {
      byCode = new Map();
      members.set(uai, byCode);
    }
    let set = byCode.get(code);
    if (!set) {
      set = new Set();
      byCode.set(code, set);
    }
    set.add(personId);
  };
  // Once read: the MEFs and memberships kept for later joined, the valid teachings gathered by school.
  const resolve = () => {
    if (resolved) return;
    resolved = true;
    joinMefs();
    for (const r of refs) if (people.has(r.personId) && hasGroup(r.uai, r.code)) addMember(r.uai, r.code, r.personId);
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
    // Each record as it is read (its methods do not wait): records kept longer outlive V8's young generation and pile up.
    batch: 1,
    immediate: true,
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
      for (const m of rows)
        if (people.has(m.personId)) joinMef(m);
        else mefs.push(m);
    },
    async addRefs(rows) {
      for (const r of rows)
        if (r.groupKnown && people.has(r.personId)) addMember(r.uai, r.code, r.personId);
        else refs.push(r);
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
      joinMefs();
      return [...levelsAt].flatMap(([uai, codes]) => [...codes].map((code) => ({ uai, code })));
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
    async groupsOf(list) {
      resolve();
      const out = new Map<string, { uai: string; code: string }[]>();
      for (const p of list) {
        const mine: { uai: string; code: string }[] = [];
        for (const uai of new Set(p.profiles.map((x) => x.uai)))
          for (const [code, ids] of members.get(uai) ?? []) if (ids.has(p.id)) mine.push({ uai, code });
        out.set(p.id, mine);
      }
      return out;
    },
  };
  views.set(staging, () => {
    resolve();
    return { people, memberships: members, teachings };
  });
  return staging;
}
