import { z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { problemSchema } from '@opengar/core';
import type { AppEnv } from '../../http/app-env.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

const authorizeParams = z.object({
  response_type: z.literal('id_token'),
  response_mode: z.literal('form_post'),
  scope: z.string().describe('Must include openid'),
  prompt: z.literal('none'),
  client_id: z.string().describe('The tool’s client id at opengar'),
  redirect_uri: z.string().describe('One of the tool’s registered redirect URIs, exactly'),
  login_hint: z.string().describe('The single-use hint of the login initiation'),
  lti_message_hint: z.string().describe('The message hint of the same login initiation'),
  nonce: z.string(),
  state: z.string().optional(),
});

const authorizeResponses = {
  200: { description: 'An auto-submitting form posting `id_token` (RS256) and `state` to the redirect URI' },
  400: problem('A refused request; `reason` says which check failed'),
  413: problem('Form too large'),
  415: problem('Not a form'),
};

const ROUTES: RouteConfig[] = [
  {
    method: 'get',
    path: '/lti/authorize',
    tags: ['Hand-off'],
    summary: 'LTI 1.3: the tool’s OIDC authentication request, after the login initiation',
    description:
      'The tool sends the browser here after opengar posted the third-party login initiation to its login URL. ' +
      'The answer form-posts an `id_token` with the LTI claims; `sub` is the IDO and the released GAR attributes ' +
      'are in the claim `https://opengar.org/lti/claim/gar`.',
    request: { query: authorizeParams },
    responses: authorizeResponses,
  },
  {
    method: 'post',
    path: '/lti/authorize',
    tags: ['Hand-off'],
    summary: 'LTI 1.3: the tool’s OIDC authentication request, as a form',
    request: {
      body: { content: { 'application/x-www-form-urlencoded': { schema: authorizeParams } }, required: true },
    },
    responses: authorizeResponses,
  },
  {
    method: 'post',
    path: '/lti/deep-linking/start',
    tags: ['Hand-off'],
    summary: 'LTI Deep Linking: a teacher asks the tool’s picker for a page to pin to a class',
    description:
      'A top-level form submit from the ENT (as `POST /launch`). The caller must teach the class; the resource must be ' +
      'an LTI tool with a Deep Linking URL. Answered with the login initiation to the tool (`LtiDeepLinkingRequest`).',
    request: {
      body: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              assertion: z.string().describe('ENT user assertion (typ gar-ent+jwt)'),
              resource: z.string(),
              uai: z.string(),
              group: z.string().describe('The division or group code the page is recommended to'),
              until: z.string().describe('The pin’s last day, YYYY-MM-DD'),
              note: z.string().optional(),
            }),
          },
        },
        required: true,
      },
    },
    responses: {
      200: { description: 'An auto-submitting form posting the login initiation to the tool' },
      400: problem('Invalid form'),
      401: problem('Invalid or reused assertion'),
      403: problem('Not a class the caller teaches, not entitled, or posted from a foreign site'),
      404: problem('No such school or resource'),
    },
  },
  {
    method: 'post',
    path: '/lti/deep-linking/return',
    tags: ['Hand-off'],
    summary: 'LTI Deep Linking: the tool posts its LtiDeepLinkingResponse; the chosen page becomes a pin',
    description:
      'Verified with the tool’s keys (RS256, `iss` = its client id, `aud` = opengar’s issuer, `exp`, single-use ' +
      '`nonce`, `data` echoed, deployment id). Only items whose URL lies inside the resource’s grain origins are kept.',
    request: {
      body: {
        content: { 'application/x-www-form-urlencoded': { schema: z.object({ JWT: z.string() }) } },
        required: true,
      },
    },
    responses: {
      200: { description: 'A page telling the teacher which page was pinned to which class' },
      400: problem('A refused response; `reason` says which check failed'),
    },
  },
  {
    method: 'get',
    path: '/lti/configuration',
    tags: ['Keys and metadata'],
    summary: 'LTI 1.3 platform configuration: issuer, authorization endpoint, JWKS, Deep Linking return URL',
    responses: {
      200: {
        description: 'What a tool registers for opengar as its platform',
        content: {
          'application/json': {
            schema: z.object({
              issuer: z.string(),
              authorization_endpoint: z.string(),
              jwks_uri: z.string(),
              deep_link_return_url: z.string(),
              id_token_signing_alg_values_supported: z.array(z.string()),
              messages_supported: z.array(z.string()),
              product_family_code: z.string(),
              gar_attributes_claim: z.string(),
            }),
          },
        },
      },
    },
  },
];

/** Registers the LTI routes in the OpenAPI document. */
export function registerLtiOpenApi(app: OpenAPIHono<AppEnv>): void {
  for (const route of ROUTES) app.openAPIRegistry.registerPath(route);
}
