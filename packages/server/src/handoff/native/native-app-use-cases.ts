import { nativeAppSchema, type NativeApp } from '@opengar/core';
import { requireOperator } from '../../kernel/authorize.js';
import { sameId, validate, type ServiceContext } from '../../kernel/context.js';
import { GarServiceError } from '../../kernel/errors.js';
import type { Actor } from '../../kernel/types.js';

/** The operator's registry of native apps: one resource each, with its exact redirect URIs. */
export function nativeAppUseCases(ctx: ServiceContext) {
  const { store, logger } = ctx;

  async function save(actor: Actor, input: unknown, mode: 'create' | 'update', pathId?: string): Promise<NativeApp> {
    requireOperator(actor);
    const app = validate(nativeAppSchema, input, 'native app');
    if (pathId !== undefined) sameId(pathId, app.clientId, '/clientId');
    await store.transaction(async (tx) => {
      if (!(await tx.getResource(app.resourceId))) {
        throw new GarServiceError('validation', 'Invalid native app: unknown resource', {
          issues: [{ pointer: '/resourceId', code: 'not_found', message: 'no resource with this id' }],
        });
      }
      const existing = await tx.getNativeApp(app.clientId);
      if (mode === 'create' && existing) throw new GarServiceError('conflict', 'an app with this client id exists');
      if (mode === 'update' && !existing) throw new GarServiceError('not-found', 'no such app');
      await tx.putNativeApp(app);
    });
    logger.info('audit', { action: `app.${mode}`, subject: app.clientId, actor: actor.kind });
    return app;
  }

  return {
    /**
     * Registers a native app for a resource (operator): a public OAuth client whose redirect URIs are claimed https
     * URLs or loopback URLs (`http://127.0.0.1/…`, any port at request time).
     *
     * @example
     * ```ts
     * await service.admin.apps.create(operator, { clientId: 'lecteur', resourceId: 'ark:/67890/dico', name: 'Lecteur', redirectUris: ['http://127.0.0.1/cb'] });
     * ```
     */
    register: (actor: Actor, input: unknown) => save(actor, input, 'create'),
    /** Replaces an app's registration (operator). @example `await service.admin.apps.update(operator, 'lecteur', body)` */
    update: (actor: Actor, clientId: string, input: unknown) => save(actor, input, 'update', clientId),
    /** Reads an app (operator). @example `await service.admin.apps.get(operator, 'lecteur')` */
    async get(actor: Actor, clientId: string): Promise<NativeApp> {
      requireOperator(actor);
      const app = await store.getNativeApp(clientId);
      if (!app) throw new GarServiceError('not-found', 'no such app');
      return app;
    },
    /** Lists apps, optionally one resource's (operator). @example `await service.admin.apps.list(operator, { resourceId })` */
    async list(actor: Actor, filter: { resourceId?: string } = {}): Promise<NativeApp[]> {
      requireOperator(actor);
      return store.listNativeApps(filter.resourceId === undefined ? {} : { resourceId: filter.resourceId });
    },
    /**
     * Removes an app (operator): its codes can no longer be exchanged and its tokens are refused at `userinfo`.
     * @example `await service.admin.apps.delete(operator, 'lecteur')`
     */
    async delete(actor: Actor, clientId: string): Promise<void> {
      requireOperator(actor);
      if (!(await store.deleteNativeApp(clientId))) throw new GarServiceError('not-found', 'no such app');
      logger.info('audit', { action: 'app.delete', subject: clientId, actor: actor.kind });
    },
  };
}
