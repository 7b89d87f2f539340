import { z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { problemSchema } from '@opengar/core';
import type { AppEnv } from '../../http/app-env.js';
import { SAML_PATHS } from './saml-names.js';

const problem400 = {
  description: 'Problem details (RFC 9457): the request is refused (`reason`: unknown_issuer, unregistered_acs…)',
  content: { 'application/problem+json': { schema: problemSchema } },
};
const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const toEnt = {
  description: "To the ENT's assertion endpoint",
  headers: { location: { schema: { type: 'string' as const } } },
};
const hint = z.string().max(64).optional().describe('The idENT of the ENT to sign in with (else a page to choose it)');

const ROUTES: RouteConfig[] = [
  {
    method: 'get',
    path: SAML_PATHS.metadata,
    tags: ['Keys and metadata'],
    summary: 'SAML 2.0 IdP metadata: entity id, SSO endpoints, the current and next signing certificates',
    responses: {
      200: { description: 'EntityDescriptor', content: { 'application/samlmetadata+xml': { schema: z.string() } } },
    },
  },
  {
    method: 'get',
    path: SAML_PATHS.sso,
    tags: ['Hand-off'],
    summary: 'SAML 2.0 SSO, HTTP-Redirect binding: an SP’s AuthnRequest (DEFLATE, base64), signed or not',
    request: {
      query: z.object({
        SAMLRequest: z.string(),
        RelayState: z.string().optional(),
        SigAlg: z.string().optional(),
        Signature: z.string().optional(),
        idp_hint: hint,
      }),
    },
    responses: { 200: html('The page to choose an ENT'), 303: toEnt, 400: problem400 },
  },
  {
    method: 'post',
    path: SAML_PATHS.sso,
    tags: ['Hand-off'],
    summary: 'SAML 2.0 SSO, HTTP-POST binding: an SP’s AuthnRequest (base64), signed or not',
    request: {
      body: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({ SAMLRequest: z.string(), RelayState: z.string().optional(), idp_hint: hint }),
          },
        },
      },
    },
    responses: { 200: html('The page to choose an ENT'), 303: toEnt, 400: problem400 },
  },
  {
    method: 'get',
    path: SAML_PATHS.slo,
    tags: ['Hand-off'],
    summary: 'SAML 2.0 single logout, HTTP-Redirect binding: an SP’s signed LogoutRequest (DEFLATE, base64)',
    request: {
      query: z.object({
        SAMLRequest: z.string(),
        RelayState: z.string().optional(),
        SigAlg: z.string().optional(),
        Signature: z.string().optional(),
      }),
    },
    responses: {
      200: html('The page posting the signed LogoutResponse (Success) to the SP’s single logout URL'),
      400: problem400,
    },
  },
];

/** Documents the SAML identity provider's routes in an app's OpenAPI registry. */
export function registerSamlOpenApi(app: OpenAPIHono<AppEnv>): void {
  for (const route of ROUTES) app.openAPIRegistry.registerPath(route);
}
