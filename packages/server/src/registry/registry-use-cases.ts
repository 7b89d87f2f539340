import { entSchema, schoolSchema, type Ent, type School } from '@opengar/core';
import { requireOperator } from '../kernel/authorize.js';
import { audit } from '../allocation/audit.js';
import { sameId, validate, type ServiceContext } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import { entIssues } from './ent-issues.js';
import { ensureFreeOffersForSchool } from '../subscriptions/subscriptions-free-offers.js';
import type { Actor } from '../kernel/types.js';

/** Operator use cases on ENTs and schools. */
export function registryUseCases(ctx: ServiceContext) {
  const { store, clock, logger } = ctx;

  async function saveEnt(actor: Actor, input: unknown, mode: 'create' | 'update', pathId?: string): Promise<Ent> {
    requireOperator(actor);
    const ent = validate(entSchema, input, 'ENT', entIssues);
    if (pathId !== undefined) sameId(pathId, ent.id);
    await store.transaction(async (tx) => {
      const existing = await tx.getEnt(ent.id);
      if (mode === 'create' && existing) throw new GarServiceError('conflict', 'an ENT with this id exists');
      if (mode === 'update' && !existing) throw new GarServiceError('not-found', 'no such ENT');
      await tx.putEnt(ent);
    });
    logger.info('audit', { action: `ent.${mode}`, subject: ent.id, actor: actor.kind });
    return ent;
  }

  async function saveSchool(
    actor: Actor,
    input: unknown,
    mode: 'create' | 'update',
    pathUai?: string,
  ): Promise<School> {
    requireOperator(actor);
    const school = validate(schoolSchema, input, 'school');
    if (pathUai !== undefined) sameId(pathUai, school.uai, '/uai');
    await store.transaction(async (tx) => {
      if (!(await tx.getEnt(school.entId))) {
        throw new GarServiceError('validation', 'Invalid school: unknown ENT', {
          issues: [{ pointer: '/entId', code: 'not_found', message: 'no ENT with this id' }],
        });
      }
      const before = await tx.getSchool(school.uai);
      if (mode === 'create' && before) throw new GarServiceError('conflict', 'a school with this UAI exists');
      if (mode === 'update' && !before) throw new GarServiceError('not-found', 'no such school');
      await tx.putSchool(school);
      if (mode === 'create') await ensureFreeOffersForSchool(tx, school, clock.now().toISOString());
      await audit(tx, actor, clock.now(), {
        uai: school.uai,
        action: `school.${mode}`,
        subjectType: 'school',
        subjectId: school.uai,
        before,
        after: school,
      });
    });
    return school;
  }

  return {
    /**
     * Registers an ENT (operator). Keys must be public and asymmetric; origins bare `https://host[:port]`.
     *
     * @example
     * ```ts
     * await service.admin.ents.create(operator, { id: 'ENTTEST1', name: 'ENT test', jwks: { keys: [publicJwk] }, origins: ['https://ent.example'] });
     * ```
     */
    registerEnt: (actor: Actor, input: unknown) => saveEnt(actor, input, 'create'),
    /** Replaces an ENT's registration (operator). @example `await service.admin.ents.update(operator, 'ENTTEST1', body)` */
    updateEnt: (actor: Actor, id: string, input: unknown) => saveEnt(actor, input, 'update', id),
    /** Reads an ENT (operator). @example `await service.admin.ents.get(operator, 'ENTTEST1')` */
    async getEnt(actor: Actor, id: string): Promise<Ent> {
      requireOperator(actor);
      const ent = await store.getEnt(id);
      if (!ent) throw new GarServiceError('not-found', 'no such ENT');
      return ent;
    },
    /** Lists ENTs (operator). @example `await service.admin.ents.list(operator)` */
    async listEnts(actor: Actor): Promise<Ent[]> {
      requireOperator(actor);
      return store.listEnts();
    },
    /**
     * Registers a school of a registered ENT (operator); audited.
     *
     * @example
     * ```ts
     * await service.admin.schools.create(operator, { uai: '0561641E', entId: 'ENTTEST1', name: 'Collège Jules Ferry' });
     * ```
     */
    registerSchool: (actor: Actor, input: unknown) => saveSchool(actor, input, 'create'),
    /** Replaces a school's record (operator); audited. @example `await service.admin.schools.update(operator, '0561641E', body)` */
    updateSchool: (actor: Actor, uai: string, input: unknown) => saveSchool(actor, input, 'update', uai),
    /** Reads a school (operator). @example `await service.admin.schools.get(operator, '0561641E')` */
    async getSchool(actor: Actor, uai: string): Promise<School> {
      requireOperator(actor);
      const school = await store.getSchool(uai);
      if (!school) throw new GarServiceError('not-found', 'no such school');
      return school;
    },
    /** Lists schools, optionally one ENT's (operator). @example `await service.admin.schools.list(operator, { entId: 'ENTTEST1' })` */
    async listSchools(actor: Actor, filter: { entId?: string } = {}): Promise<School[]> {
      requireOperator(actor);
      return store.listSchools(filter.entId === undefined ? undefined : { entId: filter.entId });
    },
  };
}
