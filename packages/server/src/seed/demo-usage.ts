import { primaryProfileAt, statisticsPseudonym } from '@opengar/core';
import type { HandoffEvent } from '../store/types.js';
import type { DemoDataSet } from './demo-data-set.js';
import { createPrng } from './prng.js';

/** Options of {@link demoUsageEvents}. */
export interface DemoUsageOptions {
  /** The deployment's statistics-pseudonym secret: events carry only the pseudonym it gives. */
  statisticsSecret: string | Uint8Array;
  /** Seed of the generator (default: `opengar-demo`). */
  seed?: string | number;
}

/**
 * Hand-off events for the demo's statistics: every opened copy is opened first at its `firstOpenedAt`, then again now
 * and then until the reference date (or the end of the subscription), and some pupils without a copy are refused.
 * People appear only under their statistics pseudonym.
 *
 * @example
 * ```ts
 * const events = demoUsageEvents(demoDataSet(), { statisticsSecret });
 * ```
 */
export function demoUsageEvents(data: DemoDataSet, options: DemoUsageOptions): HandoffEvent[] {
  const rng = createPrng(`${options.seed ?? 'opengar-demo'}:usage`);
  const ref = Date.parse(data.referenceDate);
  const people = new Map(data.people.map((p) => [p.id, p]));
  const subs = new Map(data.subscriptions.map((s) => [s.id, s]));
  const resources = new Map(data.resources.map((r) => [r.id, r]));
  const divisions = new Set(data.groups.filter((g) => g.status === 'DIVISION').map((g) => `${g.uai}|${g.code}`));
  const divisionsOf = (uai: string, personId: string): string[] =>
    data.memberships
      .filter((m) => m.uai === uai && m.personId === personId && divisions.has(`${uai}|${m.groupCode}`))
      .map((m) => m.groupCode);
  const events: HandoffEvent[] = [];
  const push = (
    at: number,
    uai: string,
    personId: string,
    resourceId: string,
    outcome: HandoffEvent['outcome'],
    reason?: string,
  ): void => {
    const person = people.get(personId)!;
    events.push({
      id: `demo-event-${String(events.length + 1).padStart(6, '0')}`,
      at: new Date(at).toISOString(),
      uai,
      resourceId,
      statsPseudonym: statisticsPseudonym(options.statisticsSecret, person.entId, personId),
      profile: primaryProfileAt(person, uai) ?? 'National_elv',
      divisionCodes: divisionsOf(uai, personId),
      outcome,
      ...(reason ? { reason } : {}),
      protocol: resources.get(resourceId)?.protocol ?? 'jwt',
    });
  };
  for (const copy of data.copies) {
    if (!copy.firstOpenedAt) continue;
    const sub = subs.get(copy.subscriptionId)!;
    const first = Date.parse(copy.firstOpenedAt);
    const end = Math.min(ref, Date.parse(sub.validUntil));
    push(first, copy.uai, copy.personId, sub.resourceId, 'success');
    for (let n = rng.int(0, 6); n > 0 && end > first; n--)
      push(first + Math.floor(rng.next() * (end - first)), copy.uai, copy.personId, sub.resourceId, 'success');
  }
  const holders = new Set(data.copies.map((c) => `${c.subscriptionId}|${c.personId}`));
  for (const sub of data.subscriptions.filter((s) => s.type === 'INDIV')) {
    const candidates = data.people.filter(
      (p) => primaryProfileAt(p, sub.uai) === 'National_elv' && !holders.has(`${sub.id}|${p.id}`),
    );
    for (let n = 0; n < 3 && candidates.length; n++) {
      const from = Math.max(Date.parse(sub.validFrom), ref - 60 * 86_400_000);
      push(
        from + Math.floor(rng.next() * Math.max(0, ref - from)),
        sub.uai,
        rng.pick(candidates).id,
        sub.resourceId,
        'refused',
        'no_copy',
      );
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
