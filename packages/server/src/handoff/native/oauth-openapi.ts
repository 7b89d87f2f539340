import { z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { problemSchema } from '@opengar/core';
import type { AppEnv } from '../../http/app-env.js';

const TAG = 'Native apps (OAuth 2.0)';

const oauthErrorSchema = z
  .object({ error: z.string(), error_description: z.string().optional() })
  .openapi('OAuthError', { description: 'RFC 6749 §5.2 error' });

const tokenResponseSchema = z
  .object({
    access_token: z.string().describe('JWT, typ at+jwt, aud = the resource id, signed with the service’s keys'),
    token_type: z.literal('Bearer'),
    expires_in: z.int(),
    id_token: z.string().describe('JWT, aud = the client id; sub = IDO and the released attributes'),
    scope: z.literal('openid'),
  })
  .openapi('TokenResponse');

const claimsSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).openapi('AppClaims', {
  description: '`sub` = `IDO` and the attributes the resource declared, as the hand-off token',
});

const oauthError = (description: string) => ({
  description,
  content: { 'application/json': { schema: oauthErrorSchema } },
});

const ROUTES: RouteConfig[] = [
  {
    method: 'get',
    path: '/oauth/authorize',
    tags: ['Hand-off'],
    summary: 'A native app’s authorization request (RFC 8252, PKCE S256): to the ENT, then back with a code',
    description:
      'Opened in the system browser. An unknown `client_id` or an unregistered `redirect_uri` is answered here (400), ' +
      'never redirected; other errors come back to the redirect URI as `error`, `error_description`, `state`, `iss`. ' +
      'After the ENT round trip (`POST /launch/callback`) the browser lands at `redirect_uri?code=…&state=…&iss=…`.',
    request: {
      query: z.object({
        response_type: z.literal('code'),
        client_id: z.string(),
        redirect_uri: z.string().describe('Registered exactly; a loopback http://127.0.0.1/… may use any port'),
        code_challenge: z.string().describe('BASE64URL(SHA-256(code_verifier)), 43 characters'),
        code_challenge_method: z.literal('S256').describe('plain is refused'),
        state: z.string().max(1024).optional(),
        nonce: z.string().max(256).optional(),
        scope: z.literal('openid').optional(),
        idp_hint: z
          .string()
          .optional()
          .describe('The ENT (idENT) to sign in through; without it, the only ENT, or a page where the person chooses'),
        uai: z.string().max(45).optional().describe('The school; else the one the ENT’s assertion names'),
      }),
    },
    responses: {
      303: { description: 'To the ENT’s assertion endpoint, or back to the app with an error' },
      400: {
        description: 'Unknown app or unregistered redirect URI',
        content: { 'application/problem+json': { schema: problemSchema } },
      },
      429: { description: 'Too many requests', content: { 'application/problem+json': { schema: problemSchema } } },
    },
  },
  {
    method: 'post',
    path: '/oauth/token',
    tags: [TAG],
    summary: 'Exchanges an authorization code and its PKCE verifier for tokens',
    description:
      'A public client: no secret. The code is single-use and lives 60 s; a second use is refused and revokes the ' +
      'tokens the first gave.',
    request: {
      body: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              grant_type: z.literal('authorization_code'),
              code: z.string(),
              redirect_uri: z.string(),
              client_id: z.string(),
              code_verifier: z.string().min(43).max(128),
            }),
          },
        },
      },
    },
    responses: {
      200: { description: 'Tokens', content: { 'application/json': { schema: tokenResponseSchema } } },
      400: oauthError('invalid_request, invalid_grant, unsupported_grant_type'),
      401: oauthError('invalid_client'),
    },
  },
  {
    method: 'get',
    path: '/oauth/userinfo',
    tags: [TAG],
    summary: 'The claims an access token stands for, equal to the hand-off token’s',
    security: [{ bearerAccessToken: [] }],
    responses: {
      200: { description: 'The released claims', content: { 'application/json': { schema: claimsSchema } } },
      400: oauthError('a token in the URL'),
      401: oauthError('invalid_token (expired, revoked, or its app removed)'),
    },
  },
  {
    method: 'get',
    path: '/.well-known/openid-configuration',
    tags: ['Keys and metadata'],
    summary: 'OpenID Connect discovery for native apps (AppAuth and other stock OAuth clients)',
    responses: {
      200: { description: 'Metadata', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    },
  },
];

/** Describes the native-app routes in the service's OpenAPI document. */
export function registerOAuthOpenApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAccessToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT (at+jwt)',
  });
  for (const route of ROUTES) app.openAPIRegistry.registerPath(route);
}
