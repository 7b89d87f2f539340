import type { StoreOps } from '../store/types.js';
import { GarServiceError } from './errors.js';
import type { Actor, EntUser } from './types.js';

/** Registry changes: the operator, or the service itself (CLI, seed). */
export function requireOperator(actor: Actor): void {
  if (actor.kind !== 'operator' && actor.kind !== 'system') throw new GarServiceError('forbidden', 'operator only');
}

/** The system's own name for an actor, as audit entries record it. */
export function actorName(actor: Actor): string {
  switch (actor.kind) {
    case 'system':
      return 'system';
    case 'operator':
      return `operator:${actor.operatorId}`;
    case 'ent-client':
      return `ent:${actor.entId}`;
    case 'ent-user':
      return actor.personId;
    case 'publisher':
      return `publisher:${actor.publisherId}`;
  }
}

/** Directory changes for an ENT: that ENT's back end, the operator, or the service itself (feed import). */
export function requireDirectoryWriter(actor: Actor, entId: string): void {
  if (actor.kind === 'system' || actor.kind === 'operator') return;
  if (actor.kind === 'ent-client' && actor.entId === entId) return;
  throw new GarServiceError('forbidden', 'not allowed to change this directory');
}

/** An ENT user's own slice: the caller must be an ENT user. */
export function requireEntUser(actor: Actor): EntUser {
  if (actor.kind !== 'ent-user') throw new GarServiceError('forbidden', 'ENT users only');
  return actor;
}

/**
 * Checks that a school exists and belongs to an ENT. A school of another ENT is answered as not found, so that a
 * caller learns nothing about other tenants.
 */
export async function requireSchoolOfEnt(tx: StoreOps, uai: string, entId: string) {
  const school = await tx.getSchool(uai);
  if (!school || school.entId !== entId) throw new GarServiceError('not-found', 'no such school');
  return school;
}
