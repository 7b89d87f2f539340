import { z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { problemSchema } from '@opengar/core';
import type { AppEnv } from '../../http/app-env.js';

type Responses = RouteConfig['responses'];

const problems = (...statuses: number[]): Responses =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
const form = (schema: z.ZodType, description: string) => ({
  required: true,
  description,
  content: { 'application/x-www-form-urlencoded': { schema } },
});
const redirect = (description: string): Responses[string] => ({
  description,
  headers: { location: { schema: { type: 'string' } } },
});
const htmlPage = (description: string): Responses[string] => ({
  description,
  content: { 'text/html': { schema: z.string() } },
});

const loginFields = z.object({
  iss: z.string().max(2048).describe("The platform's issuer (Moodle: its site URL)"),
  login_hint: z.string().max(2048),
  target_link_uri: z.string().max(2048).describe('This tool’s launch URL, `/lti/tool/launch`'),
  lti_message_hint: z.string().max(2048).optional(),
  client_id: z.string().max(255).optional(),
  lti_deployment_id: z.string().max(255).optional(),
});

const ROUTES: RouteConfig[] = [
  ...(['get', 'post'] as const).map(
    (method): RouteConfig => ({
      method,
      path: '/lti/tool/login',
      tags: ['Hand-off'],
      summary: 'LTI 1.3 third-party login initiation from a registered platform (Moodle)',
      description:
        "Redirects to the platform's authorization endpoint (`response_mode=form_post`) with a `state` bound to the browser by the cookie " +
        '`opengar_lti_bind`, and a `nonce`.',
      request: method === 'get' ? { query: loginFields } : { body: form(loginFields, 'The login initiation') },
      responses: { 302: redirect("To the platform's OIDC authorization endpoint"), ...problems(400, 413, 415) },
    }),
  ),
  {
    method: 'post',
    path: '/lti/tool/launch',
    tags: ['Hand-off'],
    summary: 'LTI 1.3 launch: the id_token posted by the platform',
    description:
      'A resource link goes on to `GET /launch?idRessource=…` (the ENT authenticates the person); a Deep Linking request to the picker, after the ENT ' +
      'round trip.',
    request: {
      body: form(z.object({ id_token: z.string(), state: z.string() }), 'The id_token and the state (form_post)'),
    },
    responses: {
      200: htmlPage('The choice of an ENT, for a platform serving several'),
      303: redirect("To `/launch?idRessource=…`, or to the ENT's assertion endpoint for the picker"),
      ...problems(400, 409, 413, 415, 503),
    },
  },
  {
    method: 'get',
    path: '/lti/tool/picker/window',
    tags: ['Hand-off'],
    summary: "A framed Deep Linking request's new window: on to the ENT's round trip",
    description:
      "Opened from the platform's frame (Moodle's content selection), where ENTs refuse to be shown; the picker then runs in this window and hands " +
      'the Deep Linking response back to the frame (`postMessage`).',
    request: { query: z.object({ t: z.string().describe('The sealed request of the frame') }) },
    responses: { 303: redirect("To the ENT's assertion endpoint"), ...problems(400) },
  },
  {
    method: 'post',
    path: '/lti/tool/picker/ent',
    tags: ['Hand-off'],
    summary: 'The ENT a teacher chose for a Deep Linking request',
    request: { body: form(z.object({ request: z.string(), ent: z.string().max(64) }), 'The request and the ENT') },
    responses: { 303: redirect("To the ENT's assertion endpoint"), ...problems(400, 403, 413, 415) },
  },
  {
    method: 'post',
    path: '/lti/tool/picker',
    tags: ['Hand-off'],
    summary: "The teacher's choice: the Deep Linking response, auto-posted to the platform",
    request: {
      body: form(
        z.object({
          session: z.string(),
          resource: z.string().max(1024),
          grain: z.string().max(2048).optional().describe("A page inside the resource's grainOrigins"),
          title: z.string().max(255).optional(),
          lang: z.enum(['fr', 'en']).optional(),
        }),
        'The choice',
      ),
    },
    responses: {
      200: htmlPage('An auto-submitted form posting `JWT` (the LtiDeepLinkingResponse) to `deep_link_return_url`'),
      ...problems(400, 403, 413, 415),
    },
  },
];

/** Documents the LTI tool's routes in an app's OpenAPI registry. @example `registerLtiToolOpenApi(app)` */
export function registerLtiToolOpenApi(app: OpenAPIHono<AppEnv>): void {
  for (const route of ROUTES) app.openAPIRegistry.registerPath(route);
}
