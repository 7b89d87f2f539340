import type {
  Ent,
  LtiPlatform,
  ltiPlatformSchema,
  NativeApp,
  PublisherCreated,
  PublisherView,
  Resource,
  School,
  entSchema,
  publisherSchema,
  resourceSchema,
  schoolSchema,
} from '@opengar/core';
import { createConsoleClient, type GarConsoleClient } from './console-client.js';
import type { RolloverOutcome } from './console-year-client.js';
import { mediacentreCalls, type GarMediacentreClient } from './create-mediacentre-client.js';
import type { CallOptions, GarClientOptions } from './options.js';
import { createStatsClient, type GarStatsClient } from './stats-client.js';
import { createTeacherClient, type GarTeacherClient } from './teacher-client.js';
import { createTransport, type GarTransport } from './transport.js';

/** Body of a create call: the schema's input (fields with defaults may be left out). */
export type EntInput = (typeof entSchema)['_zod']['input'];
/** Body of `admin.schools.create`. */
export type SchoolInput = (typeof schoolSchema)['_zod']['input'];
/** Body of `admin.publishers.create`. */
export type PublisherInput = (typeof publisherSchema)['_zod']['input'];
/** Body of `admin.resources.create`. */
export type ResourceInput = (typeof resourceSchema)['_zod']['input'];

/** The operator's native apps: the collection calls, and `delete` (its codes and tokens stop working). */
export interface NativeAppCollection extends AdminCollection<NativeApp, NativeApp, NativeApp, { resourceId?: string }> {
  /** `DELETE /api/v1/admin/apps/{clientId}` (404 `not-found` when unknown). */
  delete(clientId: string, options?: CallOptions): Promise<void>;
}

/** The operator's resources: the collection calls, and the SAML service provider's registration from its metadata. */
export interface ResourceCollection extends AdminCollection<Resource, ResourceInput, Resource> {
  /**
   * `POST /api/v1/admin/resources/{id}/saml-metadata`: registers the resource's SAML 2.0 service provider from the SP's
   * metadata XML (entity id, HTTP-POST ACS URLs, certificates); assertions are encrypted when the metadata has an
   * encryption key, unless `encryptAssertions` says otherwise.
   *
   * @example
   * ```ts
   * const resource = await client.admin.resources.importSamlMetadata('ark:/99303/quiz-sciences', metadataXml);
   * ```
   */
  importSamlMetadata(
    id: string,
    xml: string,
    options?: CallOptions & { encryptAssertions?: boolean },
  ): Promise<Resource>;
}

/** Body of `admin.ltiPlatforms.create`. */
export type LtiPlatformInput = (typeof ltiPlatformSchema)['_zod']['input'];

/** The operator's LTI platforms (Moodle sites where opengar is a tool): the collection calls, and `delete`. */
export interface LtiPlatformCollection extends AdminCollection<LtiPlatform, LtiPlatformInput, LtiPlatform> {
  /** `DELETE /api/v1/admin/lti-platforms/{id}` (404 `not-found` when unknown): its launches are refused from now on. */
  delete(id: string, options?: CallOptions): Promise<void>;
}

/** One registry collection of the operator API. */
export interface AdminCollection<Item, Input, Created, Query = undefined> {
  /** `GET /api/v1/admin/{collection}`. */
  list(options?: CallOptions & (Query extends undefined ? object : { query?: Query })): Promise<Item[]>;
  /** `POST /api/v1/admin/{collection}`. */
  create(input: Input, options?: CallOptions): Promise<Created>;
  /** `GET /api/v1/admin/{collection}/{id}` (404 `not-found` when unknown). */
  get(id: string, options?: CallOptions): Promise<Item>;
  /** `PUT /api/v1/admin/{collection}/{id}`: replaces the record (its id must stay the same). */
  update(id: string, input: Input, options?: CallOptions): Promise<Item>;
}

/** The operator's calls (credential: the operator secret). */
export interface GarAdminClient {
  ents: AdminCollection<Ent, EntInput, Ent>;
  schools: AdminCollection<School, SchoolInput, School, { entId?: string }>;
  publishers: AdminCollection<PublisherView, PublisherInput, PublisherCreated>;
  resources: ResourceCollection;
  /** Native apps of a resource (OAuth 2.0 public clients with PKCE): client id, resource, redirect URIs. */
  apps: NativeAppCollection;
  /** LTI 1.3 platforms (Moodle) where opengar is an external tool: issuer, client ids, keys, deployments, ENTs. */
  ltiPlatforms: LtiPlatformCollection;
  /** `DELETE /api/v1/admin/people/{entId}/{personId}`: erases a person on request (GDPR), now. */
  erasePerson(entId: string, personId: string, options?: CallOptions): Promise<unknown>;
  /**
   * `GET /api/v1/admin/people/{entId}/{personId}/data`: the person's access export (droit d'accès), every record of
   * every table that holds them (`format: 'html'` answers the printable page as text).
   */
  personData(
    entId: string,
    personId: string,
    options?: CallOptions & { format?: 'json' | 'html'; lang?: 'fr' | 'en' },
  ): Promise<unknown>;
  /**
   * `POST /api/v1/admin/people/{entId}/{personId}/erasure`: erases the person now and answers the report — their data
   * before, and what the rules keep after (`format: 'html'`: the printable page as text).
   */
  erasePersonWithReport(
    entId: string,
    personId: string,
    options?: CallOptions & { format?: 'json' | 'html'; lang?: 'fr' | 'en' },
  ): Promise<unknown>;
  /** `POST /api/v1/admin/rollover?year=`: the school-year rollover of every school; a preview unless `preview: false`. */
  rollover(year: string, options?: CallOptions & { preview?: boolean }): Promise<RolloverOutcome[]>;
}

/**
 * A typed client of the opengar service, grouped by audience: the médiacentre calls (credential: an ENT user
 * assertion) at the top, the operator's under `admin`, the allocation console's under `console`, statistics under
 * `stats`.
 */
export interface GarClient extends GarMediacentreClient {
  /** Registration calls of the operator API. */
  readonly admin: GarAdminClient;
  /** The allocation console's calls, for a school's managers and delegates. */
  readonly console: GarConsoleClient;
  /** Usage statistics under disclosure control (school managers; `national` for operators). */
  readonly stats: GarStatsClient;
  /** A teacher's classes, usage, pins and requests. */
  readonly teacher: GarTeacherClient;
}

function idSegment(value: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 1024)
    throw new TypeError('admin: the id must be 1 to 1024 characters');
  return encodeURIComponent(value);
}

function collection<Item, Input, Created, Query = undefined>(
  { send }: GarTransport,
  name: string,
): AdminCollection<Item, Input, Created, Query> {
  const path = `api/v1/admin/${name}`;
  return {
    async list(o?: CallOptions & { query?: Record<string, string | undefined> }) {
      const body = await send<{ items: Item[] }>('get', path, {
        signal: o?.signal,
        ...(o?.query ? { searchParams: o.query } : {}),
      });
      return body.items;
    },
    create: (input, o) => send<Created>('post', path, { signal: o?.signal, json: input }),
    get: (id: string, o?: CallOptions) => send<Item>('get', `${path}/${idSegment(id)}`, { signal: o?.signal }),
    update: (id: string, input: Input, o?: CallOptions) =>
      send<Item>('put', `${path}/${idSegment(id)}`, { signal: o?.signal, json: input }),
  } as AdminCollection<Item, Input, Created, Query>;
}

/**
 * Creates a client of the opengar service for browsers and Node 20+.
 *
 * Errors: an error answer rejects with {@link GarApiError} (its `code` is the problem code), no answer with
 * {@link GarNetworkError}, a late one with {@link GarTimeoutError}; an aborted call rejects with the signal's reason.
 * Reads are retried with backoff; a `token-expired`/401 answer makes the client ask `getToken` again and retry once.
 *
 * @example
 * ```ts
 * const client = createGarClient({ baseUrl: 'https://gar.example', getToken: () => ent.assertion() });
 * const { resources, schools } = await client.resources('0561641E');
 * await client.setFavourites([resources[0].id]);
 * ```
 */
export function createGarClient(options: GarClientOptions): GarClient {
  const transport = createTransport(options, 'createGarClient');
  return {
    ...mediacentreCalls(transport),
    admin: {
      ents: collection(transport, 'ents'),
      schools: collection(transport, 'schools'),
      publishers: collection(transport, 'publishers'),
      resources: {
        ...collection<Resource, ResourceInput, Resource>(transport, 'resources'),
        importSamlMetadata: (id, xml, o) =>
          transport.send<Resource>('post', `api/v1/admin/resources/${idSegment(id)}/saml-metadata`, {
            signal: o?.signal,
            body: xml,
            headers: { 'content-type': 'application/samlmetadata+xml' },
            ...(o?.encryptAssertions === undefined
              ? {}
              : { searchParams: { encryptAssertions: String(o.encryptAssertions) } }),
          }),
      },
      apps: {
        ...collection<NativeApp, NativeApp, NativeApp, { resourceId?: string }>(transport, 'apps'),
        delete: async (clientId, o) => {
          await transport.send('delete', `api/v1/admin/apps/${idSegment(clientId)}`, { signal: o?.signal });
        },
      },
      ltiPlatforms: {
        ...collection<LtiPlatform, LtiPlatformInput, LtiPlatform>(transport, 'lti-platforms'),
        delete: async (id, o) => {
          await transport.send('delete', `api/v1/admin/lti-platforms/${idSegment(id)}`, { signal: o?.signal });
        },
      },
      erasePerson: (entId, personId, o) =>
        transport.send('delete', `api/v1/admin/people/${idSegment(entId)}/${idSegment(personId)}`, {
          signal: o?.signal,
        }),
      personData: (entId, personId, o) =>
        transport.send('get', `api/v1/admin/people/${idSegment(entId)}/${idSegment(personId)}/data`, {
          signal: o?.signal,
          searchParams: { format: o?.format, lang: o?.lang },
          ...(o?.format === 'html' ? { as: 'text' as const } : {}),
        }),
      erasePersonWithReport: (entId, personId, o) =>
        transport.send('post', `api/v1/admin/people/${idSegment(entId)}/${idSegment(personId)}/erasure`, {
          signal: o?.signal,
          searchParams: { format: o?.format, lang: o?.lang },
          ...(o?.format === 'html' ? { as: 'text' as const } : {}),
        }),
      rollover: async (year, o) =>
        (
          await transport.send<{ items: RolloverOutcome[] }>('post', 'api/v1/admin/rollover', {
            signal: o?.signal,
            searchParams: { year, preview: o?.preview === false ? 'false' : 'true' },
          })
        ).items,
    },
    console: createConsoleClient(transport.send),
    stats: createStatsClient(transport.send),
    teacher: createTeacherClient(transport.send),
  };
}
