import type { AllocationRefusal, RefusalAdvice } from '@opengar/core';
import type { ProblemExtension } from '../kernel/gar-server-error.js';
import { GarServiceError, invalid } from '../kernel/errors.js';

/** The problem codes of allocation rules, beyond the service's generic `conflict`. */
export type AllocationProblem = 'insufficient-licences' | 'over-allocated' | 'not-withdrawable';

/**
 * An allocation refused by a licence rule: a {@link GarServiceError} `conflict` that also names the rule's problem
 * code and its figures (`remaining`, `pool`…), which the routes write into the problem details.
 *
 * @example
 * ```ts
 * try { await service.allocation.allocate(manager, uai, body); }
 * catch (e) { if (e instanceof AllocationRuleError && e.problem === 'insufficient-licences') console.log(e.details.remaining); }
 * ```
 */
export class AllocationRuleError extends GarServiceError {
  /** The problem code the HTTP layer answers with. */
  declare readonly problem: AllocationProblem;
  /** Figures of the refusal (`remaining`, `requested`, `pool`, `personId`…), the problem's extension members. */
  readonly details: Readonly<Record<string, ProblemExtension>>;
  constructor(problem: AllocationProblem, message: string, details: Record<string, ProblemExtension>) {
    super('conflict', message, { problem, extensions: details });
    this.name = 'AllocationRuleError';
    this.details = details;
  }
}

/**
 * The error for a refusal of `checkAllocation`; a licence refusal carries its ways out (`advice`, from core's
 * `adviseRefusal`: give one audience only, fewer targets, free leavers' copies, withdraw) when the caller has them.
 */
export function refusalError(r: AllocationRefusal, advice: readonly RefusalAdvice[] = []): GarServiceError {
  const withAdvice: Record<string, ProblemExtension> =
    advice.length > 0 ? { advice: advice.map((a) => ({ ...a })) } : {};
  switch (r.reason) {
    case 'insufficient_licences':
      return new AllocationRuleError(
        'insufficient-licences',
        `${r.remaining} ${r.remaining === 1 ? 'copy remains' : 'copies remain'} in pool ${r.pool}; ${r.requested} requested`,
        { pool: r.pool, remaining: r.remaining, requested: r.requested, ...withAdvice },
      );
    case 'over_allocated':
      return new AllocationRuleError(
        'over-allocated',
        `pool ${r.pool} has ${r.used} copies in use for ${r.licences} licences: withdraw ${r.used - r.licences} before allocating`,
        { pool: r.pool, used: r.used, licences: r.licences, ...withAdvice },
      );
    case 'not_at_school':
      return invalid('/targets', 'not_found', `not at this school: ${r.personIds.slice(0, 5).join(', ')}`);
    case 'audience_not_covered':
      return invalid('/targets', 'audience_not_covered', `the subscription does not cover the audience ${r.audience}`);
    case 'empty_target':
      return invalid('/targets', 'empty', 'the targets cover nobody');
  }
}
