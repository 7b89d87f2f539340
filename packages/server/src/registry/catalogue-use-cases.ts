import { publisherSchema, resourceSchema, type PublisherView, type Resource } from '@opengar/core';
import type { Store, StoredPublisher } from '../store/types.js';
import { requireOperator } from '../kernel/authorize.js';
import { sameId, validate, type ServiceContext } from '../kernel/context.js';
import { randomId, randomSecret, sha256Hex } from '../kernel/crypto.js';
import { GarServiceError } from '../kernel/errors.js';
import { readSpMetadata } from './saml-sp-metadata.js';
import { ensureFreeOfferForResource } from '../subscriptions/subscriptions-free-offers.js';
import type { Actor } from '../kernel/types.js';

/** A publisher account without its credentials' hashes. */
export function publisherView(p: StoredPublisher): PublisherView {
  const { apiKeyHashes, ...rest } = p;
  return { ...rest, apiKeyCount: apiKeyHashes.length };
}

/**
 * A SAML resource names its service provider, and an SP entity id belongs to one resource only (an AuthnRequest's
 * `Issuer` must say which resource it is for).
 */
async function checkSamlProvider(tx: Pick<Store, 'listResources'>, resource: Resource): Promise<void> {
  if (resource.protocol === 'saml' && !resource.saml) {
    throw new GarServiceError('validation', 'Invalid resource: a SAML resource needs its service provider', {
      issues: [{ pointer: '/saml', code: 'required', message: 'entityId and acsUrls of the SAML service provider' }],
    });
  }
  if (!resource.saml) return;
  const entityId = resource.saml.entityId;
  const taken = (await tx.listResources({ samlEntityId: entityId })).some((r) => r.id !== resource.id);
  if (taken) {
    throw new GarServiceError('conflict', 'another resource registered this SAML entity id', {
      issues: [{ pointer: '/saml/entityId', code: 'conflict', message: 'already registered for another resource' }],
    });
  }
}

/** Operator use cases on publishers, resources and operator credentials. */
export function catalogueUseCases(ctx: ServiceContext) {
  const { store, clock, logger } = ctx;

  async function saveResource(
    actor: Actor,
    input: unknown,
    mode: 'create' | 'update',
    pathId?: string,
  ): Promise<Resource> {
    requireOperator(actor);
    const resource = validate(resourceSchema, input, 'resource');
    if (pathId !== undefined) sameId(pathId, resource.id);
    // LTI: the tool block comes with the protocol, and only with it.
    if ((resource.protocol === 'lti') !== (resource.lti !== undefined)) {
      const message = resource.lti ? 'only for protocol lti' : 'an LTI resource needs its tool registration';
      throw new GarServiceError('validation', 'Invalid resource: lti', {
        issues: [{ pointer: '/lti', code: resource.lti ? 'unexpected' : 'required', message }],
      });
    }
    await store.transaction(async (tx) => {
      if (!(await tx.getPublisher(resource.publisherId))) {
        throw new GarServiceError('validation', 'Invalid resource: unknown publisher', {
          issues: [{ pointer: '/publisherId', code: 'not_found', message: 'no publisher with this id' }],
        });
      }
      const existing = await tx.getResource(resource.id);
      if (mode === 'create' && existing) throw new GarServiceError('conflict', 'a resource with this id exists');
      await checkSamlProvider(tx, resource);
      if (mode === 'update' && !existing) throw new GarServiceError('not-found', 'no such resource');
      await tx.putResource(resource);
      if (resource.freeOffer || existing?.freeOffer)
        await ensureFreeOfferForResource(tx, resource, clock.now().toISOString());
    });
    logger.info('audit', { action: `resource.${mode}`, subject: resource.id, actor: actor.kind });
    return resource;
  }

  return {
    /**
     * Registers a resource's SAML service provider from its metadata XML (operator): the resource becomes
     * `protocol: 'saml'` with the metadata's entity id, HTTP-POST ACS URLs, certificates and `AuthnRequestsSigned`;
     * its assertions are encrypted when the metadata has an encryption key, unless `encryptAssertions` says otherwise.
     *
     * @example
     * ```ts
     * const resource = await service.admin.resources.importSamlMetadata(operator, 'ark:/99303/quiz-sciences', xml);
     * ```
     */
    async importSamlMetadata(
      actor: Actor,
      id: string,
      xml: string,
      options: { encryptAssertions?: boolean } = {},
    ): Promise<Resource> {
      requireOperator(actor);
      const sp = readSpMetadata(xml);
      const existing = await store.getResource(id);
      if (!existing) throw new GarServiceError('not-found', 'no such resource');
      const saml = {
        ...sp,
        encryptAssertions: options.encryptAssertions ?? sp.encryptionCertificate !== undefined,
      };
      return saveResource(actor, { ...existing, protocol: 'saml', saml }, 'update', id);
    },
    /**
     * Registers a publisher (operator) and returns its API key, shown this once: only its SHA-256 is stored.
     *
     * @example
     * ```ts
     * const { publisher, apiKey } = await service.admin.publishers.create(operator, { id: 'ed1', name: 'Éditions', distributorIds: ['123456789_0000000000000001'] });
     * ```
     */
    async registerPublisher(actor: Actor, input: unknown): Promise<{ publisher: PublisherView; apiKey: string }> {
      requireOperator(actor);
      const publisher = validate(publisherSchema, input, 'publisher');
      const apiKey = randomSecret('ogp_');
      const stored: StoredPublisher = { ...publisher, apiKeyHashes: [await sha256Hex(apiKey)] };
      await store.transaction(async (tx) => {
        if (await tx.getPublisher(publisher.id))
          throw new GarServiceError('conflict', 'a publisher with this id exists');
        await tx.putPublisher(stored);
      });
      logger.info('audit', { action: 'publisher.create', subject: publisher.id, actor: actor.kind });
      return { publisher: publisherView(stored), apiKey };
    },
    /** Replaces a publisher's record, keeping its API keys (operator). @example `await service.admin.publishers.update(operator, 'ed1', body)` */
    async updatePublisher(actor: Actor, id: string, input: unknown): Promise<PublisherView> {
      requireOperator(actor);
      const publisher = validate(publisherSchema, input, 'publisher');
      sameId(id, publisher.id);
      const stored = await store.transaction(async (tx) => {
        const existing = await tx.getPublisher(id);
        if (!existing) throw new GarServiceError('not-found', 'no such publisher');
        const next: StoredPublisher = { ...publisher, apiKeyHashes: existing.apiKeyHashes };
        await tx.putPublisher(next);
        return next;
      });
      logger.info('audit', { action: 'publisher.update', subject: id, actor: actor.kind });
      return publisherView(stored);
    },
    /** Reads a publisher, without credentials (operator). @example `await service.admin.publishers.get(operator, 'ed1')` */
    async getPublisher(actor: Actor, id: string): Promise<PublisherView> {
      requireOperator(actor);
      const p = await store.getPublisher(id);
      if (!p) throw new GarServiceError('not-found', 'no such publisher');
      return publisherView(p);
    },
    /** Lists publishers, without credentials (operator). @example `await service.admin.publishers.list(operator)` */
    async listPublishers(actor: Actor): Promise<PublisherView[]> {
      requireOperator(actor);
      return (await store.listPublishers()).map(publisherView);
    },
    /**
     * Registers a catalogue resource of a registered publisher (operator).
     *
     * @example
     * ```ts
     * await service.admin.resources.create(operator, { id: 'ark:/67890/dico', idType: 'ark', name: 'Dico', publisherId: 'ed1', ...details });
     * ```
     */
    registerResource: (actor: Actor, input: unknown) => saveResource(actor, input, 'create'),
    /** Replaces a resource (operator). @example `await service.admin.resources.update(operator, 'ark:/67890/dico', body)` */
    updateResource: (actor: Actor, id: string, input: unknown) => saveResource(actor, input, 'update', id),
    /** Reads a resource (operator). @example `await service.admin.resources.get(operator, 'ark:/67890/dico')` */
    async getResource(actor: Actor, id: string): Promise<Resource> {
      requireOperator(actor);
      const r = await store.getResource(id);
      if (!r) throw new GarServiceError('not-found', 'no such resource');
      return r;
    },
    /** Lists the catalogue (operator). @example `await service.admin.resources.list(operator)` */
    async listResources(actor: Actor): Promise<Resource[]> {
      requireOperator(actor);
      return store.listResources();
    },
    /**
     * Creates an operator credential (system only: `opengar operator create`); the secret is returned this once.
     *
     * @example
     * ```ts
     * const { secret } = await service.admin.operators.create({ kind: 'system' }, { label: 'alice' });
     * ```
     */
    async createOperator(
      actor: Actor,
      input: { label: string },
    ): Promise<{ id: string; label: string; secret: string }> {
      if (actor.kind !== 'system') throw new GarServiceError('forbidden', 'operators are created by the system only');
      const label = input.label.trim();
      if (label.length === 0 || label.length > 255) {
        throw new GarServiceError('validation', 'Invalid operator label', {
          issues: [
            {
              pointer: '/label',
              code: label.length === 0 ? 'required' : 'too_long',
              message: 'a label of 1 to 255 characters',
            },
          ],
        });
      }
      const secret = randomSecret('ogo_');
      const id = randomId();
      await store.putOperator({ id, label, secretHash: await sha256Hex(secret), createdAt: clock.now().toISOString() });
      logger.info('audit', { action: 'operator.create', subject: id });
      return { id, label, secret };
    },
  };
}
