import {
  primaryProfileAt,
  releasableAttributeNames,
  releasedAttributeNames,
  releasedDataAddress,
  releasedDataQuerySchema,
  schoolsOf,
  type ReleasedData,
  type SchoolReleasedData,
} from '@opengar/core';
import { requireSchoolReader } from '../allocation/allocation-access.js';
import { requireEntUser, requireSchoolOfEnt } from '../kernel/authorize.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import { groupsOf, releaseInputFor } from '../handoff/release-input.js';

/**
 * « Données transmises »: what a resource receives about a person, computed by the hand-off's own release
 * (`releaseInputFor` then `releaseAttributes`), for the person themself and, per resource, for a school's managers.
 */
export function releasedDataUseCases(ctx: ServiceContext) {
  const { store } = ctx;
  return {
    /**
     * What `resource` would receive about the caller if they opened it now from `uai` (default: the assertion's
     * school, else their first): the attribute names, and how to address them (`tu` for a pupil).
     *
     * @example
     * ```ts
     * const { attributes } = await service.mediacentre.releasedData(user, { resource: 'ark:/67890/dico' });
     * ```
     * @throws {@link GarServiceError} `forbidden` (not an ENT user, not at that school), `not-found`, `validation`.
     */
    async releasedData(actor: Actor, query: unknown): Promise<ReleasedData> {
      const user = requireEntUser(actor);
      const q = validate(releasedDataQuerySchema, query, 'query');
      const person = await store.getPerson(user.entId, user.personId);
      if (!person) throw new GarServiceError('forbidden', 'unknown person');
      const uai = q.uai ?? user.uai ?? schoolsOf(person)[0];
      if (uai === undefined) throw new GarServiceError('forbidden', 'the person has no school in this ENT');
      await requireSchoolOfEnt(store, uai, user.entId);
      if (!schoolsOf(person).includes(uai)) throw new GarServiceError('forbidden', 'the person is not at this school');
      const resource = await store.getResource(q.resource);
      if (!resource) throw new GarServiceError('not-found', 'no such resource');
      const groups = await groupsOf(store, uai, person.id);
      // The IDO's value is never shown: only that one is sent.
      const input = await releaseInputFor(store, { person, uai, resource, ido: '', groups });
      return {
        uai,
        resourceId: resource.id,
        address: releasedDataAddress(primaryProfileAt(person, uai)),
        attributes: releasedAttributeNames(input),
      };
    },
    /**
     * Per resource the school subscribes to: what it declared and the most it can receive about a pupil and about a
     * member of staff. Managers, delegates and the school's librarian.
     *
     * @example
     * ```ts
     * const { resources } = await service.allocation.releasedData(user, '0561641E');
     * ```
     * @throws {@link GarServiceError} `forbidden` or `not-found`.
     */
    async schoolReleasedData(actor: Actor, uai: string): Promise<SchoolReleasedData> {
      await requireSchoolReader(store, actor, uai);
      const subscriptions = await store.listSubscriptions({ uai });
      const ids = [...new Set(subscriptions.map((s) => s.resourceId))];
      const resources = ids.length === 0 ? [] : await store.listResources({ ids });
      return {
        uai,
        resources: resources
          .map((r) => ({
            resourceId: r.id,
            name: r.name,
            publisherName: r.publisherName,
            declared: [...r.declaredAttributes],
            pupil: releasableAttributeNames(r, 'National_elv'),
            staff: releasableAttributeNames(r, 'National_ens'),
          }))
          .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
      };
    },
  };
}
