import { ltiPlatformSchema, type LtiPlatform, type ValidationIssue } from '@opengar/core';
import { requireOperator } from '../../kernel/authorize.js';
import { sameId, validate, type ServiceContext } from '../../kernel/context.js';
import { GarServiceError } from '../../kernel/errors.js';
import type { Actor } from '../../kernel/types.js';
import { StoreConflictError } from '../../store/errors.js';

/** The operator's registry of LTI 1.3 platforms (Moodle sites) where opengar is an external tool. */
export function ltiPlatformUseCases(ctx: ServiceContext) {
  const { store, logger } = ctx;

  async function save(actor: Actor, input: unknown, mode: 'create' | 'update', pathId?: string): Promise<LtiPlatform> {
    requireOperator(actor);
    const platform = validate(ltiPlatformSchema, input, 'LTI platform');
    if (pathId !== undefined) sameId(pathId, platform.id);
    try {
      await store.transaction(async (tx) => {
        const issues: ValidationIssue[] = [];
        for (const [i, entId] of platform.entIds.entries())
          if (!(await tx.getEnt(entId)))
            issues.push({ pointer: `/entIds/${i}`, code: 'not_found', message: 'no ENT with this id' });
        for (const [i, uai] of (platform.schools ?? []).entries()) {
          const school = await tx.getSchool(uai);
          if (!school || !platform.entIds.includes(school.entId))
            issues.push({ pointer: `/schools/${i}`, code: 'not_found', message: 'no such school in these ENTs' });
        }
        if (issues.length > 0) throw new GarServiceError('validation', 'Invalid LTI platform', { issues });
        const existing = await tx.getLtiPlatform(platform.id);
        if (mode === 'create' && existing) throw new GarServiceError('conflict', 'a platform with this id exists');
        if (mode === 'update' && !existing) throw new GarServiceError('not-found', 'no such platform');
        await tx.putLtiPlatform(platform);
      });
    } catch (e) {
      if (e instanceof StoreConflictError)
        throw new GarServiceError('conflict', 'another platform has this issuer', { cause: e });
      throw e;
    }
    logger.info('audit', { action: `lti-platform.${mode}`, subject: platform.id, actor: actor.kind });
    return platform;
  }

  return {
    /**
     * Registers an LTI platform (operator): its issuer, the client ids it gave opengar, its authorization endpoint,
     * its keys (inline or by URL), its deployment ids and the ENTs (and schools) it serves.
     *
     * @example
     * ```ts
     * await service.admin.ltiPlatforms.create(operator, { id: 'moodle', name: 'Moodle', issuer:
     * 'https://moodle.example', clientIds: ['abc'], authEndpoint: 'https://moodle.example/mod/lti/auth.php', jwksUrl:
     * 'https://moodle.example/mod/lti/certs.php', deploymentIds: ['1'], entIds: ['ENTTEST1'] });
     * ```
     */
    register: (actor: Actor, input: unknown) => save(actor, input, 'create'),
    /** Replaces a platform's registration (operator). @example `await service.admin.ltiPlatforms.update(operator, 'moodle', body)` */
    update: (actor: Actor, id: string, input: unknown) => save(actor, input, 'update', id),
    /** Reads a platform (operator). @example `await service.admin.ltiPlatforms.get(operator, 'moodle')` */
    async get(actor: Actor, id: string): Promise<LtiPlatform> {
      requireOperator(actor);
      const platform = await store.getLtiPlatform(id);
      if (!platform) throw new GarServiceError('not-found', 'no such platform');
      return platform;
    },
    /** Lists platforms (operator). @example `await service.admin.ltiPlatforms.list(operator)` */
    async list(actor: Actor): Promise<LtiPlatform[]> {
      requireOperator(actor);
      return store.listLtiPlatforms();
    },
    /** Removes a platform (operator): its launches are refused from now on. @example `await service.admin.ltiPlatforms.delete(operator, 'moodle')` */
    async delete(actor: Actor, id: string): Promise<void> {
      requireOperator(actor);
      if (!(await store.deleteLtiPlatform(id))) throw new GarServiceError('not-found', 'no such platform');
      logger.info('audit', { action: 'lti-platform.delete', subject: id, actor: actor.kind });
    },
  };
}
