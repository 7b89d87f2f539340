import {
  followMembership,
  schoolsOf,
  targetCovers,
  type LicenceCopy,
  type Person,
  type PersonFacts,
  type School,
} from '@opengar/core';
import type { StoredAllocation, StoreOps } from '../store/types.js';
import { audit } from '../allocation/audit.js';
import type { Actor } from '../kernel/types.js';
import { factsOf } from '../allocation/target-facts.js';

/**
 * Makes a school's ETABL allocations follow the directory for some people, inside the directory change's
 * transaction: people a division, group, level, subject-teacher or audience allocation now covers (in its population) get a copy while the pool lasts (the rest
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
  const holding = new Set<string>();
  const facts: PersonFacts[] = [];
  const mefs = await tx.listMefs(uai);
  for (const id of new Set(personIds)) {
    // A feed passes its pacer: thousands of people are read here, and PGlite reads on the event loop's thread.
    await pace?.();
    facts.push((await factsOf(tx, school, [id], mefs)).get(id)!);
    for (const c of await tx.listCopies({ uai, personId: id })) holding.add(c.subscriptionId);
  }
  for (const subId of [...bySub.keys()].sort()) {
    // Lock only the subscriptions these people matter to: covered by one of its allocations, or holding a copy.
    const relevant = holding.has(subId) || bySub.get(subId)!.some((a) => facts.some((f) => targetCovers(a.target, f)));
    if (!relevant || (await tx.getSubscription(subId))?.type !== 'ETABL') continue;
    const sub = await tx.lockSubscription(subId);
    if (!sub || sub.deletedAt !== undefined || sub.type !== 'ETABL') continue;
    const copies = await tx.listCopies({ subscriptionId: subId });
    const plan = followMembership(sub, bySub.get(subId)!, copies, facts);
    if (plan.grant.length + plan.release.length + plan.beyondPool.length + plan.keep.length === 0) continue;
    const allocationOf = plan.allocationOf;
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
