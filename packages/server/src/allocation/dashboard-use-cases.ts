import {
  audienceAt,
  endsWithin,
  isOverAllocated,
  isSubscriptionValidAt,
  licenceUsage,
  mefStat4ForLevels,
  mefStat4Of,
  type Dashboard,
  type Person,
} from '@opengar/core';
import type { StoredAllocation, StoredSubscription, StoreOps } from '../store/types.js';
import { requireSchoolRole } from './allocation-access.js';
import type { ServiceContext } from '../kernel/context.js';
import type { Actor } from '../kernel/types.js';

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

/** Division codes whose pupils are mostly (at least half) at one of the MEFSTAT4 codes. */
async function divisionsAtLevels(
  tx: StoreOps,
  uai: string,
  codes: ReadonlySet<string>,
  people: ReadonlyMap<string, Person>,
): Promise<string[]> {
  if (codes.size === 0) return [];
  const mefs = new Map((await tx.listMefs(uai)).map((m) => [m.code, mefStat4Of(m)]));
  const out: string[] = [];
  for (const g of await tx.listGroups(uai)) {
    if (g.status !== 'DIVISION') continue;
    const pupils = (await tx.listMemberships({ uai, groupCode: g.code }))
      .map((m) => people.get(m.personId))
      .filter((p): p is Person => p !== undefined && audienceAt(p, uai) === 'ELEVE');
    const at = pupils.filter((p) =>
      p.mefs.some((m) => m.uai === uai && codes.has(mefs.get(m.code) ?? m.code.slice(0, 4))),
    );
    if (pupils.length > 0 && at.length * 2 >= pupils.length) out.push(g.code);
  }
  return out;
}

/** People an active ETABL allocation covers (in an audience the subscription covers) who hold no copy. */
function beyondPool(
  sub: StoredSubscription,
  allocations: readonly StoredAllocation[],
  holders: ReadonlySet<string>,
  people: ReadonlyMap<string, Person>,
  groupsOf: ReadonlyMap<string, Set<string>>,
  uai: string,
): string[] {
  if (sub.type !== 'ETABL') return [];
  const out = new Set<string>();
  for (const a of allocations) {
    if (a.target.kind === 'person') continue;
    for (const [id, p] of people) {
      if (holders.has(id)) continue;
      const audience = audienceAt(p, uai);
      if (!audience || !sub.audiences.includes(audience)) continue;
      const t = a.target;
      const covered = t.kind === 'audience' ? t.audience === audience : (groupsOf.get(id)?.has(t.code) ?? false);
      if (covered) out.add(id);
    }
  }
  return [...out].sort();
}

/** One suggested allocation of the dashboard. */
export type Suggestion = Dashboard['suggestions'][number];

/**
 * The targets the dashboard suggests for a subscription (resource levels matched to divisions; librarians). The
 * dashboard lists them for subscriptions not yet allocated; the new-subscription e-mail says the same list in words.
 * `people` are the school's people when the caller already has them.
 *
 * @example
 * ```ts
 * const suggestions = await suggestionsFor(tx, '0561641E', sub);
 * ```
 */
export async function suggestionsFor(
  store: StoreOps,
  uai: string,
  s: StoredSubscription,
  people?: ReadonlyMap<string, Person>,
): Promise<Suggestion[]> {
  const out: Suggestion[] = [];
  if (s.audiences.includes('ELEVE')) {
    const resource = await store.getResource(s.resourceId);
    const everyone = people ?? new Map((await store.listPeople({ uai })).map((p) => [p.id, p]));
    const divisions = resource ? await divisionsAtLevels(store, uai, mefStat4ForLevels(resource.levels), everyone) : [];
    for (const code of divisions) out.push({ ...ref(s), target: { kind: 'division', code }, reason: 'level' });
  }
  if (s.audiences.includes('DOCUMENTALISTE'))
    out.push({ ...ref(s), target: { kind: 'audience', audience: 'DOCUMENTALISTE' }, reason: 'librarians' });
  return out;
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
      const groupsOf = new Map<string, Set<string>>();
      for (const m of await store.listMemberships({ uai }))
        groupsOf.set(m.personId, (groupsOf.get(m.personId) ?? new Set()).add(m.groupCode));
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
        const beyond = beyondPool(s, allocations, new Set(copies.map((c) => c.personId)), people, groupsOf, uai);
        if (beyond.length > 0) d.beyondPool.push({ ...ref(s), personIds: beyond });
        if (!valid || allocations.length > 0) continue;
        d.notAllocated.push(ref(s));
        d.suggestions.push(...(await suggestionsFor(store, uai, s, people)));
      }
      await store.putSetting(seenKey, now.toISOString());
      return d;
    },
  };
}
