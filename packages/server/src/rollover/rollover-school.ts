import {
  openingYear,
  previousSchoolYear,
  schoolYearEnd,
  schoolsOf,
  targetCovers as coversNow,
  type AllocationTarget,
  type LicenceCopy,
  type School,
} from '@opengar/core';
import { audit } from '../allocation/audit.js';
import { reconcilePeople } from '../directory/directory-reactions.js';
import type { Actor } from '../kernel/types.js';
import { factsOf } from '../allocation/target-facts.js';
import type { StoredAllocation, StoreOps } from '../store/types.js';

/** What a rollover of one school did (or would do, in a preview). */
export interface RolloverSummary {
  allocationsArchived: number;
  allocationsCarried: number;
  allocationsDropped: number;
  subscriptionsEnded: number;
  copiesReleased: number;
  indivCopiesFreed: number;
  nonTransferableReturned: number;
  copiesCarried: number;
  [key: string]: number;
}

async function targetCovers(
  tx: StoreOps,
  school: School,
  target: AllocationTarget,
  personId: string,
): Promise<boolean> {
  const facts = (await factsOf(tx, school, [personId])).get(personId)!;
  if (target.kind === 'person') return target.personId === personId && facts.audience !== undefined;
  return coversNow(target, facts);
}

async function targetExists(tx: StoreOps, school: School, target: AllocationTarget): Promise<boolean> {
  switch (target.kind) {
    case 'audience':
      return true;
    case 'person': {
      const p = await tx.getPerson(school.entId, target.personId);
      return p !== undefined && schoolsOf(p).includes(school.uai);
    }
    case 'division':
    case 'group': {
      const g = await tx.getGroup(school.uai, target.code);
      return g !== undefined && g.status === (target.kind === 'division' ? 'DIVISION' : 'GROUPE');
    }
    case 'level':
      // A level is the school's while one of its MEFs is at it.
      return (await tx.listMefs(school.uai)).some((m) => (m.mefStat4 ?? m.mefStat11?.slice(0, 4)) === target.mefStat4);
    case 'subjectTeachers': {
      for (const code of target.divisions) if (!(await tx.getGroup(school.uai, code))) return false;
      return true;
    }
  }
}

/**
 * Rolls one school over to the school year `year` (the one that opens), inside the caller's transaction, by the rules
 * of docs/feeds.md: every allocation of the closing year is archived and every copy released (INDIV copies of ending
 * subscriptions are freed, non-transferable copies come back to their pools); allocations of subscriptions still valid
 * in the new year are carried over when their target still exists (ETABL: copies given again to the target's current
 * members while the pool lasts; INDIV transferable: the former holders still covered keep a copy; INDIV
 * non-transferable: the allocation is carried, the copies wait for the manager).
 *
 * @example
 * ```ts
 * const summary = await store.transaction((tx) => rolloverSchool(tx, school, '2026-2027', { actor, at: clock.now() }));
 * ```
 */
export async function rolloverSchool(
  tx: StoreOps,
  school: School,
  year: string,
  options: { actor: Actor; at: Date },
): Promise<RolloverSummary> {
  const first = openingYear(year);
  if (first === undefined) throw new TypeError('year must be written 2026-2027');
  const closingEnd = Date.parse(schoolYearEnd(previousSchoolYear(year)));
  const now = options.at.toISOString();
  const s: RolloverSummary = {
    allocationsArchived: 0,
    allocationsCarried: 0,
    allocationsDropped: 0,
    subscriptionsEnded: 0,
    copiesReleased: 0,
    indivCopiesFreed: 0,
    nonTransferableReturned: 0,
    copiesCarried: 0,
  };
  const bySub = new Map<string, StoredAllocation[]>();
  for (const a of await tx.listAllocations({ uai: school.uai }))
    bySub.set(a.subscriptionId, [...(bySub.get(a.subscriptionId) ?? []), a]);
  let follow = false;
  const etabl: string[] = [];
  for (const subId of [...bySub.keys()].sort()) {
    const sub = await tx.lockSubscription(subId);
    const allocations = bySub.get(subId)!;
    const copies = await tx.listCopies({ subscriptionId: subId });
    const stillValid = sub !== undefined && sub.deletedAt === undefined && Date.parse(sub.validUntil) > closingEnd;
    if (copies.length > 0) {
      await tx.deleteCopies(
        subId,
        copies.map((c) => c.personId),
      );
      s.copiesReleased += copies.length;
      if (!stillValid && sub?.type === 'INDIV') s.indivCopiesFreed += copies.length;
      if (sub?.category === 'non transferable') s.nonTransferableReturned += copies.length;
    }
    for (const a of allocations) {
      await tx.archiveAllocation(a.id, now);
      s.allocationsArchived++;
    }
    if (!stillValid || !sub) {
      s.subscriptionsEnded++;
      continue;
    }
    const carried: LicenceCopy[] = [];
    for (const a of allocations) {
      if (!(await targetExists(tx, school, a.target))) {
        s.allocationsDropped++;
        continue;
      }
      const { archivedAt: _archived, ...rest } = a;
      const id = `${a.id}.${first}`;
      await tx.insertAllocation({ ...rest, id, createdAt: now, createdBy: 'system' });
      s.allocationsCarried++;
      if (sub.type === 'INDIV' && sub.category === 'transferable') {
        for (const c of copies) {
          if (c.allocationId !== a.id || !(await targetCovers(tx, school, a.target, c.personId))) continue;
          carried.push({
            subscriptionId: subId,
            uai: school.uai,
            personId: c.personId,
            audience: c.audience,
            allocationId: id,
            assignedAt: now,
          });
        }
      }
    }
    if (carried.length > 0) {
      await tx.insertCopies(carried);
      s.copiesCarried += carried.length;
    }
    if (sub.type === 'ETABL') {
      follow = true;
      etabl.push(subId);
    }
  }
  if (follow) {
    const people = (await tx.listPeople({ uai: school.uai })).filter((p) => p.entId === school.entId).map((p) => p.id);
    await reconcilePeople(tx, options.actor, school, people, options.at);
    for (const subId of etabl) s.copiesCarried += (await tx.listCopies({ subscriptionId: subId })).length;
  }
  await audit(tx, options.actor, options.at, {
    uai: school.uai,
    action: 'rollover',
    subjectType: 'school',
    subjectId: year,
    after: s,
  });
  await tx.putRollover({ uai: school.uai, year, at: now, summary: s });
  return s;
}
