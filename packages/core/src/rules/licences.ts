import type { LicenceCopy, Subscription } from '../model/entities.js';
import type { LicenceCount } from '../model/primitives.js';
import type { Audience } from '../model/profiles.js';

/** A licence pool: the global one, or an audience's. */
export type PoolKey = 'GLOBAL' | Audience;

/** How many copies of a pool are in use and left. */
export interface PoolUsage {
  pool: PoolKey;
  licences: LicenceCount;
  used: number;
  /** `ILLIMITE` for an unlimited pool; may be negative when the publisher lowered the count (over-allocated). */
  remaining: number | 'ILLIMITE';
}

/**
 * The pool a person of an audience draws from, or `undefined` when the subscription does not cover that audience.
 *
 * @example
 * ```ts
 * poolFor(sub, 'ELEVE'); // 'GLOBAL' with nbLicenceGlobale, 'ELEVE' with the four counts
 * ```
 */
export function poolFor(sub: Pick<Subscription, 'licences' | 'audiences'>, audience: Audience): PoolKey | undefined {
  if (!sub.audiences.includes(audience)) return undefined;
  return sub.licences.kind === 'global' ? 'GLOBAL' : audience;
}

/** The licence count of a pool. */
export function poolLicences(sub: Pick<Subscription, 'licences'>, pool: PoolKey): LicenceCount {
  if (sub.licences.kind === 'global') return sub.licences.count;
  return pool === 'GLOBAL' ? 0 : sub.licences.counts[pool];
}

/** The pools of a subscription, in a stable order. */
export function poolsOf(sub: Pick<Subscription, 'licences' | 'audiences'>): PoolKey[] {
  return sub.licences.kind === 'global' ? ['GLOBAL'] : [...sub.audiences];
}

/**
 * Copies in use and left, per pool, given the subscription's active copies.
 *
 * @example
 * ```ts
 * licenceUsage(sub, copies); // [{ pool: 'GLOBAL', licences: 30, used: 28, remaining: 2 }]
 * ```
 */
export function licenceUsage(
  sub: Pick<Subscription, 'licences' | 'audiences'>,
  copies: readonly Pick<LicenceCopy, 'audience'>[],
): PoolUsage[] {
  const used = new Map<PoolKey, number>();
  for (const c of copies) {
    const pool = sub.licences.kind === 'global' ? 'GLOBAL' : c.audience;
    used.set(pool, (used.get(pool) ?? 0) + 1);
  }
  return poolsOf(sub).map((pool) => {
    const licences = poolLicences(sub, pool);
    const n = used.get(pool) ?? 0;
    return { pool, licences, used: n, remaining: licences === 'ILLIMITE' ? 'ILLIMITE' : licences - n };
  });
}

/**
 * Whether some pool has more copies in use than licences (after a publisher lowered a count).
 *
 * @example
 * ```ts
 * isOverAllocated(sub, copies); // true when used > licences in any pool
 * ```
 */
export function isOverAllocated(
  sub: Pick<Subscription, 'licences' | 'audiences'>,
  copies: readonly Pick<LicenceCopy, 'audience'>[],
): boolean {
  return licenceUsage(sub, copies).some((u) => u.remaining !== 'ILLIMITE' && u.remaining < 0);
}

/** A person an allocation would give a copy to. */
export interface Candidate {
  personId: string;
  /** The person's audience at the subscription's school; `undefined` when they have no profile there. */
  audience: Audience | undefined;
}

/** Why an allocation does not fit. */
export type AllocationRefusal =
  | { ok: false; reason: 'not_at_school'; personIds: string[] }
  | { ok: false; reason: 'audience_not_covered'; audience: Audience; personIds: string[] }
  | { ok: false; reason: 'over_allocated'; pool: PoolKey; used: number; licences: number }
  | { ok: false; reason: 'insufficient_licences'; pool: PoolKey; requested: number; remaining: number }
  | { ok: false; reason: 'empty_target' };

/** An allocation that fits: the copies to create, and who already held one. */
export interface AllocationFit {
  ok: true;
  /** New copies, one per person who did not hold one. */
  grant: { personId: string; audience: Audience }[];
  /** Candidates who already hold a copy: not charged twice. */
  alreadyHolding: string[];
  /** Copies consumed per pool by this allocation. */
  consumption: { pool: PoolKey; count: number }[];
}

/** Options of {@link checkAllocation}. */
export interface CheckAllocationOptions {
  /**
   * `strict` (default): every candidate must be covered, or nothing is granted.
   * `skip-uncovered`: people whose audience the subscription does not cover are left out (an allocation to a division
   * that also lists its teachers, say), but the pools must still hold everyone else.
   */
  mode?: 'strict' | 'skip-uncovered';
}

/** Step 1's answer: the candidates sorted, each once, in the order given. */
interface SortedCandidates {
  grant: AllocationFit['grant'];
  alreadyHolding: string[];
  notAtSchool: string[];
  uncovered: Map<Audience, string[]>;
}

/** Step 1, sort: each candidate once, as not at the school, not covered, already holding, or to be granted. */
function sortCandidates(
  sub: Pick<Subscription, 'audiences'>,
  copies: readonly Pick<LicenceCopy, 'personId'>[],
  candidates: readonly Candidate[],
): SortedCandidates {
  const holders = new Set(copies.map((c) => c.personId));
  const seen = new Set<string>();
  const sorted: SortedCandidates = { grant: [], alreadyHolding: [], notAtSchool: [], uncovered: new Map() };
  for (const c of candidates) {
    if (seen.has(c.personId)) continue;
    seen.add(c.personId);
    if (!c.audience) {
      sorted.notAtSchool.push(c.personId);
      continue;
    }
    if (!sub.audiences.includes(c.audience)) {
      const list = sorted.uncovered.get(c.audience) ?? [];
      list.push(c.personId);
      sorted.uncovered.set(c.audience, list);
      continue;
    }
    if (holders.has(c.personId)) sorted.alreadyHolding.push(c.personId);
    else sorted.grant.push({ personId: c.personId, audience: c.audience });
  }
  return sorted;
}

/** Step 2, refuse the target: someone not covered (strict mode), or nobody left to allocate to. */
function targetRefusal(
  sorted: SortedCandidates,
  mode: NonNullable<CheckAllocationOptions['mode']>,
): AllocationRefusal | undefined {
  const firstUncovered = (): AllocationRefusal => {
    const [audience, personIds] = [...sorted.uncovered][0]!;
    return { ok: false, reason: 'audience_not_covered', audience, personIds };
  };
  if (sorted.notAtSchool.length && mode === 'strict')
    return { ok: false, reason: 'not_at_school', personIds: sorted.notAtSchool };
  if (sorted.uncovered.size && mode === 'strict') return firstUncovered();
  if (sorted.grant.length === 0 && sorted.alreadyHolding.length === 0)
    return sorted.uncovered.size ? firstUncovered() : { ok: false, reason: 'empty_target' };
  return undefined;
}

/** Step 3, count: the new copies each pool would give. */
function requestedPerPool(
  sub: Pick<Subscription, 'licences' | 'audiences'>,
  grant: AllocationFit['grant'],
): Map<PoolKey, number> {
  const requested = new Map<PoolKey, number>();
  for (const g of grant) {
    const pool = poolFor(sub, g.audience)!;
    requested.set(pool, (requested.get(pool) ?? 0) + 1);
  }
  return requested;
}

/** Step 4, fit the pools: none over-allocated already, and every finite one holding what it is asked for. */
function poolRefusal(
  sub: Pick<Subscription, 'licences' | 'audiences'>,
  copies: readonly Pick<LicenceCopy, 'audience'>[],
  requested: ReadonlyMap<PoolKey, number>,
): AllocationRefusal | undefined {
  const usage = licenceUsage(sub, copies);
  for (const u of usage) {
    if (u.remaining === 'ILLIMITE') continue;
    const licences = u.licences as number;
    if (u.used > licences) return { ok: false, reason: 'over_allocated', pool: u.pool, used: u.used, licences };
  }
  for (const u of usage) {
    const want = requested.get(u.pool) ?? 0;
    if (u.remaining === 'ILLIMITE' || want === 0) continue;
    if (want > u.remaining) {
      const remaining = Math.max(0, u.remaining);
      return { ok: false, reason: 'insufficient_licences', pool: u.pool, requested: want, remaining };
    }
  }
  return undefined;
}

/**
 * Says whether giving copies of a subscription to some people fits its licences, all or nothing, in four steps: sort
 * the candidates (people who already hold a copy are not charged again), refuse a target with someone uncovered or
 * nobody left, count the new copies per pool, and fit the pools (every finite pool must hold the new copies; an
 * over-allocated subscription takes no new copies).
 *
 * @example
 * ```ts
 * const fit = checkAllocation(sub, copies, [{ personId: 'e1', audience: 'ELEVE' }]);
 * if (!fit.ok && fit.reason === 'insufficient_licences') console.log(`${fit.remaining} left`);
 * ```
 */
export function checkAllocation(
  sub: Pick<Subscription, 'licences' | 'audiences'>,
  copies: readonly Pick<LicenceCopy, 'audience' | 'personId'>[],
  candidates: readonly Candidate[],
  options: CheckAllocationOptions = {},
): AllocationFit | AllocationRefusal {
  const sorted = sortCandidates(sub, copies, candidates);
  const refused = targetRefusal(sorted, options.mode ?? 'strict');
  if (refused) return refused;
  const requested = requestedPerPool(sub, sorted.grant);
  const overflow = poolRefusal(sub, copies, requested);
  if (overflow) return overflow;
  return {
    ok: true,
    grant: sorted.grant,
    alreadyHolding: sorted.alreadyHolding,
    consumption: [...requested].map(([pool, count]) => ({ pool, count })),
  };
}

/** Why a copy cannot be withdrawn. */
export type WithdrawalRefusal = { ok: false; reason: 'non_transferable_opened'; openedAt: string };

/**
 * Says whether a manager may withdraw a copy: always for a transferable subscription; for a non-transferable one, only
 * while its holder has never opened the resource.
 *
 * @example
 * ```ts
 * checkWithdrawal(sub, copy); // { ok: true } or { ok: false, reason: 'non_transferable_opened', openedAt }
 * ```
 */
export function checkWithdrawal(
  sub: Pick<Subscription, 'category'>,
  copy: Pick<LicenceCopy, 'firstOpenedAt'>,
): { ok: true } | WithdrawalRefusal {
  if (sub.category === 'non transferable' && copy.firstOpenedAt) {
    return { ok: false, reason: 'non_transferable_opened', openedAt: copy.firstOpenedAt };
  }
  return { ok: true };
}

/** What happens to an ETABL allocation's copies when its target's membership changes. */
export interface MembershipPlan {
  /** Newcomers who get a copy. */
  grant: { personId: string; audience: Audience }[];
  /** Newcomers beyond the pool: no access, reported to the managers. */
  beyondPool: { personId: string; audience: Audience; pool: PoolKey }[];
  /** Leavers whose copy comes back to the pool. */
  release: string[];
  /** Leavers whose non-transferable copy, already opened, stays consumed until they leave the school or rollover. */
  keep: string[];
}

/**
 * Plans how an ETABL allocation follows its target's membership: joiners get copies while the pool has some (in the
 * order given), the rest are reported beyond the pool (all of them while the subscription is over-allocated); leavers give their copies back unless non-transferable and
 * opened. INDIV allocations are snapshots and must not be passed here.
 *
 * @example
 * ```ts
 * planMembershipChange(sub, copies, [{ personId: 'new', audience: 'ELEVE' }], ['gone']);
 * ```
 */
export function planMembershipChange(
  sub: Pick<Subscription, 'licences' | 'audiences' | 'category' | 'type'>,
  copies: readonly Pick<LicenceCopy, 'audience' | 'personId' | 'firstOpenedAt'>[],
  joiners: readonly Candidate[],
  leavers: readonly string[],
): MembershipPlan {
  if (sub.type !== 'ETABL') throw new TypeError('only ETABL allocations follow membership');
  const plan: MembershipPlan = { grant: [], beyondPool: [], release: [], keep: [] };
  const byPerson = new Map(copies.map((c) => [c.personId, c]));
  const remaining = new Map<PoolKey, number>();
  const leaving = new Set(leavers);
  for (const personId of leaving) {
    const copy = byPerson.get(personId);
    if (!copy) continue;
    if (sub.category === 'non transferable' && copy.firstOpenedAt) plan.keep.push(personId);
    else plan.release.push(personId);
  }
  const released = new Set(plan.release);
  const active = copies.filter((c) => !released.has(c.personId));
  const usage = licenceUsage(sub, active);
  // An over-allocated subscription takes no new copies in any pool until enough are withdrawn (binding rule).
  const overAllocated = usage.some((u) => u.remaining !== 'ILLIMITE' && u.remaining < 0);
  for (const u of usage) remaining.set(u.pool, overAllocated ? 0 : u.remaining === 'ILLIMITE' ? Infinity : u.remaining);
  const planned = new Set<string>();
  for (const j of joiners) {
    if (!j.audience || byPerson.has(j.personId) || leaving.has(j.personId) || planned.has(j.personId)) continue;
    planned.add(j.personId);
    const pool = poolFor(sub, j.audience);
    if (!pool) continue;
    const left = remaining.get(pool) ?? 0;
    if (left > 0) {
      plan.grant.push({ personId: j.personId, audience: j.audience });
      remaining.set(pool, left - 1);
    } else {
      plan.beyondPool.push({ personId: j.personId, audience: j.audience, pool });
    }
  }
  return plan;
}
