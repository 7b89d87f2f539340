import { primaryProfileAt, type Delegation, type School } from '@opengar/core';
import type { StoreOps } from '../store/types.js';
import { isManager } from './allocation-access.js';
import { GarServiceError, invalid } from '../kernel/errors.js';

/**
 * Delegates the manager role at a school to one of its staff (not a pupil, not already a manager or delegate).
 *
 * @throws {@link GarServiceError} `validation` (not staff of the school) or `conflict` (already holds the role).
 */
export async function grantDelegationIn(
  tx: StoreOps,
  school: School,
  delegateId: string,
  grantedBy: string,
  at: string,
): Promise<Delegation> {
  const person = await tx.getPerson(school.entId, delegateId);
  const profile = person && primaryProfileAt(person, school.uai);
  if (!person || profile === undefined) throw invalid('/delegateId', 'not_found', 'no such person at this school');
  if (profile === 'National_elv')
    throw invalid('/delegateId', 'not_staff', 'only staff of the school can be delegates, not pupils');
  if (await isManager(tx, person, school.uai))
    throw new GarServiceError('conflict', 'this person is already a manager of the school');
  const active = await tx.listDelegations({ uai: school.uai, delegateId });
  if (active.some((d) => d.revokedAt === undefined))
    throw new GarServiceError('conflict', 'this person is already a delegate');
  const delegation: Delegation = { uai: school.uai, delegateId, grantedBy, grantedAt: at };
  await tx.putDelegation(delegation);
  return delegation;
}

/**
 * Revokes an active delegation.
 *
 * @throws {@link GarServiceError} `not-found` when there is none.
 */
export async function revokeDelegationIn(tx: StoreOps, uai: string, delegateId: string, at: string): Promise<void> {
  if (!(await tx.revokeDelegation(uai, delegateId, at)))
    throw new GarServiceError('not-found', 'no active delegation for this person');
}
