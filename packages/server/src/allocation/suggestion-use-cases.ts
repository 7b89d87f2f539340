import {
  acceptSuggestionsRequestSchema,
  type AcceptSuggestionsResult,
  type AllocationResult,
  type DashboardSuggestion,
} from '@opengar/core';
import { findSchoolSubscription } from './allocation-engine.js';
import { requireSchoolRole } from './allocation-access.js';
import { AllocationRuleError } from './allocation-rule-error.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import { suggestionDirectory, suggestionsFor } from './suggestions.js';
import type { Actor } from '../kernel/types.js';

/** The allocation use case "Tout accepter" goes through, so that each suggestion is an ordinary allocation. */
type Allocate = (actor: Actor, uai: string, input: unknown) => Promise<AllocationResult>;

/** Accepting the dashboard's suggestions. */
export function suggestionUseCases(ctx: ServiceContext, allocate: Allocate) {
  const { store, clock } = ctx;
  return {
    /**
     * Accepts every current suggestion of a school ("Tout accepter"), or those of one subscription: each is allocated
     * on its own, as the manager would (its own audit entry, undoable alone). The suggestions fit the pools together;
     * one refused since (the directory or the pools changed) is reported with its refusal and the others go on.
     *
     * @example
     * ```ts
     * const { items } = await service.allocation.acceptSuggestions(head, '0561641E', { subscriptionId: 'ABO-1' });
     * items.map((i) => i.auditId);
     * ```
     * @throws {@link GarServiceError} `forbidden`, `not-found` (no such subscription), `validation`.
     */
    async acceptSuggestions(actor: Actor, uai: string, input: unknown = {}): Promise<AcceptSuggestionsResult> {
      const req = validate(acceptSuggestionsRequestSchema, input, 'suggestions');
      await requireSchoolRole(store, actor, uai);
      const subs =
        req.subscriptionId !== undefined
          ? [await findSchoolSubscription(store, uai, req.subscriptionId)]
          : await store.listSubscriptions({ uai });
      const dir = await suggestionDirectory(store, uai);
      const now = clock.now();
      const chosen: DashboardSuggestion[] = [];
      for (const sub of subs) chosen.push(...(await suggestionsFor(store, sub, dir, now)));
      const items: AcceptSuggestionsResult['items'] = [];
      for (const s of chosen) {
        const item = {
          subscriptionId: s.subscriptionId,
          resourceId: s.resourceId,
          resourceLabel: s.resourceLabel,
          target: s.target,
          text: s.text,
        };
        try {
          const r = await allocate(actor, uai, { subscriptionId: s.subscriptionId, targets: [s.target] });
          items.push({ ...item, auditId: r.auditId, granted: r.granted.length });
        } catch (error) {
          if (error instanceof AllocationRuleError)
            items.push({ ...item, granted: 0, refusal: { code: error.problem, ...error.details } });
          else if (error instanceof GarServiceError && error.code === 'validation')
            items.push({ ...item, granted: 0, refusal: { code: 'validation' } });
          else throw error;
        }
      }
      return { items };
    },
  };
}
