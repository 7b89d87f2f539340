import type { Allocation, LicenceCopy, Subscription } from '../model/entities.js';
import { AUDIENCES, type Audience } from '../model/profiles.js';
import {
  checkAllocation,
  checkWithdrawal,
  licenceUsage,
  planMembershipChange,
  poolFor,
  type AllocationRefusal,
  type Candidate,
  type MembershipPlan,
  type PoolKey,
} from './licences.js';
import { targetCovers, type PersonFacts } from './targets.js';

/** What an allocation would do for one audience of the people its targets cover. */
export interface AudiencePreview {
  audience: Audience;
  /** People of this audience the targets cover. */
  people: number;
  /** Of them, those who already hold a copy (not charged again). */
  alreadyHolding: number;
  /** New copies the allocation takes for this audience (0 when the subscription does not cover it). */
  takes: number;
  /** Whether the subscription covers the audience; uncovered people are left out. */
  covered: boolean;
  /** The pool the audience draws from, when covered. */
  pool?: PoolKey;
  /** Copies left in that pool now. */
  remainingBefore?: number | 'ILLIMITE';
  /** Copies left in that pool after the allocation, over every audience sharing it (negative: it does not fit). */
  remainingAfter?: number | 'ILLIMITE';
}

/**
 * Per audience of the people some targets cover: how many there are, how many already hold a copy, what the
 * allocation takes and what it leaves in the pool.
 *
 * @example
 * ```ts
 * previewByAudience(sub, copies, candidates); // [{ audience: 'ELEVE', people: 28, alreadyHolding: 0, takes: 28, covered: true, pool: 'ELEVE', remainingBefore: 40, remainingAfter: 12 }]
 * ```
 */
export function previewByAudience(
  sub: Pick<Subscription, 'licences' | 'audiences'>,
  copies: readonly Pick<LicenceCopy, 'audience' | 'personId'>[],
  candidates: readonly Candidate[],
): AudiencePreview[] {
  const holders = new Set(copies.map((c) => c.personId));
  const seen = new Set<string>();
  const per = new Map<Audience, { people: number; alreadyHolding: number }>();
  for (const c of candidates) {
    if (!c.audience || seen.has(c.personId)) continue;
    seen.add(c.personId);
    const row = per.get(c.audience) ?? { people: 0, alreadyHolding: 0 };
    row.people++;
    if (holders.has(c.personId)) row.alreadyHolding++;
    per.set(c.audience, row);
  }
  const usage = new Map(licenceUsage(sub, copies).map((u) => [u.pool, u.remaining]));
  const taken = new Map<PoolKey, number>();
  for (const [audience, row] of per) {
    const pool = poolFor(sub, audience);
    if (pool) taken.set(pool, (taken.get(pool) ?? 0) + row.people - row.alreadyHolding);
  }
  return AUDIENCES.filter((a) => per.has(a)).map((audience) => {
    const row = per.get(audience)!;
    const pool = poolFor(sub, audience);
    if (!pool) return { audience, ...row, takes: 0, covered: false };
    const before = usage.get(pool) ?? 0;
    const after = before === 'ILLIMITE' ? 'ILLIMITE' : before - (taken.get(pool) ?? 0);
    return {
      audience,
      ...row,
      takes: row.people - row.alreadyHolding,
      covered: true,
      pool,
      remainingBefore: before,
      remainingAfter: after,
    };
  });
}

/** A way out of a refused allocation, for the manager. */
export type RefusalAdvice =
  /** Give only this audience of the targets (the pupils, say): it fits, taking `takes` copies. */
  | { kind: 'only-audience'; audience: Audience; takes: number }
  /** Give only these targets (their indexes in the request): they fit together. */
  | { kind: 'fewer-targets'; targetIndexes: number[] }
  /** Withdraw the copies of people who left their allocation's target: `count` of that pool can be freed. */
  | { kind: 'free-copies'; pool: PoolKey; count: number; enough: boolean }
  /** Withdraw `count` copies of the pool before allocating again (over-allocated). */
  | { kind: 'withdraw'; pool: PoolKey; count: number };

/**
 * The ways out of an allocation refused for its licences: give only one audience (pupils first), give fewer targets,
 * free the copies of leavers (`freeable`: copies whose holder left the target that gave them), or withdraw copies of
 * an over-allocated pool. Empty when none applies (or the refusal is of another kind).
 *
 * @example
 * ```ts
 * const fit = checkAllocation(sub, copies, expanded.flat(), { mode: 'skip-uncovered' });
 * if (!fit.ok) adviseRefusal(sub, copies, expanded, fit); // [{ kind: 'only-audience', audience: 'ELEVE', takes: 28 }]
 * ```
 */
export function adviseRefusal(
  sub: Pick<Subscription, 'licences' | 'audiences' | 'category'>,
  copies: readonly Pick<LicenceCopy, 'audience' | 'personId'>[],
  expanded: readonly (readonly Candidate[])[],
  refusal: AllocationRefusal,
  freeable: readonly Pick<LicenceCopy, 'audience' | 'personId' | 'firstOpenedAt'>[] = [],
): RefusalAdvice[] {
  const out: RefusalAdvice[] = [];
  const fits = (candidates: readonly Candidate[]) =>
    checkAllocation(sub, copies, candidates, { mode: 'skip-uncovered' });
  const free = (pool: PoolKey, missing: number) => {
    const count = freeable.filter((c) => poolFor(sub, c.audience) === pool && checkWithdrawal(sub, c).ok).length;
    if (count > 0) out.push({ kind: 'free-copies', pool, count, enough: count >= missing });
  };
  if (refusal.reason === 'over_allocated') {
    out.push({ kind: 'withdraw', pool: refusal.pool, count: refusal.used - refusal.licences });
    free(refusal.pool, refusal.used - refusal.licences);
    return out;
  }
  if (refusal.reason !== 'insufficient_licences') return out;
  const all = expanded.flat();
  const audiences = AUDIENCES.filter((a) => sub.audiences.includes(a) && all.some((c) => c.audience === a));
  if (audiences.length > 1) {
    for (const audience of audiences) {
      const fit = fits(all.filter((c) => c.audience === audience));
      if (fit.ok && fit.grant.length > 0) {
        out.push({ kind: 'only-audience', audience, takes: fit.grant.length });
        break;
      }
    }
  }
  if (expanded.length > 1) {
    const kept: number[] = [];
    let chosen: Candidate[] = [];
    for (const [i, candidates] of expanded.entries()) {
      const fit = fits([...chosen, ...candidates]);
      if (fit.ok) {
        kept.push(i);
        chosen = [...chosen, ...candidates];
      }
    }
    if (kept.length > 0) out.push({ kind: 'fewer-targets', targetIndexes: kept });
  }
  free(refusal.pool, refusal.requested - refusal.remaining);
  return out;
}

/** What {@link followMembership} decides: the membership plan, and which allocation each new copy comes from. */
export interface FollowPlan extends MembershipPlan {
  /** The allocation that gives each granted or beyond-pool person their copy. */
  allocationOf: Map<string, string>;
}

/**
 * How a subscription's ETABL allocations follow the directory for some people: a person an allocation's target now
 * covers (population, division, level, subject…) gets a copy while the pool lasts; a person no target covers any more
 * gives back a copy that a following allocation (not a person's) gave, by {@link planMembershipChange}.
 *
 * @example
 * ```ts
 * const plan = followMembership(sub, allocations, copies, [personFacts(directory).get('e1')!]);
 * plan.grant; plan.release;
 * ```
 */
export function followMembership(
  sub: Pick<Subscription, 'licences' | 'audiences' | 'category' | 'type'>,
  allocations: readonly Pick<Allocation, 'id' | 'target'>[],
  copies: readonly Pick<LicenceCopy, 'audience' | 'personId' | 'firstOpenedAt' | 'allocationId'>[],
  people: readonly PersonFacts[],
): FollowPlan {
  const following = new Set(allocations.filter((a) => a.target.kind !== 'person').map((a) => a.id));
  const held = new Map(copies.map((c) => [c.personId, c]));
  const joiners: Candidate[] = [];
  const leavers: string[] = [];
  const allocationOf = new Map<string, string>();
  for (const p of people) {
    const covering = allocations.filter((a) => targetCovers(a.target, p));
    const copy = held.get(p.personId);
    if (covering.length > 0 && !copy && p.audience !== undefined) {
      joiners.push({ personId: p.personId, audience: p.audience });
      allocationOf.set(p.personId, covering[0]!.id);
    } else if (covering.length === 0 && copy && following.has(copy.allocationId)) leavers.push(p.personId);
  }
  return { ...planMembershipChange(sub, copies, joiners, leavers), allocationOf };
}
