import { personFacts, targetCovers, type LicenceCopy, type Mef, type PersonFacts, type School } from '@opengar/core';
import type { StoreOps } from '../store/types.js';

/**
 * What decides the targets of some people at a school (audience, divisions and groups, levels, teachings), read from
 * the store: one entry per id, with no audience for someone not (or no longer) at the school.
 *
 * @example
 * ```ts
 * const facts = await factsOf(tx, school, ['eleve-1']);
 * targetCovers({ kind: 'level', mefStat4: '1011' }, facts.get('eleve-1')!);
 * ```
 */
export async function factsOf(
  tx: Pick<StoreOps, 'getPerson' | 'listMemberships' | 'listTeachings' | 'listMefs'>,
  school: School,
  personIds: readonly string[],
  mefs?: readonly Mef[],
): Promise<Map<string, PersonFacts>> {
  const uai = school.uai;
  const table = mefs ?? (await tx.listMefs(uai));
  const out = new Map<string, PersonFacts>();
  for (const id of new Set(personIds)) {
    const p = await tx.getPerson(school.entId, id);
    const facts = personFacts({
      uai,
      people: p ? [p] : [],
      memberships: await tx.listMemberships({ uai, personId: id }),
      mefs: table,
      teachings: await tx.listTeachings({ uai, personId: id }),
    }).get(id);
    out.set(id, facts ?? { personId: id, audience: undefined, groups: new Set(), levels: new Set(), teachings: [] });
  }
  return out;
}

/**
 * The copies of a subscription whose holder left the target of the allocation that gave them (a pupil moved to
 * another class of an INDIV allocation, a person no longer at the school): what a manager can free to make room.
 * A person's own allocation is never a leaver's.
 *
 * @example
 * ```ts
 * const freeable = await leaversCopies(tx, school, sub.id, copies);
 * ```
 */
export async function leaversCopies(
  tx: Pick<StoreOps, 'listAllocations' | 'listPeople' | 'listMemberships' | 'listTeachings' | 'listMefs'>,
  school: School,
  subscriptionId: string,
  copies: readonly LicenceCopy[],
): Promise<LicenceCopy[]> {
  const uai = school.uai;
  const allocations = new Map((await tx.listAllocations({ subscriptionId })).map((a) => [a.id, a]));
  const facts = personFacts({
    uai,
    people: await tx.listPeople({ uai }),
    memberships: await tx.listMemberships({ uai }),
    mefs: await tx.listMefs(uai),
    teachings: await tx.listTeachings({ uai }),
  });
  return copies.filter((c) => {
    const a = allocations.get(c.allocationId);
    const f = facts.get(c.personId);
    if (!f?.audience) return true;
    return a !== undefined && a.target.kind !== 'person' && !targetCovers(a.target, f);
  });
}
