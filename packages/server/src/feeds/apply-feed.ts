import {
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
import { batches, createPace, type Pace } from './pace.js';

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
): Promise<number> {
  const fedSubjects = snap.subjects?.get(uai) ?? new Map<string, Subject>();
  const subjects = await tx.listSubjects(uai);
  await tx.deleteSubjects(subjects.filter((x) => !fedSubjects.has(x.code)));
  const had = new Map(subjects.map((x) => [x.code, x.label]));
  await tx.putSubjects([...fedSubjects.values()].filter((x) => had.get(x.code) !== x.label));
  const k = (t: Teaching) => [t.groupCode, t.personId, t.subject].join('\u0000');
  const fed = snap.teachings?.get(uai) ?? [];
  const fedKeys = new Set(fed.map(k));
  const existing = await tx.listTeachings({ uai });
  const have = new Set(existing.map(k));
  const removed = existing.filter((t) => !fedKeys.has(k(t)));
  const added = fed.filter((t) => !have.has(k(t)));
  for (const batch of batches(removed)) await tx.deleteTeachings(batch);
  for (const batch of batches(added)) await tx.putTeachings(batch);
  for (const t of [...removed, ...added]) touch(t.personId);
  return removed.length + added.length;
}

/**
 * Applies a complete feed as a difference against the store, inside the caller's transaction: schools, MEFs,
 * divisions and groups (added, renamed, removed), people (arrived, changed, left), memberships and allocation
 * managers. Departures give their copies back and are recorded for erasure after the grace period; ETABL allocations
 * follow the new memberships through the allocation engine's directory reactions. Schools of the feed get the free
 * national offers.
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
  const { actor, at, runId } = options;
  // Bounded batches with a yield between them: the import stays one transaction, other requests keep being served.
  const pace = options.pace ?? createPace();
  const now = at.toISOString();
  const entId = snap.entId;
  const perSchool = new Map<string, SchoolChanges>();
  const changesAt = (uai: string) => {
    let c = perSchool.get(uai);
    if (!c) {
      c = emptyChanges();
      perSchool.set(uai, c);
    }
    return c;
  };
  const summary: Record<string, number> = {
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
  };

  // Schools.
  const schools = new Map<string, School>();
  const newSchools: string[] = [];
  for (const s of await tx.listSchools({ entId })) schools.set(s.uai, s);
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
    await ensureFreeOffersForSchool(tx, next, now);
    changesAt(uai);
    await pace();
  }
  const uais = [...schools.keys()].sort();

  // MEFs.
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

  // Divisions and groups added or renamed (removed ones go after their memberships).
  const removedGroups: Group[] = [];
  for (const uai of uais) {
    const fed = snap.groups.get(uai) ?? new Map<string, Group>();
    const existing = new Map((await tx.listGroups(uai)).map((g) => [g.code, g]));
    const c = changesAt(uai);
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

  // People arrived or changed.
  const affected = new Map<string, Set<string>>();
  const touch = (uai: string, id: string) => {
    let set = affected.get(uai);
    if (!set) {
      set = new Set();
      affected.set(uai, set);
    }
    set.add(id);
  };
  const leftSchools: [string, string][] = [];
  const toPut: Person[] = [];
  // The store's people are read one school at a time (memory holds one school of them, plus the ids seen).
  const seen = new Set<string>();
  const departed = new Map<string, Person>();
  for (const uai of uais) {
    for (const old of await tx.listPeople({ uai })) {
      await pace();
      if (old.entId !== entId || seen.has(old.id)) continue;
      seen.add(old.id);
      const person = snap.people.get(old.id);
      if (!person) {
        departed.set(old.id, old);
        continue;
      }
      if (canonical(old) === canonical(person)) continue;
      toPut.push(person);
      summary.changed!++;
      const nowAt = new Set(schoolsOf(person));
      for (const at of schoolsOf(old)) if (!nowAt.has(at)) leftSchools.push([at, old.id]);
      for (const at of nowAt) {
        changesAt(at).changed++;
        touch(at, old.id);
      }
    }
  }
  for (const [id, person] of snap.people) {
    await pace();
    if (seen.has(id)) continue;
    toPut.push(person);
    summary.arrived!++;
    for (const uai of schoolsOf(person)) {
      changesAt(uai).arrived++;
      touch(uai, id);
    }
  }
  seen.clear();

  for (const batch of batches(toPut)) {
    await tx.putPeople(batch);
    await pace();
  }

  // Memberships.
  for (const uai of uais) {
    const fed = snap.memberships.get(uai) ?? new Map<string, Set<string>>();
    const existing = await tx.listMemberships({ uai });
    const have = new Set(existing.map((m) => `${m.groupCode}\u0000${m.personId}`));
    const c = changesAt(uai);
    const removed = existing.filter((m) => !fed.get(m.groupCode)?.has(m.personId));
    for (const m of removed) if (snap.people.has(m.personId)) touch(uai, m.personId);
    const added: Membership[] = [];
    for (const [groupCode, members] of fed) {
      for (const personId of members) {
        if (have.has(`${groupCode}\u0000${personId}`)) continue;
        added.push({ uai, groupCode, personId });
        touch(uai, personId);
      }
    }
    for (const batch of batches(removed)) {
      await tx.deleteMemberships(batch);
      await pace();
    }
    for (const batch of batches(added)) {
      await tx.putMemberships(batch);
      await pace();
    }
    c.membershipChanges += removed.length + added.length;
    summary.membershipChanges! += c.membershipChanges;
  }
  // Subjects and teachings (who teaches what to which class): people whose teachings changed are followed too.
  for (const uai of uais) {
    const c = await applyTeachings(tx, snap, uai, (id) => {
      if (snap.people.has(id)) touch(uai, id);
    });
    summary.teachingChanges! += c;
    await pace();
  }
  for (const g of removedGroups) {
    await pace();
    await tx.deleteGroup(g.uai, g.code);
    const c = changesAt(g.uai);
    if (g.status === 'DIVISION') c.divisionsRemoved++;
    else c.groupsRemoved++;
    summary.groupsRemoved!++;
  }

  // Departures: copies come back to their pools; the person is kept aside for the grace period, then erased.
  for (const [id, old] of departed) {
    await pace();
    const left = schoolsOf(old);
    for (const uai of left) {
      await releaseDeparted(tx, actor, uai, id, at);
      changesAt(uai).left++;
    }
    await tx.setFavourites(entId, id, []);
    await tx.deletePerson(entId, id);
    await tx.putDeparture({ entId, personId: id, leftAt: now, uais: left, person: old });
    summary.left!++;
  }
  for (const [uai, id] of leftSchools) {
    await releaseDeparted(tx, actor, uai, id, at);
    await pace();
  }

  // ETABL allocations follow the new memberships and profiles.
  for (const [uai, ids] of affected) {
    const school = schools.get(uai);
    // One call per school: leavers free copies for joiners within the same plan, so the people are not split.
    if (school) await reconcilePeople(tx, actor, school, [...ids].sort(), at, pace);
  }

  // Allocation managers named by the RespAff file.
  const managers = new Map((await tx.listRespAff({ entId })).map((r) => [r.personId, r]));
  for (const [personId, r] of snap.respAff) {
    const old = managers.get(personId);
    await pace();
    // Key order differs between stores (the SQL mapper builds records in its own order): compare as JSON values.
    if (!old || !sameJson(old, r)) {
      await tx.putRespAff(r);
      summary.managersPut!++;
    }
  }
  for (const personId of managers.keys()) {
    if (!snap.respAff.has(personId)) {
      await tx.deleteRespAff(entId, personId);
      summary.managersRemoved!++;
    }
  }

  for (const [uai, c] of perSchool) {
    await audit(tx, actor, at, { uai, action: 'feed.apply', subjectType: 'directory', subjectId: runId, after: c });
  }
  await audit(tx, actor, at, {
    uai: '',
    action: 'feed.apply',
    subjectType: 'ent',
    subjectId: entId,
    after: { runId, ...summary },
  });
  return { summary, perSchool, newSchools };
}
