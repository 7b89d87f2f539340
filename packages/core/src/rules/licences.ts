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

/**
 * Says whether giving copies of a subscription to some people fits its licences, all or nothing: people who already
 * hold a copy are not charged again; every finite pool must hold the new copies; an over-allocated subscription takes
 * no new copies.
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
  const mode = options.mode ?? 'strict';
  const holders = new Set(copies.map((c) => c.personId));
  const seen = new Set<string>();
  const grant: AllocationFit['grant'] = [];
  const alreadyHolding: string[] = [];
  const notAtSchool: string[] = [];
  const uncovered = new Map<Audience, string[]>();
  for (const c of candidates) {
    if (seen.has(c.personId)) continue;
    seen.add(c.personId);
    if (!c.audience) {
      notAtSchool.push(c.personId);
      continue;
    }
    if (!sub.audiences.includes(c.audience)) {
      const list = uncovered.get(c.audience) ?? [];
      list.push(c.personId);
      uncovered.set(c.audience, list);
      continue;
    }
    if (holders.has(c.personId)) alreadyHolding.push(c.personId);
    else grant.push({ personId: c.personId, audience: c.audience });
  }
  if (notAtSchool.length && mode === 'strict') return { ok: false, reason: 'not_at_school', personIds: notAtSchool };
  if (uncovered.size && mode === 'strict') {
    const [audience, personIds] = [...uncovered][0]!;
    return { ok: false, reason: 'audience_not_covered', audience, personIds };
  }
  if (grant.length === 0 && alreadyHolding.length === 0) {
    if (uncovered.size) {
      const [audience, personIds] = [...uncovered][0]!;
      return { ok: false, reason: 'audience_not_covered', audience, personIds };
    }
    return { ok: false, reason: 'empty_target' };
  }
  const usage = licenceUsage(sub, copies);
  const requested = new Map<PoolKey, number>();
  for (const g of grant) {
    const pool = poolFor(sub, g.audience)!;
    requested.set(pool, (requested.get(pool) ?? 0) + 1);
  }
  for (const u of usage) {
    if (u.remaining === 'ILLIMITE') continue;
    const licences = u.licences as number;
    if (u.used > licences) return { ok: false, reason: 'over_allocated', pool: u.pool, used: u.used, licences };
  }
  for (const u of usage) {
    const want = requested.get(u.pool) ?? 0;
    if (u.remaining === 'ILLIMITE' || want === 0) continue;
    if (want > u.remaining) {
      return {
        ok: false,
        reason: 'insufficient_licences',
        pool: u.pool,
        requested: want,
        remaining: Math.max(0, u.remaining),
      };
    }
  }
  return {
    ok: true,
    grant,
    alreadyHolding,
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
