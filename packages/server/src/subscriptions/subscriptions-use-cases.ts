import {
  garSubscriptionIdSchema,
  isOverAllocated,
  licenceUsage,
  subscriptionSchema,
  type School,
  type Subscription,
} from '@opengar/core';
import type { StoredSubscription, StoreOps, SubscriptionQuery } from '../store/types.js';
import { audit } from '../allocation/audit.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { GarServiceError, invalid } from '../kernel/errors.js';
import type { Actor, PublisherActor } from '../kernel/types.js';

/** GAR's filters of a publisher's subscription list: values of one name are alternatives. */
export interface SubscriptionFilters {
  distributorIds?: readonly string[];
  uais?: readonly string[];
  resourceIds?: readonly string[];
  order?: 'ASC' | 'DESC';
  offset?: number;
  limit?: number;
}

/** One line of the allocation count. */
export interface AllocationCount {
  uai: string;
  subscriptionId: string;
  projectCode?: string;
  resourceId: string;
  counts: { ELEVE: number; ENSEIGNANT: number; DOCUMENTALISTE: number; 'AUTRE PERSONNEL': number };
}

function requirePublisher(actor: Actor): PublisherActor {
  if (actor.kind !== 'publisher') throw new GarServiceError('forbidden', 'publishers only');
  return actor;
}

/** A subscription a publisher may see: one of its distributor ids, not deleted. Others are answered as not found. */
function visible(actor: PublisherActor, sub: StoredSubscription | undefined): StoredSubscription {
  if (!sub || sub.deletedAt !== undefined || sub.automatic || !actor.distributorIds.includes(sub.distributorId)) {
    throw new GarServiceError('not-found', 'no such subscription');
  }
  return sub;
}

/**
 * Subscription ids are scoped by distributor: two distributors may each own `ABO-1`, and neither learns of the other.
 * The store keys the first one by its id and any later one by `id distributorId` (a space never occurs in GAR's ids);
 * a publisher only ever names, sees and is refused its own.
 */
function storageKey(id: string, distributorId: string): string {
  return `${id} ${distributorId}`;
}

/** GAR's id of a stored subscription (its key without the distributor suffix). */
function garId(key: string): string {
  const space = key.indexOf(' ');
  return space < 0 ? key : key.slice(0, space);
}

/** A stored subscription as its publisher sees it: under GAR's id. */
function asGar(sub: StoredSubscription): StoredSubscription {
  return sub.id.includes(' ') ? { ...sub, id: garId(sub.id) } : sub;
}

/** The stored subscription `id` of one of `distributorIds`, deleted ones included, or `undefined`. */
async function findOwn(
  store: Pick<StoreOps, 'getSubscription'>,
  distributorIds: readonly string[],
  id: string,
): Promise<StoredSubscription | undefined> {
  if (!garSubscriptionIdSchema.safeParse(id).success) return undefined;
  const plain = await store.getSubscription(id);
  if (plain && distributorIds.includes(plain.distributorId)) return plain;
  for (const d of distributorIds) {
    const scoped = await store.getSubscription(storageKey(id, d));
    if (scoped) return scoped;
  }
  return undefined;
}

/** The publisher's rights on a subscription's seller and resource, and the school's existence. */
async function checkRights(tx: StoreOps, actor: PublisherActor, sub: Subscription): Promise<void> {
  if (!actor.distributorIds.includes(sub.distributorId))
    throw new GarServiceError('forbidden', 'idDistributeurCom is not one of yours');
  const resource = await tx.getResource(sub.resourceId);
  if (!resource) throw invalid('/resourceId', 'not_found', 'no such resource in the catalogue');
  if (!resource.distributorIds.includes(sub.distributorId))
    throw new GarServiceError('forbidden', 'this resource is not distributed by this idDistributeurCom');
  if (!(await tx.getSchool(sub.uai))) throw invalid('/uai', 'not_found', 'no such school');
}

function parse(input: unknown, pathId: string): Subscription {
  const sub = validate(subscriptionSchema, input, 'subscription');
  if (sub.id !== pathId) throw invalid('/id', 'conflict', 'must equal the id in the path; an id never changes');
  if (sub.automatic) throw invalid('/automatic', 'forbidden', 'automatic subscriptions are made by the service');
  if (sub.id.startsWith('AUTO_'))
    throw invalid('/id', 'reserved', 'ids starting with AUTO_ are reserved for free offers');
  return sub;
}

const stored = ({ createdAt: _c, updatedAt: _u, deletedAt: _d, ...sub }: StoredSubscription): Subscription => sub;

/**
 * The publisher side of subscriptions (GAR's web service and its JSON equivalent): create, update, delete and list
 * one's own subscriptions, the schools, and the allocation count. A publisher sees and changes only subscriptions of
 * its own `idDistributeurCom`, for resources it distributes.
 */
export function subscriptionsUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;

  return {
    /**
     * Creates a subscription (`PUT /ws/abonnement/{id}`); an id used before, deleted ones included, is a conflict.
     *
     * @example
     * ```ts
     * await service.subscriptions.create(publisher, { id: 'ABO-1', distributorId: 'X_1', resourceId: 'ark:/1/a', ...details }, 'ABO-1');
     * ```
     */
    async createSubscription(actor: Actor, input: unknown, pathId: string): Promise<StoredSubscription> {
      const publisher = requirePublisher(actor);
      const sub = parse(input, pathId);
      const now = clock.now().toISOString();
      const row: StoredSubscription = { ...sub, createdAt: now, updatedAt: now };
      await store.transaction(async (tx) => {
        await checkRights(tx, publisher, sub);
        // Only the publisher's own ids conflict (any of its distributor ids, so that each id names one of its
        // subscriptions): another publisher's `ABO-1` answers as a free id would.
        if (await findOwn(tx, publisher.distributorIds, sub.id))
          throw new GarServiceError('conflict', 'a subscription with this id exists');
        const key = (await tx.getSubscription(sub.id)) ? storageKey(sub.id, sub.distributorId) : sub.id;
        await tx.insertSubscription({ ...row, id: key });
        await audit(tx, actor, clock.now(), {
          uai: sub.uai,
          action: 'subscription.create',
          subjectType: 'subscription',
          subjectId: key,
          after: { ...sub, id: key },
        });
      });
      return row;
    },
    /**
     * Updates a subscription (`POST /ws/abonnement/{id}`); `id` and `uai` never change. Lowering a count below the
     * copies in use puts it over-allocated: nothing is taken back, and the managers are told (audit entry
     * `subscription.over-allocated`, dashboard).
     *
     * @example
     * ```ts
     * await service.subscriptions.update(publisher, 'ABO-1', { ...body, licences: { kind: 'global', count: 10 } });
     * ```
     */
    async updateSubscription(actor: Actor, id: string, input: unknown): Promise<StoredSubscription> {
      const publisher = requirePublisher(actor);
      return store.transaction(async (tx) => {
        const key = (await findOwn(tx, publisher.distributorIds, id))?.id;
        const current = visible(publisher, key === undefined ? undefined : await tx.lockSubscription(key));
        const body = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
        if (body['uai'] !== undefined && body['uai'] !== current.uai)
          throw invalid('/uai', 'immutable', 'uaiEtab never changes');
        const sub = parse({ id, ...body, uai: current.uai }, id);
        // A subscription keyed by its distributor keeps it: the key would no longer say whose it is.
        if (current.id !== id && sub.distributorId !== current.distributorId)
          throw invalid('/distributorId', 'immutable', 'idDistributeurCom never changes for this subscription');
        await checkRights(tx, publisher, sub);
        const now = clock.now();
        const row: StoredSubscription = { ...sub, createdAt: current.createdAt, updatedAt: now.toISOString() };
        await tx.updateSubscription({ ...row, id: current.id });
        await audit(tx, actor, now, {
          uai: sub.uai,
          action: 'subscription.update',
          subjectType: 'subscription',
          subjectId: current.id,
          before: stored(current),
          after: { ...sub, id: current.id },
        });
        const copies = await tx.listCopies({ subscriptionId: current.id });
        if (isOverAllocated(sub, copies) && !isOverAllocated(current, copies)) {
          await audit(tx, actor, now, {
            uai: sub.uai,
            action: 'subscription.over-allocated',
            subjectType: 'subscription',
            subjectId: current.id,
            after: { usage: licenceUsage(sub, copies) },
          });
        }
        return row;
      });
    },
    /**
     * Deletes a subscription (`DELETE /ws/abonnement/{id}`): access ends at once; the row and its allocations are
     * archived, not destroyed.
     *
     * @example
     * ```ts
     * await service.subscriptions.delete(publisher, 'ABO-1');
     * ```
     */
    async deleteSubscription(actor: Actor, id: string): Promise<void> {
      const publisher = requirePublisher(actor);
      await store.transaction(async (tx) => {
        const key = (await findOwn(tx, publisher.distributorIds, id))?.id;
        const current = visible(publisher, key === undefined ? undefined : await tx.lockSubscription(key));
        const now = clock.now();
        const at = now.toISOString();
        await tx.updateSubscription({ ...current, deletedAt: at, updatedAt: at });
        const archived: string[] = [];
        for (const a of await tx.listAllocations({ subscriptionId: current.id })) {
          await tx.archiveAllocation(a.id, at);
          archived.push(a.id);
        }
        await audit(tx, actor, now, {
          uai: current.uai,
          action: 'subscription.delete',
          subjectType: 'subscription',
          subjectId: current.id,
          before: stored(current),
          after: { archivedAllocations: archived },
        });
      });
    },
    /** One of the publisher's subscriptions. @example `await service.subscriptions.get(publisher, 'ABO-1')` */
    async getPublisherSubscription(actor: Actor, id: string): Promise<StoredSubscription> {
      const publisher = requirePublisher(actor);
      return asGar(visible(publisher, await findOwn(store, publisher.distributorIds, id)));
    },
    /**
     * The publisher's subscriptions matching GAR's filters, sorted by id, paged.
     *
     * @example
     * ```ts
     * await service.subscriptions.list(publisher, { uais: ['0561641E'], order: 'DESC', offset: 0, limit: 100 });
     * ```
     */
    async listPublisherSubscriptions(
      actor: Actor,
      f: SubscriptionFilters = {},
    ): Promise<{ items: StoredSubscription[]; total: number }> {
      const publisher = requirePublisher(actor);
      const own = f.distributorIds?.length
        ? publisher.distributorIds.filter((d) => f.distributorIds!.includes(d))
        : [...publisher.distributorIds];
      if (own.length === 0) return { items: [], total: 0 };
      const offset = f.offset ?? 0;
      const limit = f.limit ?? 1000;
      // Filtered here rather than in the store: values of one name are alternatives, and automatic subscriptions of
      // free offers are the service's, not the publisher's.
      const base: SubscriptionQuery = {
        distributorIds: own,
        ...(f.uais?.length === 1 ? { uai: f.uais[0]! } : {}),
        ...(f.resourceIds?.length === 1 ? { resourceId: f.resourceIds[0]! } : {}),
      };
      const all = (await store.listSubscriptions({ ...base, sortBy: 'id', order: f.order ?? 'ASC' })).filter(
        (s) =>
          !s.automatic &&
          (!f.uais?.length || f.uais.includes(s.uai)) &&
          (!f.resourceIds?.length || f.resourceIds.includes(s.resourceId)),
      );
      return { items: all.slice(offset, offset + limit).map(asGar), total: all.length };
    },
    /** The schools a publisher may deliver to (`etablissements.xml`). @example `await service.subscriptions.deliverySchools(publisher)` */
    async listDeliverySchools(actor: Actor): Promise<School[]> {
      requirePublisher(actor);
      return store.listSchools();
    },
    /**
     * GAR's allocation count: copies in use per audience for one subscription (`idAbonnement`) or every subscription
     * of a project code (`codeProjetRessource`), exactly one of them, the publisher's own only.
     *
     * @example
     * ```ts
     * await service.subscriptions.countAllocations(publisher, { subscriptionId: 'ABO-1' });
     * ```
     */
    async countAllocations(
      actor: Actor,
      q: { subscriptionId?: string; projectCode?: string },
    ): Promise<AllocationCount[]> {
      const publisher = requirePublisher(actor);
      if ((q.subscriptionId === undefined) === (q.projectCode === undefined)) {
        throw invalid('/idAbonnement', 'required', 'give exactly one of idAbonnement or codeProjetRessource');
      }
      const subs =
        q.subscriptionId !== undefined
          ? [visible(publisher, await findOwn(store, publisher.distributorIds, q.subscriptionId))]
          : (
              await store.listSubscriptions({
                projectCode: q.projectCode!,
                distributorIds: publisher.distributorIds,
                sortBy: 'id',
              })
            ).filter((s) => !s.automatic);
      const out: AllocationCount[] = [];
      for (const s of subs) {
        const c = await store.countCopies(s.id);
        out.push({
          uai: s.uai,
          subscriptionId: garId(s.id),
          ...(s.projectCode ? { projectCode: s.projectCode } : {}),
          resourceId: s.resourceId,
          counts: {
            ELEVE: c.ELEVE ?? 0,
            ENSEIGNANT: c.ENSEIGNANT ?? 0,
            DOCUMENTALISTE: c.DOCUMENTALISTE ?? 0,
            'AUTRE PERSONNEL': c['AUTRE PERSONNEL'] ?? 0,
          },
        });
      }
      return out;
    },
  };
}
