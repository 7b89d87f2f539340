import { z } from 'zod';
import { publisherUrlSchema } from './primitives.js';

/**
 * How a resource registered as an LTI 1.3 tool is reached (opengar is the platform): the tool's `client_id` at
 * opengar, its OIDC login initiation URL, the redirect URIs its `id_token` may be posted to (matched exactly), its
 * public keys (a JWKS URL or inline keys: they verify its Deep Linking responses), the deployment ids, and the URL of
 * its Deep Linking picker, if it has one.
 *
 * @example
 * ```ts
 * ltiToolSchema.parse({
 *   clientId: 'opengar-dico',
 *   loginUrl: 'https://tool.example/lti/login',
 *   redirectUris: ['https://tool.example/lti'],
 *   jwksUrl: 'https://tool.example/lti/keys',
 *   deploymentIds: ['opengar-1'],
 * });
 * ```
 */
export const ltiToolSchema = z
  .strictObject({
    /** The `client_id` opengar gave the tool: the `aud` of the `id_token`s, the `iss` of its Deep Linking responses. */
    clientId: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII, no spaces'),
    /** Where the OIDC third-party login is initiated (`iss`, `login_hint`, `target_link_uri`…). */
    loginUrl: publisherUrlSchema,
    /** URIs the `id_token` may be posted to; a `redirect_uri` must equal one of them exactly. */
    redirectUris: z.array(publisherUrlSchema).min(1).max(20),
    /** The launch's `target_link_uri` (default: the resource's access URL). */
    targetLinkUri: publisherUrlSchema.optional(),
    /** Where the tool publishes its public keys. */
    jwksUrl: publisherUrlSchema.optional(),
    /** Or its public keys inline. */
    jwks: z
      .strictObject({
        keys: z
          .array(z.looseObject({ kty: z.string(), kid: z.string().optional() }))
          .min(1)
          .max(20),
      })
      .optional(),
    /** The deployment ids of the tool at opengar; the first is sent (`deployment_id`). */
    deploymentIds: z.array(z.string().min(1).max(255)).min(1).max(20),
    /** The tool's Deep Linking picker (`LtiDeepLinkingRequest`), if it has one. */
    deepLinkingUrl: publisherUrlSchema.optional(),
  })
  .refine((t) => t.jwksUrl !== undefined || t.jwks !== undefined, {
    message: 'give the tool’s jwksUrl or jwks',
    path: ['jwksUrl'],
    params: { code: 'required' },
  });
/** The LTI registration of a resource: see {@link ltiToolSchema}. */
export type LtiTool = z.infer<typeof ltiToolSchema>;
