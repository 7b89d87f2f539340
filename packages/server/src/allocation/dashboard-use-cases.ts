import {
  endsWithin,
  isOverAllocated,
  isSubscriptionValidAt,
  licenceUsage,
  personFacts,
  targetCovers,
  type Dashboard,
  type PersonFacts,
} from '@opengar/core';
import type { StoredAllocation, StoredSubscription } from '../store/types.js';
import { requireSchoolRole } from './allocation-access.js';
import type { ServiceContext } from '../kernel/context.js';
import type { Actor } from '../kernel/types.js';
import { suggestionDirectory, suggestionsFor } from './suggestions.js';

/**
 * Whom the managers ask for help: an option of the service shown on the dashboard.
 *
 * @example
 * ```ts
 * createGarService({ ...options, supportContact: { name: 'Assistance GAR', email: 'assistance@example.fr', url: 'https://support.example.fr' } });
 * ```
 */
export interface SupportContact {
  name: string;
  email?: string;
  /** A phone number as people dial it (`02 99 00 00 00`, `+33 2 99 00 00 00`). */
  phone?: string;
  url?: string;
}

const DAY = 86_400_000;
const ref = (s: StoredSubscription) => ({
  subscriptionId: s.id,
  resourceId: s.resourceId,
  resourceLabel: s.resourceLabel,
});

/** People an active ETABL allocation covers (in an audience the subscription covers) who hold no copy. */
function beyondPool(
  sub: StoredSubscription,
  allocations: readonly StoredAllocation[],
  holders: ReadonlySet<string>,
  facts: ReadonlyMap<string, PersonFacts>,
): string[] {
  if (sub.type !== 'ETABL') return [];
  const out = new Set<string>();
  for (const a of allocations) {
    if (a.target.kind === 'person') continue;
    for (const [id, f] of facts) {
      if (holders.has(id) || !f.audience || !sub.audiences.includes(f.audience)) continue;
      if (targetCovers(a.target, f)) out.add(id);
    }
  }
  return [...out].sort();
}

/** The allocation manager's dashboard. */
export function dashboardUseCases(ctx: ServiceContext, supportContact?: SupportContact) {
  const { store, clock } = ctx;

  return {
    /**
     * What a school's manager should look at: subscriptions delivered but not allocated, new ones (since the caller
     * last looked, or in the last 7 days), copies left, endings within 30 days, over-allocations, people beyond a
     * pool, suggestions, copies per audience, and the support contact. Reading it records the look.
     *
     * @example
     * ```ts
     * const d = await service.allocation.dashboard(head, '0561641E');
     * d.overAllocated.map((s) => s.subscriptionId);
     * ```
     */
    async getDashboard(actor: Actor, uai: string): Promise<Dashboard> {
      const { person } = await requireSchoolRole(store, actor, uai);
      const now = clock.now();
      const seenKey = `dashboard-seen:${uai}:${person.id}`;
      const lastSeen = await store.getSetting(seenKey);
      const since = Math.min(lastSeen ? Date.parse(lastSeen) : Infinity, now.getTime() - 7 * DAY);
      const subs = await store.listSubscriptions({ uai });
      const people = new Map((await store.listPeople({ uai })).map((p) => [p.id, p]));
      const memberships = await store.listMemberships({ uai });
      const facts = personFacts({
        uai,
        people: [...people.values()],
        memberships,
        mefs: await store.listMefs(uai),
        teachings: await store.listTeachings({ uai }),
      });
      let dir: Awaited<ReturnType<typeof suggestionDirectory>> | undefined;
      const d: Dashboard = {
        uai,
        at: now.toISOString(),
        notAllocated: [],
        newSubscriptions: [],
        remaining: [],
        endingSoon: [],
        overAllocated: [],
        beyondPool: [],
        suggestions: [],
        allocatedPerAudience: {},
        ...(supportContact ? { supportContact } : {}),
      };
      for (const s of subs) {
        const copies = await store.listCopies({ subscriptionId: s.id });
        for (const c of copies) d.allocatedPerAudience[c.audience] = (d.allocatedPerAudience[c.audience] ?? 0) + 1;
        if (s.automatic) continue;
        const allocations = await store.listAllocations({ subscriptionId: s.id });
        const usage = licenceUsage(s, copies);
        const valid = isSubscriptionValidAt(s, now);
        if (Date.parse(s.createdAt) >= since) d.newSubscriptions.push({ ...ref(s), createdAt: s.createdAt });
        if (endsWithin(s, now, 30)) d.endingSoon.push({ ...ref(s), validUntil: s.validUntil });
        if (isOverAllocated(s, copies)) d.overAllocated.push({ ...ref(s), usage });
        if (valid) d.remaining.push({ ...ref(s), usage });
        const beyond = beyondPool(s, allocations, new Set(copies.map((c) => c.personId)), facts);
        if (beyond.length > 0) d.beyondPool.push({ ...ref(s), personIds: beyond });
        if (!valid || allocations.length > 0) continue;
        d.notAllocated.push(ref(s));
        dir = dir ?? (await suggestionDirectory(store, uai));
        d.suggestions.push(...(await suggestionsFor(store, s, dir, now)));
      }
      await store.putSetting(seenKey, now.toISOString());
      return d;
    },
  };
}
