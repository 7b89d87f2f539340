import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { resourceSchema } from '@opengar/core';
import type { Context } from 'hono';
import type { GarService } from '../../create-gar-service.js';
import { MAX_SP_METADATA_BYTES } from '../../registry/saml-sp-metadata.js';
import type { AppEnv } from '../app-env.js';
import { operatorAuth } from '../bearer-auth.js';
import { json, problems } from '../openapi-parts.js';
import { problemResponse } from '../problem-response.js';
import { readBoundedBody } from '../read-bounded-body.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

const XML_TYPE = /^(?:application\/(?:samlmetadata\+)?xml|text\/xml)\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function problem(
  c: Context<AppEnv>,
  code: 'bad-request' | 'payload-too-large' | 'unsupported-media-type',
  status: number,
  detail: string,
) {
  return problemResponse({ code, status, detail, requestId: c.get('requestId'), instance: c.req.path });
}

/**
 * `POST /api/v1/admin/resources/{resourceId}/saml-metadata` (operator): registers the resource's SAML service provider
 * from the SP's metadata XML (`?encryptAssertions=true|false` overrides the default: encrypt when the metadata has an
 * encryption key).
 */
export function mountSamlAdminRoutes(app: OpenAPIHono<AppEnv>, table: RouteTable, service: GarService): void {
  defineRoute(
    app,
    table,
    createRoute({
      method: 'post',
      path: '/api/v1/admin/resources/{resourceId}/saml-metadata',
      tags: ['Operator: resources'],
      summary: "Registers a resource's SAML service provider from its metadata XML",
      description:
        'The body is the SP\'s `<md:EntityDescriptor>` (DTDs refused, 64 KiB at most): the resource becomes `protocol: "saml"` with its entity id, ' +
        'HTTP-POST ACS URLs, certificates and AuthnRequestsSigned.',
      security: [{ operatorSecret: [] }],
      request: {
        params: z.object({ resourceId: z.string().min(1).max(1024) }),
        query: z.object({ encryptAssertions: z.enum(['true', 'false']).optional() }),
        body: {
          required: true,
          content: {
            'application/samlmetadata+xml': { schema: z.string() },
            'application/xml': { schema: z.string() },
          },
        },
      },
      responses: {
        200: json(resourceSchema, 'The resource, registered for SAML'),
        ...problems(400, 401, 403, 404, 409, 413, 415),
      },
    }),
    operatorAuth(service),
    async (c) => {
      const type = c.req.header('content-type');
      if (!type || !XML_TYPE.test(type.trim()))
        return problem(c, 'unsupported-media-type', 415, 'send application/samlmetadata+xml');
      const bytes = await readBoundedBody(c.req.raw, MAX_SP_METADATA_BYTES);
      if (!bytes) return problem(c, 'payload-too-large', 413, `the body exceeds ${MAX_SP_METADATA_BYTES} bytes`);
      let xml: string;
      try {
        xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return problem(c, 'bad-request', 400, 'the body is not UTF-8');
      }
      const encrypt = c.req.query('encryptAssertions');
      if (encrypt !== undefined && encrypt !== 'true' && encrypt !== 'false')
        return problem(c, 'bad-request', 400, 'encryptAssertions is true or false');
      const resource = await service.admin.resources.importSamlMetadata(
        actorOf(c),
        c.req.param('resourceId') ?? '',
        xml,
        encrypt === undefined ? {} : { encryptAssertions: encrypt === 'true' },
      );
      return c.json(resource);
    },
  );
}
