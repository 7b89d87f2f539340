import type { Resource, School } from '@opengar/core';
import type { StoredSubscription, StoreOps } from '../store/types.js';
import { sha256Hex } from '../kernel/crypto.js';

/** Free national offers stay valid until withdrawn from the catalogue (our rule). */
export const FREE_OFFER_VALID_UNTIL = '2099-08-15T21:59:59.000Z';

/**
 * The id of a school's automatic subscription to a free national offer: `AUTO_<UAI>_` and 16 hex digits of the
 * resource id's SHA-256 (stable, ≤45 characters).
 *
 * @example
 * ```ts
 * await freeOfferSubscriptionId('0561641E', 'ark:/22222/dico'); // 'AUTO_0561641E_3f2a…'
 * ```
 */
export async function freeOfferSubscriptionId(uai: string, resourceId: string): Promise<string> {
  return `AUTO_${uai}_${(await sha256Hex(resourceId)).slice(0, 16)}`;
}

async function ensureOne(tx: StoreOps, school: School, resource: Resource, now: string): Promise<void> {
  const id = await freeOfferSubscriptionId(school.uai, resource.id);
  const existing = await tx.getSubscription(id);
  if (!resource.freeOffer) {
    if (existing && existing.deletedAt === undefined)
      await tx.updateSubscription({ ...existing, deletedAt: now, updatedAt: now });
    return;
  }
  const sub: StoredSubscription = {
    id,
    distributorId: resource.distributorIds[0]!,
    resourceId: resource.id,
    resourceIdType: resource.idType,
    resourceLabel: resource.name,
    validFrom: existing?.validFrom ?? now,
    validUntil: FREE_OFFER_VALID_UNTIL,
    uai: school.uai,
    category: 'transferable',
    type: 'ETABL',
    licences: { kind: 'global', count: 'ILLIMITE' },
    audiences: [...resource.freeOffer.audiences],
    automatic: true,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (!existing) await tx.insertSubscription(sub);
  else await tx.updateSubscription(sub);
}

/**
 * Gives a newly registered school an automatic subscription (`ETABL`, `ILLIMITE`, the offer's audiences) to every
 * free national offer, inside the registration's transaction.
 *
 * @example
 * ```ts
 * await ensureFreeOffersForSchool(tx, school, clock.now().toISOString());
 * ```
 */
export async function ensureFreeOffersForSchool(tx: StoreOps, school: School, now: string): Promise<void> {
  for (const resource of await tx.listResources({ freeOffer: true })) await ensureOne(tx, school, resource, now);
}

/**
 * Keeps every school's automatic subscription to a resource in line with its free offer: created (or updated) when
 * the resource is a free offer, ended when it no longer is. Runs inside the resource registration's transaction.
 *
 * @example
 * ```ts
 * await ensureFreeOfferForResource(tx, resource, clock.now().toISOString());
 * ```
 */
export async function ensureFreeOfferForResource(tx: StoreOps, resource: Resource, now: string): Promise<void> {
  for (const school of await tx.listSchools()) await ensureOne(tx, school, resource, now);
}
