import {
  audienceAt,
  sameJson,
  schoolsOf,
  type Group,
  type Membership,
  type Person,
  type School,
  type Subject,
  type Teaching,
} from '@opengar/core';
import { audit } from '../allocation/audit.js';
import { reconcilePeople, releaseDeparted } from '../directory/directory-reactions.js';
import { ensureFreeOffersForSchool } from '../subscriptions/subscriptions-free-offers.js';
import type { Actor } from '../kernel/types.js';
import type { StoreOps } from '../store/types.js';
import type { SyncReport } from '../store/types-directory-feeds.js';
import type { FeedSnapshot } from './feed-collector.js';
import { compareIds } from './feed-staging.js';
import { createPace, createWriteSize, type Pace, type WriteSize } from './pace.js';
import { inScope, mergeOutOfScope, mergeRespAff, respAffLeft } from './degree-scope.js';

/** What a feed changed at one school. */
export type SchoolChanges = SyncReport['changes'];

/** What applying a feed did, in total and per school. */
export interface FeedApplication {
  summary: Record<string, number>;
  perSchool: Map<string, SchoolChanges>;
  /** Schools the store did not know before this feed. */
  newSchools: string[];
}

const emptyChanges = (): SchoolChanges => ({
  arrived: 0,
  changed: 0,
  left: 0,
  divisionsAdded: 0,
  divisionsRenamed: 0,
  divisionsRemoved: 0,
  groupsAdded: 0,
  groupsRenamed: 0,
  groupsRemoved: 0,
  membershipChanges: 0,
});

function canonical(p: Person): string {
  const profiles = [...p.profiles].map((x) => `${x.uai}\u0000${x.profile}`).sort();
  const mefs = [...(p.mefs ?? [])].map((x) => `${x.uai}\u0000${x.code}`).sort();
  return JSON.stringify([
    p.lastName,
    p.firstName,
    p.civility ?? null,
    p.email ?? null,
    p.birthDate ?? null,
    profiles,
    mefs,
  ]);
}

const sameSchool = (a: School, b: School) =>
  a.name === b.name && a.degree === b.degree && a.contactEmail === b.contactEmail && a.entId === b.entId;

/** Writes a school's subjects and teachings as the feed gives them; returns how many teachings changed. */
async function applyTeachings(
  tx: StoreOps,
  snap: FeedSnapshot,
  uai: string,
  touch: (personId: string) => void,
  sizer: WriteSize,
): Promise<number> {
  const fedSubjects = snap.subjects?.get(uai) ?? new Map<string, Subject>();
  const subjects = await tx.listSubjects(uai);
  await tx.deleteSubjects(subjects.filter((x) => !fedSubjects.has(x.code)));
  const had = new Map(subjects.map((x) => [x.code, x.label]));
  await tx.putSubjects([...fedSubjects.values()].filter((x) => had.get(x.code) !== x.label));
  const k = (t: Teaching) => [t.groupCode, t.personId, t.subject].join('\u0000');
  const fed = await snap.staging.teachings(uai);
  const fedKeys = new Set(fed.map(k));
  const existing = await tx.listTeachings({ uai });
  const have = new Set(existing.map(k));
  const removed = existing.filter((t) => !fedKeys.has(k(t)));
  const added = fed.filter((t) => !have.has(k(t)));
  await sizer.write(removed, (batch) => tx.deleteTeachings(batch));
  await sizer.write(added, (batch) => tx.putTeachings(batch));
  // Only people of the feed are followed (the others left: their copies go back with the departures).
  const inFeed = await snap.staging.getPeople([...new Set(removed.map((t) => t.personId))]);
  for (const t of removed) if (inFeed.has(t.personId)) touch(t.personId);
  for (const t of added) touch(t.personId);
  return removed.length + added.length;
}

/** One application of a feed: its inputs, and the counts and people its phases share. */
interface FeedRun {
  tx: StoreOps;
  snap: FeedSnapshot;
  actor: Actor;
  at: Date;
  /** `at` in ISO 8601. */
  now: string;
  runId: string;
  entId: string;
  pace: Pace;
  /** How many rows each bulk write takes (grows where writes are quick; never more than `MAX_WRITE_BATCH`). */
  sizer: WriteSize;
  summary: Record<string, number>;
  perSchool: Map<string, SchoolChanges>;
  /** The people whose ETABL allocations must follow, per school. */
  affected: Map<string, Set<string>>;
  /** The ENT's schools of the other degree: the feed does not speak for them (see `degree-scope.ts`). */
  outOfScope: Set<string>;
}

function changesAt(run: FeedRun, uai: string): SchoolChanges {
  let c = run.perSchool.get(uai);
  if (!c) {
    c = emptyChanges();
    run.perSchool.set(uai, c);
  }
  return c;
}

function touch(run: FeedRun, uai: string, id: string): void {
  let set = run.affected.get(uai);
  if (!set) {
    set = new Set();
    run.affected.set(uai, set);
  }
  set.add(id);
}

/** Phase 1: the feed's schools, put when new or changed, each with the free national offers. */
async function applySchools(run: FeedRun): Promise<{ schools: Map<string, School>; newSchools: string[] }> {
  const { tx, snap, entId, summary } = run;
  const schools = new Map<string, School>();
  const newSchools: string[] = [];
  for (const s of await tx.listSchools({ entId }))
    if (inScope(s, snap.degree) || snap.schools.has(s.uai)) schools.set(s.uai, s);
    else run.outOfScope.add(s.uai);
  for (const [uai, fed] of snap.schools) {
    const existing = schools.get(uai) ?? (await tx.getSchool(uai));
    const next: School = existing ? { ...existing, name: fed.name, degree: fed.degree, entId } : fed;
    if (fed.contactEmail !== undefined) next.contactEmail = fed.contactEmail;
    if (!existing) {
      newSchools.push(uai);
      summary.schoolsAdded!++;
    } else if (!sameSchool(existing, next)) summary.schoolsChanged!++;
    if (!existing || !sameSchool(existing, next)) await tx.putSchool(next);
    schools.set(uai, next);
    await ensureFreeOffersForSchool(tx, next, run.now);
    changesAt(run, uai);
    await run.pace();
  }
  return { schools, newSchools };
}

/** Phase 2: MEFs of the feed's schools, put when new or changed, removed when gone. */
async function applyMefs(run: FeedRun): Promise<void> {
  const { tx, snap, summary, pace } = run;
  for (const uai of snap.schools.keys()) {
    const fed = snap.mefs.get(uai) ?? new Map();
    const existing = new Map((await tx.listMefs(uai)).map((m) => [m.code, m]));
    for (const [code, mef] of fed) {
      const old = existing.get(code);
      if (!old || !sameJson(old, mef)) {
        await tx.putMef(mef);
        summary.mefsPut!++;
      }
      await pace();
    }
    for (const code of existing.keys()) {
      if (!fed.has(code)) {
        await tx.deleteMef(uai, code);
        summary.mefsRemoved!++;
        await pace();
      }
    }
  }
}

/** Phase 3: divisions and groups added or renamed; returns the removed ones (deleted after their memberships). */
async function applyGroups(run: FeedRun, uais: readonly string[]): Promise<Group[]> {
  const { tx, snap, summary, pace } = run;
  const removedGroups: Group[] = [];
  for (const uai of uais) {
    const fed = snap.groups.get(uai) ?? new Map<string, Group>();
    const existing = new Map((await tx.listGroups(uai)).map((g) => [g.code, g]));
    const c = changesAt(run, uai);
    for (const [code, group] of fed) {
      await pace();
      const old = existing.get(code);
      const division = group.status === 'DIVISION';
      if (!old) {
        await tx.putGroup(group);
        if (division) c.divisionsAdded++;
        else c.groupsAdded++;
        summary.groupsAdded!++;
      } else if (old.label !== group.label || old.status !== group.status) {
        await tx.putGroup(group);
        if (division) c.divisionsRenamed++;
        else c.groupsRenamed++;
        summary.groupsRenamed!++;
      }
    }
    for (const [code, old] of existing) if (!fed.has(code)) removedGroups.push(old);
  }
  return removedGroups;
}

/** Who left: people gone from the feed, and (school, person) pairs of people who left one school only. */
interface Leavers {
  departed: Map<string, Person>;
  leftSchools: [string, string][];
}

/** People read per page, on each side of the sort-merge of the feed's people with the store's. */
const PEOPLE_PAGE = 1000;

/** Reads pages ordered by id one person at a time. */
function pager(read: (afterId: string | undefined) => Promise<Person[]>): () => Promise<Person | undefined> {
  let page: Person[] = [];
  let at = 0;
  let done = false;
  return async () => {
    if (at < page.length) return page[at++];
    if (done) return undefined;
    page = await read(page.length ? page[page.length - 1]!.id : undefined);
    at = 0;
    if (page.length < PEOPLE_PAGE) done = true;
    return page.length ? page[at++] : undefined;
  };
}

/**
 * Phase 4: people arrived or changed, put in batches; returns who left. The feed's people (staged) and the store's are
 * read side by side in pages ordered by id and compared as they go (a sort-merge): neither side is held whole.
 */
async function applyPeople(run: FeedRun, uais: readonly string[]): Promise<Leavers> {
  const { tx, snap, entId, summary, pace } = run;
  const feedSchools = new Set(uais);
  const leftSchools: [string, string][] = [];
  // Written as soon as a batch is full: the people to write are never held all at once.
  const toPut: Person[] = [];
  const put = async (p: Person) => {
    toPut.push(p);
    if (toPut.length < run.sizer.size) return;
    await run.sizer.write(toPut.splice(0), (batch) => tx.putPeople(batch));
  };
  const departed = new Map<string, Person>();
  // A stored person at one of the feed's schools (or the ENT's schools of its degree) is this feed's business.
  const concerned = (old: Person) => schoolsOf(old).some((uai) => feedSchools.has(uai));
  // Staff also at a school of the other degree keep what they have there (pupils are at one school).
  const staffElsewhere = (old: Person) =>
    schoolsOf(old).some((uai) => run.outOfScope.has(uai) && audienceAt(old, uai) !== 'ELEVE');
  const gone = async (old: Person) => {
    const kept = mergeOutOfScope({ ...old, profiles: [], mefs: [] }, old, run.outOfScope);
    if (kept.profiles.length === 0) departed.set(old.id, old);
    else {
      // Still at a school of the other degree: leaves this feed's schools only.
      await put(kept);
      for (const at of schoolsOf(old)) if (!run.outOfScope.has(at)) leftSchools.push([at, old.id]);
    }
  };
  const changed = async (old: Person, fed: Person) => {
    const person = mergeOutOfScope(fed, old, run.outOfScope);
    if (canonical(old) === canonical(person)) return;
    await put(person);
    summary.changed!++;
    const nowAt = new Set(schoolsOf(person));
    for (const at of schoolsOf(old)) if (!nowAt.has(at)) leftSchools.push([at, old.id]);
    for (const at of nowAt) {
      if (run.outOfScope.has(at)) continue;
      changesAt(run, at).changed++;
      touch(run, at, old.id);
    }
  };
  const arrived = async (fed: Person, old: Person | undefined) => {
    const person = mergeOutOfScope(fed, old, run.outOfScope);
    if (old && canonical(old) === canonical(person)) return;
    await put(person);
    summary.arrived!++;
    for (const uai of schoolsOf(fed)) {
      changesAt(run, uai).arrived++;
      touch(run, uai, fed.id);
    }
  };
  const nextOld = pager((after) => tx.listPeoplePage(entId, after, PEOPLE_PAGE));
  const nextFed = pager((after) => snap.staging.peopleById(after, PEOPLE_PAGE));
  let old = await nextOld();
  let fed = await nextFed();
  while (old || fed) {
    await pace();
    const order = !old ? 1 : !fed ? -1 : compareIds(old.id, fed.id);
    if (order < 0) {
      if (concerned(old!)) await gone(old!);
      old = await nextOld();
    } else if (order > 0) {
      await arrived(fed!, undefined);
      fed = await nextFed();
    } else {
      if (concerned(old!)) await changed(old!, fed!);
      else await arrived(fed!, staffElsewhere(old!) ? old : undefined);
      old = await nextOld();
      fed = await nextFed();
    }
  }
  await run.sizer.write(toPut.splice(0), (batch) => tx.putPeople(batch));
  return { departed, leftSchools };
}

/** Phase 5: memberships removed and added per school, subjects and teachings, then the groups the feed no longer has. */
async function applyMemberships(run: FeedRun, uais: readonly string[], removedGroups: readonly Group[]): Promise<void> {
  const { tx, snap, summary, pace } = run;
  for (const uai of uais) {
    const fed = await snap.staging.memberships(uai);
    const existing = await tx.listMemberships({ uai });
    const have = new Set(existing.map((m) => `${m.groupCode}\u0000${m.personId}`));
    const c = changesAt(run, uai);
    const removed = existing.filter((m) => !fed.get(m.groupCode)?.has(m.personId));
    const inFeed = await snap.staging.getPeople([...new Set(removed.map((m) => m.personId))]);
    for (const m of removed) if (inFeed.has(m.personId)) touch(run, uai, m.personId);
    const added: Membership[] = [];
    for (const [groupCode, members] of fed) {
      for (const personId of members) {
        if (have.has(`${groupCode}\u0000${personId}`)) continue;
        added.push({ uai, groupCode, personId });
        touch(run, uai, personId);
      }
    }
    await run.sizer.write(removed, (batch) => tx.deleteMemberships(batch));
    await run.sizer.write(added, (batch) => tx.putMemberships(batch));
    c.membershipChanges += removed.length + added.length;
    summary.membershipChanges! += c.membershipChanges;
  }
  // Subjects and teachings (who teaches what to which class): people whose teachings changed are followed too.
  for (const uai of uais) {
    const c = await applyTeachings(tx, snap, uai, (id) => touch(run, uai, id), run.sizer);
    summary.teachingChanges! += c;
    await pace();
  }
  for (const g of removedGroups) {
    await pace();
    await tx.deleteGroup(g.uai, g.code);
    const c = changesAt(run, g.uai);
    if (g.status === 'DIVISION') c.divisionsRemoved++;
    else c.groupsRemoved++;
    summary.groupsRemoved!++;
  }
}

/** Phase 6: departures give their copies back to their pools; the person is kept aside for the grace period. */
async function applyDepartures(run: FeedRun, { departed, leftSchools }: Leavers): Promise<void> {
  const { tx, actor, at, entId, pace } = run;
  for (const [id, old] of departed) {
    await pace();
    const left = schoolsOf(old);
    for (const uai of left) {
      await releaseDeparted(tx, actor, uai, id, at);
      changesAt(run, uai).left++;
    }
    await tx.setFavourites(entId, id, []);
    await tx.deletePerson(entId, id);
    await tx.putDeparture({ entId, personId: id, leftAt: run.now, uais: left, person: old });
    run.summary.left!++;
  }
  for (const [uai, id] of leftSchools) {
    await releaseDeparted(tx, actor, uai, id, at);
    await pace();
  }
}

/** Phase 7: ETABL allocations follow the new memberships and profiles. */
async function reconcileAllocations(run: FeedRun, schools: ReadonlyMap<string, School>): Promise<void> {
  for (const [uai, ids] of run.affected) {
    const school = schools.get(uai);
    // One call per school: leavers free copies for joiners within the same plan, so the people are not split.
    if (school) await reconcilePeople(run.tx, run.actor, school, [...ids].sort(), run.at, run.pace);
  }
}

/** Phase 8: allocation managers named by the RespAff file. */
async function applyManagers(run: FeedRun): Promise<void> {
  const { tx, snap, entId, summary } = run;
  const managers = new Map((await tx.listRespAff({ entId })).map((r) => [r.personId, r]));
  for (const [personId, fed] of snap.respAff) {
    const old = managers.get(personId);
    const r = mergeRespAff(fed, old, run.outOfScope);
    await run.pace();
    // Key order differs between stores (the SQL mapper builds records in its own order): compare as JSON values.
    if (!old || !sameJson(old, r)) {
      await tx.putRespAff(r);
      summary.managersPut!++;
    }
  }
  for (const [personId, old] of managers) {
    if (snap.respAff.has(personId)) continue;
    const left = respAffLeft(old, run.outOfScope);
    if (left === old) continue;
    if (left) await tx.putRespAff(left);
    else await tx.deleteRespAff(entId, personId);
    summary.managersRemoved!++;
  }
}

/** Last: one audit entry per school with its changes, and one for the ENT with the totals. */
async function auditFeed(run: FeedRun): Promise<void> {
  const { tx, actor, at, runId } = run;
  for (const [uai, c] of run.perSchool) {
    await audit(tx, actor, at, { uai, action: 'feed.apply', subjectType: 'directory', subjectId: runId, after: c });
  }
  await audit(tx, actor, at, {
    uai: '',
    action: 'feed.apply',
    subjectType: 'ent',
    subjectId: run.entId,
    after: { runId, ...run.summary },
  });
}

/**
 * Applies a complete feed as a difference against the store, inside the caller's transaction, phase by phase:
 * schools (with the free national offers), MEFs, divisions and groups (added, renamed), people (arrived, changed),
 * memberships (then the groups removed), departures (copies given back, the person recorded for erasure after the
 * grace period), ETABL allocations (following the new memberships through the allocation engine's directory
 * reactions), allocation managers, and the audit.
 *
 * @example
 * ```ts
 * const applied = await store.transaction((tx) => applyFeed(tx, snapshot, { actor: { kind: 'system' }, at: clock.now(), runId }));
 * applied.summary.arrived;
 * ```
 */
export async function applyFeed(
  tx: StoreOps,
  snap: FeedSnapshot,
  options: { actor: Actor; at: Date; runId: string; pace?: Pace },
): Promise<FeedApplication> {
  // Bounded batches with a yield between them: the import stays one transaction, other requests keep being served.
  const pace = options.pace ?? createPace();
  const run: FeedRun = {
    tx,
    snap,
    actor: options.actor,
    at: options.at,
    now: options.at.toISOString(),
    runId: options.runId,
    entId: snap.entId,
    pace,
    sizer: createWriteSize(pace),
    summary: {
      schoolsAdded: 0,
      schoolsChanged: 0,
      arrived: 0,
      changed: 0,
      left: 0,
      membershipChanges: 0,
      teachingChanges: 0,
      groupsAdded: 0,
      groupsRenamed: 0,
      groupsRemoved: 0,
      mefsPut: 0,
      mefsRemoved: 0,
      managersPut: 0,
      managersRemoved: 0,
    },
    perSchool: new Map(),
    affected: new Map(),
    outOfScope: new Set(),
  };
  const { schools, newSchools } = await applySchools(run);
  const uais = [...schools.keys()].sort();
  await applyMefs(run);
  const removedGroups = await applyGroups(run, uais);
  const leavers = await applyPeople(run, uais);
  await applyMemberships(run, uais, removedGroups);
  await applyDepartures(run, leavers);
  await reconcileAllocations(run, schools);
  await applyManagers(run);
  await auditFeed(run);
  return { summary: run.summary, perSchool: run.perSchool, newSchools };
}
