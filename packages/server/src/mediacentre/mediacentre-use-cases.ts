import {
  favouritesSchema,
  mediacentreQuerySchema,
  resolveEntitlements,
  schoolsOf,
  type Entitlement,
  type Favourites,
  type Mediacentre,
  type MediacentreResource,
  type Person,
  type SchoolSummary,
} from '@opengar/core';
import { requireEntUser, requireSchoolOfEnt } from '../kernel/authorize.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor, EntUser } from '../kernel/types.js';

function tile(e: Entitlement, favourites: ReadonlySet<string>): MediacentreResource {
  const r = e.resource;
  return {
    id: r.id,
    idType: r.idType,
    name: r.name,
    publisherId: r.publisherId,
    publisherName: r.publisherName,
    ...(r.description === undefined ? {} : { description: r.description }),
    ...(r.thumbnailUrl === undefined ? {} : { thumbnailUrl: r.thumbnailUrl }),
    presentationType: r.presentationType,
    pedagogicalTypes: r.pedagogicalTypes,
    documentTypologies: r.documentTypologies,
    levels: r.levels,
    teachingDomains: r.teachingDomains,
    techDistributor: r.techDistributor,
    techValidator: r.techValidator,
    via: e.via,
    validUntil: e.validUntil,
    ...(e.validFrom === undefined ? {} : { validFrom: e.validFrom }),
    favourite: favourites.has(r.id),
    ...(r.grainOrigins?.length ? { grainOrigins: [...r.grainOrigins] } : {}),
  };
}

/** The médiacentre and favourites of the ENT user calling; each reads only that person's slice of the store. */
export function mediacentreUseCases(ctx: ServiceContext) {
  const { store, clock, issuer } = ctx;

  async function self(user: EntUser): Promise<Person> {
    const person = await store.getPerson(user.entId, user.personId);
    if (!person) throw new GarServiceError('forbidden', 'unknown person');
    return person;
  }

  async function schoolsOfPerson(person: Person, entId: string): Promise<SchoolSummary[]> {
    const out: SchoolSummary[] = [];
    for (const uai of schoolsOf(person)) {
      const s = await store.getSchool(uai);
      if (s && s.entId === entId) out.push({ uai: s.uai, name: s.name });
    }
    return out;
  }

  return {
    /**
     * The caller's médiacentre at one of their schools: the query's `uai`, else the assertion's, else their first
     * school. Also lists all their schools in the ENT, for a person at several.
     *
     * @example
     * ```ts
     * const m = await service.mediacentre.resources(user, { uai: '0561641E' });
     * m.resources.map((r) => r.name);
     * ```
     */
    async listMediacentre(actor: Actor, query: unknown = {}): Promise<Mediacentre> {
      const user = requireEntUser(actor);
      const q = validate(mediacentreQuerySchema, query, 'query');
      const person = await self(user);
      const schools = await schoolsOfPerson(person, user.entId);
      // With no school named, a person at several schools gets their first one; `schools` lets the widget switch.
      const uai = q.uai ?? user.uai ?? schools[0]?.uai;
      if (uai === undefined) throw new GarServiceError('forbidden', 'the person has no school in this ENT');
      const school = await requireSchoolOfEnt(store, uai, user.entId);
      if (!schools.some((s) => s.uai === uai))
        throw new GarServiceError('forbidden', 'the person is not at this school');
      // Subscriptions, copies and resources may come from a replica (`reads`, a little late at worst); the person and
      // school checks above and the person's own favourites (which they may have just changed) come from the primary.
      const reads = ctx.reads ?? store;
      const [subscriptions, copies, favourites] = await Promise.all([
        reads.listSubscriptions({ uai }),
        reads.listCopies({ uai, personId: person.id }),
        store.getFavourites(user.entId, person.id),
      ]);
      const resourceIds = [...new Set(subscriptions.map((s) => s.resourceId))];
      const resources = resourceIds.length === 0 ? [] : await reads.listResources({ ids: resourceIds });
      const entitlements = resolveEntitlements({ person, uai, at: clock.now(), subscriptions, copies, resources });
      const favouriteSet = new Set(favourites);
      return {
        school: { uai: school.uai, name: school.name },
        schools,
        resources: entitlements.map((e) => tile(e, favouriteSet)),
        launchUrl: new URL('/launch', issuer).href,
      };
    },
    /**
     * The caller's favourite resource ids.
     *
     * @example
     * ```ts
     * (await service.mediacentre.favourites(user)).resourceIds;
     * ```
     */
    async getFavourites(actor: Actor): Promise<Favourites> {
      const user = requireEntUser(actor);
      await self(user);
      return { resourceIds: await store.getFavourites(user.entId, user.personId) };
    },
    /**
     * Replaces the caller's favourites (unique resource ids, at most 200).
     *
     * @example
     * ```ts
     * await service.mediacentre.setFavourites(user, { resourceIds: ['ark:/67890/dico'] });
     * ```
     */
    async setFavourites(actor: Actor, input: unknown): Promise<Favourites> {
      const user = requireEntUser(actor);
      const favourites = validate(favouritesSchema, input, 'favourites');
      await self(user);
      await store.setFavourites(user.entId, user.personId, favourites.resourceIds);
      return favourites;
    },
  };
}
