// A school with usage: the allocation world at 15 November 2026, with hand-off events at S1 and S2 folded into the
// statistics counters.
import type { HandoffEvent } from '../../src/index.js';
import { runStatsAggregation } from '../../src/stats/stats-jobs.js';
import { pupil, R_DICO, R_MATHS, S1, S2 } from '../helpers/fixtures.js';
import { type AllocationWorld, buildWorld } from '../helpers/world.js';

export const NOW = new Date('2026-11-15T10:00:00Z');

let seq = 0;
/** A hand-off event (success unless told otherwise). */
export function event(o: Partial<HandoffEvent> & { person: string; at: string }): HandoffEvent {
  const { person, ...rest } = o;
  return {
    id: `ev-${++seq}`,
    uai: S1,
    resourceId: R_MATHS,
    statsPseudonym: `stat-${person}`,
    profile: 'National_elv',
    divisionCodes: ['6A'],
    outcome: 'success',
    protocol: 'jwt',
    ...rest,
  };
}

/**
 * S1: maths opened by 12 pupils in October (twice each) and 3 in November; the dictionary by 2 pupils in October;
 * 4 refusals `no_copy` on 5 November. S2: 6 accesses to the dictionary in October.
 */
export async function buildStatsWorld(): Promise<AllocationWorld> {
  const w = await buildWorld({ data: 'allocation', pupils: 12 });
  w.clock.current = new Date(NOW);
  const events: HandoffEvent[] = [];
  for (let i = 1; i <= 12; i++)
    for (const d of ['03', '17']) events.push(event({ person: pupil(i), at: `2026-10-${d}T09:00:00.000Z` }));
  for (let i = 1; i <= 3; i++) events.push(event({ person: pupil(i), at: '2026-11-04T09:00:00.000Z' }));
  for (let i = 1; i <= 2; i++)
    events.push(event({ person: pupil(i), resourceId: R_DICO, at: '2026-10-08T09:00:00.000Z' }));
  for (let i = 1; i <= 4; i++)
    events.push(event({ person: pupil(i), at: '2026-11-05T09:00:00.000Z', outcome: 'refused', reason: 'no_copy' }));
  for (let i = 1; i <= 6; i++)
    events.push(event({ person: `b${i}`, uai: S2, resourceId: R_DICO, at: '2026-10-09T09:00:00.000Z' }));
  for (const e of events) await w.store.appendHandoffEvent(e);
  await runStatsAggregation({ store: w.store, clock: w.clock, holder: 'test' });
  return w;
}

export { S1, S2 };
