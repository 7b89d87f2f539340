// The authorization headers of the callers the route matrices try (allocation console, statistics): a person of ENT
// A or B by an ENT assertion, a publisher by its API key, the operator by its secret, or nobody.
import type { AllocationWorld } from './world.js';

/** Who calls: `anonymous`, a publisher (`publisherX`/`publisherY`), the `operator`, or a person of an ENT. */
export type CallerCredentials =
  | 'anonymous'
  | 'publisherX'
  | 'publisherY'
  | 'operator'
  | { sub: string; uai: string; ent?: 'A' | 'B' };

/** The headers `caller` sends (a fresh assertion each time for a person). */
export async function callerHeaders(w: AllocationWorld, caller: CallerCredentials): Promise<Record<string, string>> {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'publisherX':
      return { authorization: `Bearer ${w.apiKeyX}` };
    case 'publisherY':
      return { authorization: `Bearer ${w.apiKeyY}` };
    case 'operator':
      return { authorization: `Bearer ${w.operatorSecret}` };
  }
  const b = caller.ent === 'B';
  const assertion = await w.assertion(
    b ? { iss: 'ENTB', sub: caller.sub, uai: caller.uai } : { sub: caller.sub, uai: caller.uai },
    b ? w.keysB : w.keysA,
  );
  return { authorization: `Bearer ${assertion}` };
}
