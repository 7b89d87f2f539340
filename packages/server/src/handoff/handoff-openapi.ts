import { z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { problemSchema } from '@opengar/core';
import { garErrorBodySchema } from '../gar/gar-error-body.js';
import { garListingSchema } from '../gar/ressources-listing.js';
import type { AppEnv } from '../http/app-env.js';

type Responses = RouteConfig['responses'];

const launchForm = z.object({
  assertion: z.string().describe('An ENT user assertion (JWT, typ gar-ent+jwt)'),
  resource: z.string().max(1024).describe('The idRessource to open'),
  uai: z.string().max(45).describe('The school the user opens it from'),
  grain: z
    .string()
    .max(2048)
    .optional()
    .describe("A page of the resource: a path or an absolute URL inside the resource's grainOrigins (the GRAIN claim)"),
});
const discoveryForm = z.object({
  resource: z.string().max(1024).describe('The idRessource'),
  school: z.string().max(120).describe('`idENT:UAI`, or `idENT:` to let the ENT name the school'),
  grain: z.string().max(2048).optional(),
  remember: z.literal('1').optional().describe('Remember the choice on this browser (cookie opengar_where, 13 months)'),
  lang: z.enum(['fr', 'en']).optional(),
});
const callbackForm = z.object({
  assertion: z.string().describe('An ENT user assertion (JWT, typ gar-ent+jwt)'),
  state: z.string().describe('The state received at the assertion endpoint, unchanged'),
});
const casLoginForm = z.object({
  assertion: z.string(),
  service: z.string().describe('A registered CAS service URL'),
  uai: z.string().max(45),
});

function problems(...statuses: number[]): Responses {
  const out: Responses = {};
  for (const s of statuses)
    out[String(s)] = {
      description: 'Problem details (RFC 9457)',
      content: { 'application/problem+json': { schema: problemSchema } },
    };
  return out;
}

function form(schema: z.ZodType, description: string): NonNullable<RouteConfig['request']>['body'] {
  return { required: true, description, content: { 'application/x-www-form-urlencoded': { schema } } };
}

const page: Responses[string] = {
  description:
    'The hand-off page: an auto-submitted form posting `gar_token` to the resource (no-store, no-referrer, CSP with a nonce)',
  content: { 'text/html': { schema: z.string() } },
};
const redirect = (description: string): Responses[string] => ({
  description,
  headers: { location: { schema: { type: 'string' } } },
});
const casXml = {
  description: 'CAS serviceResponse (XML; CAS 3.0 JSON with format=JSON)',
  content: {
    'application/xml': { schema: z.string() },
    'application/json': { schema: z.record(z.string(), z.unknown()) },
  },
};
const casValidateQuery = z.object({
  service: z.string(),
  ticket: z.string(),
  format: z.enum(['XML', 'JSON']).optional(),
});

const ROUTES: RouteConfig[] = [
  {
    method: 'post',
    path: '/launch',
    tags: ['Hand-off'],
    summary: 'Opens a resource: re-checks the right and hands the browser to the publisher',
    description: 'A top-level form submit from the widget. Refusals are `403 not-entitled` with a `reason`.',
    request: { body: form(launchForm, 'The launch form') },
    responses: {
      200: page,
      303: redirect('CAS resources: to the registered service with `?ticket=ST-…`'),
      ...problems(400, 401, 403, 404, 405, 413, 415),
    },
  },
  {
    method: 'get',
    path: '/launch',
    tags: ['Hand-off'],
    summary: 'GAR-style launch link: sends the browser to its ENT for an assertion',
    request: {
      query: z.object({
        idENT: z
          .string()
          .optional()
          .describe('base64 of the ENT id; absent: discovery (or idp_hint, or the remembered choice)'),
        idEtab: z.string().optional().describe('base64 of the UAI'),
        idRessource: z.string().describe('base64 of the resource id'),
        grain: z.string().max(2048).optional().describe('A page of the resource, inside its grainOrigins'),
        idp_hint: z.string().optional().describe('Without idENT: the ENT to go through, skipping discovery'),
        prompt: z.enum(['select']).optional().describe('Without idENT: show discovery even with a remembered choice'),
      }),
    },
    responses: {
      303: redirect(
        "To the ENT's assertion endpoint with `return_to` and a single-use `state`, or to `/launch/discover`",
      ),
      ...problems(400, 404, 409),
    },
  },
  {
    method: 'get',
    path: '/launch/discover',
    tags: ['Hand-off'],
    summary: 'Discovery: a person arriving without ENT or school chooses académie, ENT and school (fr/en, no script)',
    request: {
      query: z.object({
        resource: z.string().max(1024),
        grain: z.string().max(2048).optional(),
        q: z.string().max(200).optional().describe("Words of the school's name, town, postcode or UAI"),
        academie: z.string().max(10).optional(),
        ent: z.string().max(64).optional(),
        lang: z.enum(['fr', 'en']).optional(),
      }),
    },
    responses: {
      200: { description: 'The discovery page', content: { 'text/html': { schema: z.string() } } },
      ...problems(400, 404, 429),
    },
  },
  {
    method: 'post',
    path: '/launch/discover',
    tags: ['Hand-off'],
    summary: 'The choice of the discovery page: remembered if asked, then on to the ENT as a GAR-style link',
    request: { body: form(discoveryForm, 'The chosen school (or ENT)') },
    responses: {
      303: redirect("To the ENT's assertion endpoint with `return_to` and a single-use `state`"),
      ...problems(400, 403, 404, 409, 413, 415),
    },
  },
  {
    method: 'post',
    path: '/launch/callback',
    tags: ['Hand-off'],
    summary: 'Where the ENT posts the assertion back after a GAR-style link; hands off as POST /launch',
    request: { body: form(callbackForm, 'The assertion and the state') },
    responses: {
      200: page,
      303: redirect('CAS resources: to the service with a ticket'),
      ...problems(400, 401, 403, 404, 413, 415),
    },
  },
  {
    method: 'get',
    path: '/ressources/{idENT}/{UAI}/{GARPersonIdentifiant}',
    tags: ['GAR-compatible'],
    summary: "GAR's médiacentre listing for an ENT back end (client certificate or client assertion)",
    request: { params: z.object({ idENT: z.string(), UAI: z.string(), GARPersonIdentifiant: z.string() }) },
    responses: {
      200: { description: "GAR's listing", content: { 'application/json': { schema: garListingSchema } } },
      ...Object.fromEntries(
        [400, 401, 403, 404, 405, 413, 415, 500, 503].map((s) => [
          String(s),
          { description: "GAR's error body", content: { 'application/json': { schema: garErrorBodySchema } } },
        ]),
      ),
    },
  },
  {
    method: 'get',
    path: '/cas/login',
    tags: ['CAS'],
    summary:
      'CAS login started by a resource: sends the browser to its ENT (named, of its session, or chosen on a page)',
    request: {
      query: z.object({ service: z.string(), idENT: z.string().optional(), idEtab: z.string().optional() }),
    },
    responses: {
      200: { description: 'The page to choose an ENT', content: { 'text/html': { schema: z.string() } } },
      303: redirect("To the ENT's assertion endpoint"),
      ...problems(400, 404, 409),
    },
  },
  {
    method: 'post',
    path: '/cas/login',
    tags: ['CAS'],
    summary: 'CAS login for a browser holding an ENT assertion',
    request: { body: form(casLoginForm, 'The assertion, the service URL and the school') },
    responses: { 303: redirect('To the service with `?ticket=ST-…`'), ...problems(400, 401, 403, 404, 413, 415) },
  },
  {
    method: 'get',
    path: '/cas/p3/serviceValidate',
    tags: ['CAS'],
    summary: 'CAS 3.0 ticket validation: the IDO and the released attributes',
    request: { query: casValidateQuery },
    responses: { 200: casXml },
  },
  {
    method: 'get',
    path: '/cas/serviceValidate',
    tags: ['CAS'],
    summary: 'CAS 2.0 ticket validation (answers as the CAS 3.0 path, attributes included)',
    request: { query: casValidateQuery },
    responses: { 200: casXml },
  },
  {
    method: 'get',
    path: '/cas/proxyValidate',
    tags: ['CAS'],
    summary: 'Refused: no proxy tickets (INVALID_REQUEST; also /cas/p3/proxyValidate and /cas/proxy)',
    request: { query: casValidateQuery },
    responses: { 200: casXml },
  },
  {
    method: 'get',
    path: '/cas/logout',
    tags: ['CAS'],
    summary: 'Ends the CAS session with single logout (SAML LogoutRequest) to each of its services',
    request: { query: z.object({ service: z.string().optional() }) },
    responses: {
      200: { description: 'The signed-out page', content: { 'text/html': { schema: z.string() } } },
      303: redirect('Back to `service`, when it is registered'),
    },
  },
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    tags: ['Keys and metadata'],
    summary: 'The public keys of hand-off tokens (rotation with overlap)',
    responses: {
      200: {
        description: 'JWKS',
        content: { 'application/json': { schema: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) } },
      },
    },
  },
  {
    method: 'get',
    path: '/.well-known/gar-configuration',
    tags: ['Keys and metadata'],
    summary: 'Service metadata: issuer, jwks_uri, launch_endpoint, cas_base, algorithms, claims',
    description:
      'Also the OAuth endpoints of native apps, the SAML 2.0 IdP (`saml_metadata_endpoint`, `saml_sso_endpoint`) and the LTI 1.3 platform ' +
      'configuration (`lti_configuration_endpoint`).',
    responses: {
      200: { description: 'Metadata', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    },
  },
];

/**
 * Documents the hand-off routes in an app's OpenAPI registry (the routes themselves come from
 * {@link createHandoffRoutes}).
 *
 * @example
 * ```ts
 * registerHandoffOpenApi(app);
 * app.route('/', createHandoffRoutes(options));
 * ```
 */
export function registerHandoffOpenApi(app: OpenAPIHono<AppEnv>): void {
  for (const route of ROUTES) app.openAPIRegistry.registerPath(route);
}
