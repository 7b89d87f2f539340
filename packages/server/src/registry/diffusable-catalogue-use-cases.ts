import {
  catalogueDeliverySchema,
  isSubscriptionValidAt,
  type CatalogueEntry,
  type Person,
  type SchoolCatalogue,
  type SchoolCatalogueEntry,
} from '@opengar/core';
import { isManager } from '../allocation/allocation-access.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { GarServiceError, invalid } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import type { StoreOps, StoredSubscription } from '../store/types.js';

/** The profiles that read a school's catalogue: its head, librarians and teachers (managers and delegates too). */
const READER_PROFILES = new Set(['National_dir', 'National_doc', 'National_ens']);

async function requireCatalogueReader(tx: StoreOps, actor: Actor, uai: string): Promise<Person> {
  if (actor.kind !== 'ent-user') throw new GarServiceError('forbidden', 'school staff only');
  const school = await tx.getSchool(uai);
  if (!school || school.entId !== actor.entId) throw new GarServiceError('not-found', 'no such school');
  const person = await tx.getPerson(actor.entId, actor.personId);
  if (!person) throw new GarServiceError('forbidden', 'not staff of this school');
  if (person.profiles.some((p) => p.uai === uai && READER_PROFILES.has(p.profile))) return person;
  if (await isManager(tx, person, uai)) return person;
  const delegations = await tx.listDelegations({ uai, delegateId: person.id });
  if (delegations.some((d) => d.revokedAt === undefined)) return person;
  throw new GarServiceError('forbidden', 'heads, librarians and teachers of this school only');
}

/** A school's standing with one resource, from its subscriptions to it. */
function standing(subs: readonly StoredSubscription[], now: Date): Pick<SchoolCatalogueEntry, 'status' | 'until'> {
  const current = subs.filter((s) => isSubscriptionValidAt(s, now));
  if (current.length > 0) {
    const until = current.map((s) => s.validUntil).sort((a, b) => Date.parse(b) - Date.parse(a))[0]!;
    return { status: 'subscribed', until };
  }
  const past = subs.filter((s) => Date.parse(s.validUntil) < now.getTime());
  if (past.length > 0 && past.length === subs.length) {
    const until = past.map((s) => s.validUntil).sort((a, b) => Date.parse(b) - Date.parse(a))[0]!;
    return { status: 'ended', until };
  }
  return { status: 'not-subscribed' };
}

/** The publishers' catalogue of diffusable resources: delivery by publishers, reading by schools and ENTs. */
export function diffusableCatalogueUseCases(ctx: ServiceContext) {
  const { store, clock, logger } = ctx;
  return {
    /**
     * Replaces the calling publisher's catalogue with `input` (`{ entries }`): each entry's `publisherId` must be the
     * caller's, and an `idRessource` another publisher delivered is a conflict. All or nothing.
     *
     * @example
     * ```ts
     * const items = await service.catalogue.deliver(publisher, { entries: [entry] });
     * ```
     */
    async deliver(actor: Actor, input: unknown): Promise<CatalogueEntry[]> {
      if (actor.kind !== 'publisher') throw new GarServiceError('forbidden', 'publishers only');
      const { entries } = validate(catalogueDeliverySchema, input, 'catalogue');
      entries.forEach((e, i) => {
        if (e.publisherId !== actor.publisherId)
          throw invalid(`/entries/${i}/publisherId`, 'forbidden', 'deliver only your own resources (your idEditeur)');
      });
      await store.transaction(async (tx) => {
        const others = new Map(
          (await tx.listCatalogue())
            .filter((s) => s.publisherId !== actor.publisherId)
            .map((s) => [s.entry.resourceId, s]),
        );
        const taken = entries.findIndex((e) => others.has(e.resourceId));
        if (taken >= 0)
          throw new GarServiceError('conflict', 'another publisher delivers this resource', {
            issues: [
              { pointer: `/entries/${taken}/resourceId`, code: 'conflict', message: 'delivered by another publisher' },
            ],
          });
        await tx.replaceCatalogue(actor.publisherId, entries, clock.now().toISOString());
      });
      logger.info('audit', { action: 'catalogue.deliver', subject: actor.publisherId, count: entries.length });
      return entries;
    },
    /** The calling publisher's own entries. @example `await service.catalogue.own(publisher)` */
    async own(actor: Actor): Promise<CatalogueEntry[]> {
      if (actor.kind !== 'publisher') throw new GarServiceError('forbidden', 'publishers only');
      return (await store.listCatalogue({ publisherId: actor.publisherId })).map((s) => s.entry);
    },
    /** The whole catalogue, for ENT back ends and the operator. @example `await service.catalogue.all(entClient)` */
    async all(actor: Actor): Promise<CatalogueEntry[]> {
      if (actor.kind !== 'ent-client' && actor.kind !== 'operator' && actor.kind !== 'system')
        throw new GarServiceError('forbidden', 'ENT back ends and operators only');
      return (await store.listCatalogue()).map((s) => s.entry);
    },
    /**
     * The catalogue as a school's head, librarians and teachers read it: the diffusable entries (and any the school
     * subscribed to), each with the school's standing (`subscribed`, `not-subscribed`, `ended`) and the attributes it
     * would receive (the registered resource's declaration when there is one).
     *
     * @example
     * ```ts
     * const { items } = await service.catalogue.school(actor, '0561641E');
     * ```
     */
    async school(actor: Actor, uai: string): Promise<SchoolCatalogue> {
      await requireCatalogueReader(store, actor, uai);
      const [stored, subs, resources] = await Promise.all([
        store.listCatalogue(),
        store.listSubscriptions({ uai }),
        store.listResources(),
      ]);
      const byResource = new Map<string, StoredSubscription[]>();
      for (const s of subs) byResource.set(s.resourceId, [...(byResource.get(s.resourceId) ?? []), s]);
      const declared = new Map(resources.map((r) => [r.id, r.declaredAttributes]));
      const now = clock.now();
      const items: SchoolCatalogueEntry[] = [];
      for (const { entry } of stored) {
        const mine = byResource.get(entry.resourceId) ?? [];
        if (!entry.diffusable && mine.length === 0) continue;
        items.push({
          ...entry,
          declaredAttributes: declared.get(entry.resourceId) ?? entry.declaredAttributes,
          ...standing(mine, now),
        });
      }
      return { uai, items };
    },
  };
}
