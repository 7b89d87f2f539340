import {
  adviseRefusal,
  audienceAt,
  checkAllocation,
  checkWithdrawal,
  expandTarget,
  mefStat4Of,
  normalizeTarget,
  targetKey,
  type AllocationTarget,
  type Candidate,
  type LicenceCopy,
  type School,
} from '@opengar/core';
import type { StoredAllocation, StoredSubscription, StoreOps } from '../store/types.js';
import { AllocationRuleError, refusalError } from './allocation-rule-error.js';
import { randomId } from '../kernel/crypto.js';
import { GarServiceError, invalid } from '../kernel/errors.js';

/**
 * Locks a subscription of a school for an allocation change: it must exist, belong to the school and not be deleted.
 * Every change of its copies happens under this lock, so that concurrent changes are counted exactly.
 */
export async function lockSchoolSubscription(tx: StoreOps, uai: string, id: string): Promise<StoredSubscription> {
  return schoolSubscription(await tx.lockSubscription(id), uai);
}

/** A subscription read for a school's change: refused as not found unless it exists, is the school's and is not deleted. */
export function schoolSubscription(sub: StoredSubscription | undefined, uai: string): StoredSubscription {
  if (!sub || sub.uai !== uai || sub.deletedAt !== undefined)
    throw new GarServiceError('not-found', 'no such subscription at this school');
  return sub;
}

/**
 * Reads a subscription of a school without locking it, with the same refusal as {@link lockSchoolSubscription}: for
 * checks made before the lock, so that a request for a missing subscription fails as it did under the lock.
 */
export async function findSchoolSubscription(
  store: Pick<StoreOps, 'getSubscription'>,
  uai: string,
  id: string,
): Promise<StoredSubscription> {
  return schoolSubscription(await store.getSubscription(id), uai);
}

/**
 * The people each target covers at the school, with their audience there; checks that divisions and groups exist and
 * that named people are at the school.
 */
export async function expandTargets(
  tx: StoreOps,
  school: School,
  targets: readonly AllocationTarget[],
): Promise<Candidate[][]> {
  const out: Candidate[][] = [];
  for (const [i, target] of targets.entries()) {
    if (target.kind === 'person') {
      const p = await tx.getPerson(school.entId, target.personId);
      const audience = p && audienceAt(p, school.uai);
      if (!audience) throw invalid(`/targets/${i}/personId`, 'not_found', 'no such person at this school');
      out.push([{ personId: target.personId, audience }]);
      continue;
    }
    if (target.kind === 'division' || target.kind === 'group') {
      const group = await tx.getGroup(school.uai, target.code);
      if (!group || group.status !== (target.kind === 'division' ? 'DIVISION' : 'GROUPE')) {
        throw invalid(`/targets/${i}/code`, 'not_found', `no such ${target.kind} at this school`);
      }
      const memberships = await tx.listMemberships({ uai: school.uai, groupCode: target.code });
      // One read for the members, whatever the group's size (round trips are budgeted: docs/architecture.md).
      const members = await tx.getPeople(
        school.entId,
        memberships.map((m) => m.personId),
      );
      out.push(expandTarget(target, { uai: school.uai, people: members, memberships }));
      continue;
    }
    if (target.kind === 'level') {
      const mefs = await tx.listMefs(school.uai);
      if (!mefs.some((m) => mefStat4Of(m) === target.mefStat4))
        throw invalid(`/targets/${i}/mefStat4`, 'not_found', 'no class at this level at this school');
      const pupils = await tx.listPeople({ uai: school.uai, audience: 'ELEVE' });
      out.push(expandTarget(target, { uai: school.uai, people: pupils, memberships: [], mefs }));
      continue;
    }
    if (target.kind === 'subjectTeachers') {
      const found = new Set((await tx.getGroups(school.uai, target.divisions)).map((g) => g.code));
      for (const [j, code] of target.divisions.entries()) {
        if (!found.has(code))
          throw invalid(`/targets/${i}/divisions/${j}`, 'not_found', 'no such division or group at this school');
      }
      const teachings = (await tx.listTeachings({ uai: school.uai, subject: target.subject })).filter((t) =>
        target.divisions.includes(t.groupCode),
      );
      const teachers = await tx.getPeople(
        school.entId,
        teachings.map((t) => t.personId),
      );
      out.push(expandTarget(target, { uai: school.uai, people: teachers, memberships: [], teachings }));
      continue;
    }
    const members = await tx.listPeople({ uai: school.uai, audience: target.audience });
    out.push(expandTarget(target, { uai: school.uai, people: members, memberships: [] }));
  }
  return out;
}

/** What a grant did. */
export interface GrantOutcome {
  allocations: StoredAllocation[];
  /** Ids of the allocations this grant created (the others were reused). */
  created: string[];
  granted: LicenceCopy[];
  alreadyHolding: string[];
}

/**
 * Gives a locked subscription to targets, all or nothing: a person already holding a copy is not charged twice; a
 * target named explicitly must be covered by the subscription; a group's uncovered members (its teachers, say) are
 * left out. An active allocation to the same target is reused rather than doubled. `expandedBefore` is the targets'
 * {@link expandTargets} read before the lock was taken, to keep the locked part short.
 *
 * @throws {@link AllocationRuleError} `insufficient-licences` or `over-allocated`; a `validation` error for targets.
 */
export async function grant(
  tx: StoreOps,
  sub: StoredSubscription,
  school: School,
  targets: readonly AllocationTarget[],
  by: string,
  at: string,
  expandedBefore?: Candidate[][],
): Promise<GrantOutcome> {
  const expanded = expandedBefore ?? (await expandTargets(tx, school, targets));
  checkTargetAudiences(sub, targets, expanded);
  const copies = await tx.listCopies({ subscriptionId: sub.id });
  // One target (a request of the console) looks up its own allocation rather than reading every one of the
  // subscription under the lock.
  const active =
    targets.length === 1
      ? await tx.listAllocations({ subscriptionId: sub.id, target: targets[0]! })
      : await tx.listAllocations({ subscriptionId: sub.id });
  const out = planGrant({
    sub,
    school,
    targets,
    expanded,
    copies,
    active: new Map(active.map((a) => [targetKey(a.target), a])),
    by,
    at,
  });
  for (const a of out.allocations) if (out.created.includes(a.id)) await tx.insertAllocation(a);
  if (out.granted.length > 0) await tx.insertCopies(out.granted);
  return out;
}

/** Refuses a person named explicitly whom the subscription does not cover. */
function checkTargetAudiences(
  sub: StoredSubscription,
  targets: readonly AllocationTarget[],
  expanded: readonly Candidate[][],
): void {
  for (const [i, t] of targets.entries()) {
    const only = expanded[i]!;
    if (t.kind === 'person' && !sub.audiences.includes(only[0]!.audience!)) {
      throw invalid(
        `/targets/${i}/personId`,
        'audience_not_covered',
        `the subscription does not cover ${only[0]!.audience}`,
      );
    }
  }
}

/** What {@link planGrant} decides from. */
export interface GrantPlanInput {
  sub: StoredSubscription;
  school: School;
  targets: readonly AllocationTarget[];
  /** The people each target covers ({@link expandTargets}). */
  expanded: readonly Candidate[][];
  /** The subscription's copies now. */
  copies: readonly LicenceCopy[];
  /** The subscription's active allocations by {@link targetKey} (at least those of `targets`). */
  active: ReadonlyMap<string, StoredAllocation>;
  by: string;
  at: string;
}

/**
 * The rules of {@link grant} without the store: what a grant would create and give, decided from the copies and
 * allocations read under the lock. Writes nothing and changes none of its inputs, so that a caller deciding several
 * requests in turn (the allocation batcher) applies only the ones that fit.
 *
 * @throws {@link AllocationRuleError} `insufficient-licences` or `over-allocated`; a `validation` error for targets.
 */
export function planGrant(input: GrantPlanInput): GrantOutcome {
  const { sub, school, targets, expanded, copies, by, at } = input;
  checkTargetAudiences(sub, targets, expanded);
  const fit = checkAllocation(sub, [...copies], expanded.flat(), { mode: 'skip-uncovered' });
  if (!fit.ok) throw refusalError(fit, adviseRefusal(sub, copies, expanded, fit));
  const byKey = new Map(input.active);
  const allocations: StoredAllocation[] = [];
  const allocationOf = new Map<string, string>();
  const created: string[] = [];
  for (const [i, target] of targets.entries()) {
    let allocation = byKey.get(targetKey(target));
    if (!allocation) {
      allocation = {
        id: randomId(),
        subscriptionId: sub.id,
        uai: school.uai,
        target: normalizeTarget(target),
        createdAt: at,
        createdBy: by,
      };
      created.push(allocation.id);
      byKey.set(targetKey(target), allocation);
    }
    if (!allocations.includes(allocation)) allocations.push(allocation);
    for (const c of expanded[i]!) if (!allocationOf.has(c.personId)) allocationOf.set(c.personId, allocation.id);
  }
  const granted: LicenceCopy[] = fit.grant.map((g) => ({
    subscriptionId: sub.id,
    uai: school.uai,
    personId: g.personId,
    audience: g.audience,
    allocationId: allocationOf.get(g.personId)!,
    assignedAt: at,
  }));
  return { allocations, created, granted, alreadyHolding: fit.alreadyHolding };
}

/**
 * Withdraws some people's copies of a locked subscription, all or nothing: each must hold one, and a non-transferable
 * copy its holder already opened cannot be withdrawn.
 *
 * @throws {@link AllocationRuleError} `not-withdrawable`; `validation` when someone holds no copy.
 */
export async function release(
  tx: StoreOps,
  sub: StoredSubscription,
  personIds: readonly string[],
): Promise<LicenceCopy[]> {
  const copies = new Map((await tx.listCopies({ subscriptionId: sub.id })).map((c) => [c.personId, c]));
  const out: LicenceCopy[] = [];
  for (const [i, personId] of [...new Set(personIds)].entries()) {
    const copy = copies.get(personId);
    if (!copy) throw invalid(`/personIds/${i}`, 'not_found', 'this person holds no copy of the subscription');
    const ok = checkWithdrawal(sub, copy);
    if (!ok.ok) {
      throw new AllocationRuleError(
        'not-withdrawable',
        'a non-transferable copy already opened stays with its holder until they leave the school',
        {
          personId,
          openedAt: ok.openedAt,
        },
      );
    }
    out.push(copy);
  }
  if (out.length > 0)
    await tx.deleteCopies(
      sub.id,
      out.map((c) => c.personId),
    );
  return out;
}

/**
 * Archives an allocation and gives back its copies, except non-transferable ones already opened (kept until their
 * holder leaves the school or the year is rolled over).
 */
export async function archive(tx: StoreOps, sub: StoredSubscription, allocation: StoredAllocation, at: string) {
  await tx.archiveAllocation(allocation.id, at);
  const mine = (await tx.listCopies({ subscriptionId: sub.id })).filter((c) => c.allocationId === allocation.id);
  const released = mine.filter((c) => checkWithdrawal(sub, c).ok);
  const kept = mine.filter((c) => !checkWithdrawal(sub, c).ok).map((c) => c.personId);
  if (released.length > 0)
    await tx.deleteCopies(
      sub.id,
      released.map((c) => c.personId),
    );
  return { released, kept };
}

/**
 * Puts copies back (an undo), all or nothing: the people must still be at the school and not hold a copy, and the
 * pools must hold them.
 */
export async function restore(
  tx: StoreOps,
  sub: StoredSubscription,
  school: School,
  copies: readonly LicenceCopy[],
): Promise<LicenceCopy[]> {
  const people = new Map(
    (
      await tx.getPeople(
        school.entId,
        copies.map((c) => c.personId),
      )
    ).map((p) => [p.id, p]),
  );
  const candidates: Candidate[] = [];
  for (const c of copies) {
    const p = people.get(c.personId);
    const audience = p && audienceAt(p, school.uai);
    if (audience) candidates.push({ personId: c.personId, audience });
  }
  const current = await tx.listCopies({ subscriptionId: sub.id });
  const fit = checkAllocation(sub, current, candidates, { mode: 'skip-uncovered' });
  if (!fit.ok) {
    if (fit.reason === 'empty_target') return [];
    throw refusalError(fit);
  }
  const byPerson = new Map(copies.map((c) => [c.personId, c]));
  const back = fit.grant.map((g) => ({ ...byPerson.get(g.personId)!, audience: g.audience }));
  if (back.length > 0) await tx.insertCopies(back);
  return back;
}
