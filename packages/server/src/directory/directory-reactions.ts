import {
  audienceAt,
  planMembershipChange,
  schoolsOf,
  type AllocationTarget,
  type Candidate,
  type LicenceCopy,
  type Person,
  type School,
} from '@opengar/core';
import type { StoredAllocation, StoreOps } from '../store/types.js';
import { audit } from '../allocation/audit.js';
import type { Actor } from '../kernel/types.js';

function covers(
  target: AllocationTarget,
  personId: string,
  audience: string | undefined,
  groups: ReadonlySet<string>,
): boolean {
  switch (target.kind) {
    case 'person':
      return target.personId === personId;
    case 'audience':
      return audience === target.audience;
    case 'division':
    case 'group':
      return groups.has(target.code);
  }
}

/**
 * Makes a school's ETABL allocations follow the directory for some people, inside the directory change's
 * transaction: people a division, group or audience allocation now covers get a copy while the pool lasts (the rest
 * are reported beyond the pool, in the audit trail and on the dashboard); people it no longer covers give their copy
 * back, unless non-transferable and opened. INDIV allocations are snapshots and are left alone.
 *
 * @example
 * ```ts
 * await reconcilePeople(tx, actor, school, ['eleve-1'], clock.now());
 * ```
 */
export async function reconcilePeople(
  tx: StoreOps,
  actor: Actor,
  school: School,
  personIds: readonly string[],
  at: Date,
  pace?: () => Promise<void>,
): Promise<void> {
  const uai = school.uai;
  const active = await tx.listAllocations({ uai });
  if (active.length === 0 || personIds.length === 0) return;
  const bySub = new Map<string, StoredAllocation[]>();
  for (const a of active) bySub.set(a.subscriptionId, [...(bySub.get(a.subscriptionId) ?? []), a]);
  const people = new Map<string, { audience: string | undefined; groups: Set<string> }>();
  const holding = new Set<string>();
  for (const id of new Set(personIds)) {
    // A feed passes its pacer: thousands of people are read here, and PGlite reads on the event loop's thread.
    await pace?.();
    const p = await tx.getPerson(school.entId, id);
    const groups = new Set((await tx.listMemberships({ uai, personId: id })).map((m) => m.groupCode));
    people.set(id, { audience: p && audienceAt(p, uai), groups });
    for (const c of await tx.listCopies({ uai, personId: id })) holding.add(c.subscriptionId);
  }
  for (const subId of [...bySub.keys()].sort()) {
    // Lock only the subscriptions these people matter to: covered by one of its allocations, or holding a copy.
    const relevant =
      holding.has(subId) ||
      bySub.get(subId)!.some((a) => [...people].some(([id, p]) => covers(a.target, id, p.audience, p.groups)));
    if (!relevant || (await tx.getSubscription(subId))?.type !== 'ETABL') continue;
    const sub = await tx.lockSubscription(subId);
    if (!sub || sub.deletedAt !== undefined || sub.type !== 'ETABL') continue;
    const allocations = bySub.get(subId)!;
    const following = new Set(allocations.filter((a) => a.target.kind !== 'person').map((a) => a.id));
    const copies = await tx.listCopies({ subscriptionId: subId });
    const held = new Map(copies.map((c) => [c.personId, c]));
    const joiners: Candidate[] = [];
    const leavers: string[] = [];
    const allocationOf = new Map<string, string>();
    for (const [personId, { audience, groups }] of people) {
      const covering = allocations.filter((a) => covers(a.target, personId, audience, groups));
      const copy = held.get(personId);
      if (covering.length > 0 && !copy && audience !== undefined) {
        joiners.push({ personId, audience: audience as Candidate['audience'] });
        allocationOf.set(personId, covering[0]!.id);
      } else if (covering.length === 0 && copy && following.has(copy.allocationId)) leavers.push(personId);
    }
    if (joiners.length === 0 && leavers.length === 0) continue;
    const plan = planMembershipChange(sub, copies, joiners, leavers);
    const when = at.toISOString();
    const granted: LicenceCopy[] = plan.grant.map((g) => ({
      subscriptionId: subId,
      uai,
      personId: g.personId,
      audience: g.audience,
      allocationId: allocationOf.get(g.personId)!,
      assignedAt: when,
    }));
    if (granted.length > 0) await tx.insertCopies(granted);
    if (plan.release.length > 0) await tx.deleteCopies(subId, plan.release);
    await audit(tx, actor, at, {
      uai,
      action: 'allocation.follow',
      subjectType: 'copy',
      subjectId: subId,
      after: {
        granted: granted.map((c) => c.personId),
        released: plan.release,
        kept: plan.keep,
        beyondPool: plan.beyondPool,
      },
    });
    if (plan.beyondPool.length > 0) {
      await audit(tx, actor, at, {
        uai,
        action: 'allocation.beyond-pool',
        subjectType: 'copy',
        subjectId: subId,
        after: { beyondPool: plan.beyondPool },
      });
    }
  }
}

/**
 * A person left a school (feed): every copy they held there comes back to its pool, opened non-transferable ones
 * included.
 *
 * @example
 * ```ts
 * await releaseDeparted(tx, actor, '0561641E', 'eleve-1', clock.now());
 * ```
 */
export async function releaseDeparted(
  tx: StoreOps,
  actor: Actor,
  uai: string,
  personId: string,
  at: Date,
): Promise<void> {
  const copies = await tx.listCopies({ uai, personId });
  if (copies.length === 0) return;
  for (const subId of [...new Set(copies.map((c) => c.subscriptionId))].sort()) {
    await tx.lockSubscription(subId);
    await tx.deleteCopies(subId, [personId]);
  }
  await audit(tx, actor, at, {
    uai,
    action: 'allocation.departure',
    subjectType: 'copy',
    subjectId: personId,
    before: { copies },
  });
}

/**
 * The engine's reaction to a person's creation or change: departures from schools they no longer belong to, and
 * ETABL allocations followed at the others.
 */
export async function reactToPerson(
  tx: StoreOps,
  actor: Actor,
  before: Person | undefined,
  after: Person | undefined,
  at: Date,
): Promise<void> {
  const now = new Set(after ? schoolsOf(after) : []);
  const person = after ?? before;
  if (!person) return;
  for (const uai of before ? schoolsOf(before) : [])
    if (!now.has(uai)) await releaseDeparted(tx, actor, uai, person.id, at);
  for (const uai of now) {
    const school = await tx.getSchool(uai);
    if (school) await reconcilePeople(tx, actor, school, [person.id], at);
  }
}

/** The engine's reaction to membership changes of some people at a school. */
export async function reactToMemberships(
  tx: StoreOps,
  actor: Actor,
  uai: string,
  personIds: readonly string[],
  at: Date,
): Promise<void> {
  const school = await tx.getSchool(uai);
  if (school) await reconcilePeople(tx, actor, school, personIds, at);
}
