import {
  groupSchema,
  membershipSchema,
  mefSchema,
  personSchema,
  schoolsOf,
  type Group,
  type Membership,
  type Mef,
  type Person,
} from '@opengar/core';
import type { StoreOps } from '../store/types.js';
import { audit } from '../allocation/audit.js';
import { requireDirectoryWriter } from '../kernel/authorize.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { reactToMemberships, reactToPerson } from './directory-reactions.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';

/** A school named in directory input that is unknown or belongs to another ENT. */
function schoolIssue(pointer: string): GarServiceError {
  return new GarServiceError('validation', 'Invalid directory entry: unknown school for this ENT', {
    issues: [{ pointer, code: 'not_found', message: 'no school with this UAI in this ENT' }],
  });
}

async function checkSchool(tx: StoreOps, entId: string, uai: string, pointer: string): Promise<void> {
  const school = await tx.getSchool(uai);
  if (!school || school.entId !== entId) throw schoolIssue(pointer);
}

/** What audit entries keep of a person: ids and profiles, not names. */
function personTrace(p: Person | undefined) {
  return p && { id: p.id, profiles: p.profiles };
}

/**
 * Directory use cases: the ENT's feed (and its importer) puts and removes people, divisions, groups, memberships and
 * MEFs. Each change is one transaction with its audit entries.
 */
export function directoryUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;

  return {
    /**
     * Creates or replaces a person of an ENT's directory; every school named must belong to that ENT.
     *
     * @example
     * ```ts
     * await service.directory.putPerson(system, { entId: 'ENTTEST1', id: 'eleve-1', lastName: 'Durand', firstName: 'Léa', profiles: [{ uai: '0561641E', profile: 'National_elv' }] });
     * ```
     */
    async putPerson(actor: Actor, input: unknown): Promise<Person> {
      const person = validate(personSchema, input, 'person');
      requireDirectoryWriter(actor, person.entId);
      await store.transaction(async (tx) => {
        for (const [i, p] of person.profiles.entries())
          await checkSchool(tx, person.entId, p.uai, `/profiles/${i}/uai`);
        for (const [i, m] of person.mefs.entries()) await checkSchool(tx, person.entId, m.uai, `/mefs/${i}/uai`);
        const before = await tx.getPerson(person.entId, person.id);
        await tx.putPerson(person);
        await reactToPerson(tx, actor, before, person, clock.now());
        const schools = new Set([...schoolsOf(person), ...(before ? schoolsOf(before) : [])]);
        for (const uai of schools) {
          await audit(tx, actor, clock.now(), {
            uai,
            action: before ? 'person.update' : 'person.create',
            subjectType: 'directory',
            subjectId: person.id,
            before: personTrace(before),
            after: personTrace(person),
          });
        }
      });
      return person;
    },
    /**
     * Removes a person (they left the ENT), with their memberships and favourites.
     *
     * @example
     * ```ts
     * await service.directory.removePerson(system, 'ENTTEST1', 'eleve-1');
     * ```
     */
    async removePerson(actor: Actor, entId: string, personId: string): Promise<void> {
      requireDirectoryWriter(actor, entId);
      await store.transaction(async (tx) => {
        const before = await tx.getPerson(entId, personId);
        if (!before) throw new GarServiceError('not-found', 'no such person');
        for (const uai of schoolsOf(before)) {
          for (const m of await tx.listMemberships({ uai, personId })) await tx.deleteMembership(m);
          await audit(tx, actor, clock.now(), {
            uai,
            action: 'person.remove',
            subjectType: 'directory',
            subjectId: personId,
            before: personTrace(before),
          });
        }
        await reactToPerson(tx, actor, before, undefined, clock.now());
        await tx.setFavourites(entId, personId, []);
        await tx.deletePerson(entId, personId);
      });
    },
    /**
     * Creates or replaces a division or group of a school of the ENT.
     *
     * @example
     * ```ts
     * await service.directory.putGroup(system, 'ENTTEST1', { uai: '0561641E', code: '3A', label: '3e A', status: 'DIVISION' });
     * ```
     */
    async putGroup(actor: Actor, entId: string, input: unknown): Promise<Group> {
      requireDirectoryWriter(actor, entId);
      const group = validate(groupSchema, input, 'group');
      await store.transaction(async (tx) => {
        await checkSchool(tx, entId, group.uai, '/uai');
        const before = await tx.getGroup(group.uai, group.code);
        await tx.putGroup(group);
        await audit(tx, actor, clock.now(), {
          uai: group.uai,
          action: before ? 'group.update' : 'group.create',
          subjectType: 'directory',
          subjectId: group.code,
          before,
          after: group,
        });
      });
      return group;
    },
    /**
     * Removes a division or group and its memberships.
     *
     * @example
     * ```ts
     * await service.directory.removeGroup(system, 'ENTTEST1', '0561641E', '3A');
     * ```
     */
    async removeGroup(actor: Actor, entId: string, uai: string, code: string): Promise<void> {
      requireDirectoryWriter(actor, entId);
      await store.transaction(async (tx) => {
        const school = await tx.getSchool(uai);
        const before = school && school.entId === entId ? await tx.getGroup(uai, code) : undefined;
        if (!before) throw new GarServiceError('not-found', 'no such group');
        const members = await tx.listMemberships({ uai, groupCode: code });
        for (const m of members) await tx.deleteMembership(m);
        await tx.deleteGroup(uai, code);
        await reactToMemberships(
          tx,
          actor,
          uai,
          members.map((m) => m.personId),
          clock.now(),
        );
        await audit(tx, actor, clock.now(), {
          uai,
          action: 'group.remove',
          subjectType: 'directory',
          subjectId: code,
          before,
        });
      });
    },
    /**
     * Adds a person to a division or group: the group must exist and the person must have a profile at that school.
     *
     * @example
     * ```ts
     * await service.directory.putMembership(system, 'ENTTEST1', { uai: '0561641E', groupCode: '3A', personId: 'eleve-1' });
     * ```
     */
    async putMembership(actor: Actor, entId: string, input: unknown): Promise<Membership> {
      requireDirectoryWriter(actor, entId);
      const membership = validate(membershipSchema, input, 'membership');
      await store.transaction(async (tx) => {
        await checkSchool(tx, entId, membership.uai, '/uai');
        if (!(await tx.getGroup(membership.uai, membership.groupCode))) {
          throw new GarServiceError('validation', 'Invalid membership: unknown group', {
            issues: [{ pointer: '/groupCode', code: 'not_found', message: 'no such group at this school' }],
          });
        }
        const person = await tx.getPerson(entId, membership.personId);
        if (!person || !schoolsOf(person).includes(membership.uai)) {
          throw new GarServiceError('validation', 'Invalid membership: unknown person', {
            issues: [{ pointer: '/personId', code: 'not_found', message: 'no such person at this school' }],
          });
        }
        await tx.putMembership(membership);
        await reactToMemberships(tx, actor, membership.uai, [membership.personId], clock.now());
        await audit(tx, actor, clock.now(), {
          uai: membership.uai,
          action: 'membership.put',
          subjectType: 'directory',
          subjectId: `${membership.groupCode}:${membership.personId}`,
          after: membership,
        });
      });
      return membership;
    },
    /**
     * Removes a person from a division or group.
     *
     * @example
     * ```ts
     * await service.directory.removeMembership(system, 'ENTTEST1', { uai: '0561641E', groupCode: '3A', personId: 'eleve-1' });
     * ```
     */
    async removeMembership(actor: Actor, entId: string, input: unknown): Promise<void> {
      requireDirectoryWriter(actor, entId);
      const membership = validate(membershipSchema, input, 'membership');
      await store.transaction(async (tx) => {
        await checkSchool(tx, entId, membership.uai, '/uai');
        const found = await tx.listMemberships({
          uai: membership.uai,
          groupCode: membership.groupCode,
          personId: membership.personId,
        });
        if (found.length === 0) throw new GarServiceError('not-found', 'no such membership');
        await tx.deleteMembership(membership);
        await reactToMemberships(tx, actor, membership.uai, [membership.personId], clock.now());
        await audit(tx, actor, clock.now(), {
          uai: membership.uai,
          action: 'membership.remove',
          subjectType: 'directory',
          subjectId: `${membership.groupCode}:${membership.personId}`,
          before: membership,
        });
      });
    },
    /**
     * Creates or replaces a MEF of a school of the ENT.
     *
     * @example
     * ```ts
     * await service.directory.putMef(system, 'ENTTEST1', { uai: '0561641E', code: '10310019110', label: '3EME', mefStat11: '10310019110' });
     * ```
     */
    async putMef(actor: Actor, entId: string, input: unknown): Promise<Mef> {
      requireDirectoryWriter(actor, entId);
      const mef = validate(mefSchema, input, 'MEF');
      await store.transaction(async (tx) => {
        await checkSchool(tx, entId, mef.uai, '/uai');
        await tx.putMef(mef);
        await audit(tx, actor, clock.now(), {
          uai: mef.uai,
          action: 'mef.put',
          subjectType: 'directory',
          subjectId: mef.code,
          after: mef,
        });
      });
      return mef;
    },
  };
}
