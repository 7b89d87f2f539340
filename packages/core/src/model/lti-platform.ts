import { z } from 'zod';
import { jwksSchema } from './entities.js';
import { entIdSchema, publisherUrlSchema, uaiSchema } from './primitives.js';

const idList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .min(1)
    .max(max)
    .refine((a) => new Set(a).size === a.length, { message: 'values must be unique' });

/** A token of the LTI registration (a client id, a deployment id): 1 to 255 printable characters, no spaces. */
const ltiTokenSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\u0021-\u007e]+$/, { message: 'printable ASCII, no spaces' });

/**
 * An LTI 1.3 platform (a Moodle site) where opengar is registered as an external tool, as the operator registers it:
 * the platform's `issuer`, the client ids it gave opengar, its OIDC authorization endpoint, its public keys (inline
 * `jwks` or a `jwksUrl`, exactly one), the deployment ids it may launch from, and the ENTs (and optionally only some
 * schools) whose teachers and pupils use it.
 *
 * @example
 * ```ts
 * ltiPlatformSchema.parse({
 *   id: 'moodle-ac-rennes', name: 'Moodle de l’académie', issuer: 'https://moodle.ac-rennes.example',
 *   clientIds: ['k8Yw1'], authEndpoint: 'https://moodle.ac-rennes.example/mod/lti/auth.php',
 *   jwksUrl: 'https://moodle.ac-rennes.example/mod/lti/certs.php', deploymentIds: ['1'], entIds: ['ENTTEST1'],
 * });
 * ```
 */
export const ltiPlatformSchema = z
  .strictObject({
    /** The operator's name for this registration: letters, digits, `.`, `_`, `-`. */
    id: z
      .string()
      .min(2)
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'letters, digits, ".", "_" and "-"' }),
    name: z.string().min(1).max(255),
    /** The platform's `iss` (Moodle: its site URL), compared exactly. */
    issuer: publisherUrlSchema,
    /** The client ids the platform gave opengar (one per tool registration on it). */
    clientIds: idList(ltiTokenSchema, 10),
    /** The platform's OIDC authentication request URL (Moodle: `…/mod/lti/auth.php`). */
    authEndpoint: publisherUrlSchema,
    /** The platform's public keys, inline… */
    jwks: jwksSchema.optional(),
    /** …or the URL they are published at (Moodle: `…/mod/lti/certs.php`). */
    jwksUrl: publisherUrlSchema.optional(),
    /** The deployment ids a launch may come from. */
    deploymentIds: idList(ltiTokenSchema, 50),
    /** The ENTs whose users reach opengar from this platform (their CAS/assertion round trip authenticates them). */
    entIds: idList(entIdSchema, 20),
    /** Only these schools of those ENTs (absent: all of them). */
    schools: idList(uaiSchema, 500).optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.jwks === undefined) === (p.jwksUrl === undefined))
      ctx.addIssue({ code: 'custom', path: ['jwksUrl'], message: 'give exactly one of jwks and jwksUrl' });
  });
/** A registered LTI 1.3 platform. */
export type LtiPlatform = z.infer<typeof ltiPlatformSchema>;

/** Answer of `GET /api/v1/admin/lti-platforms`. @example `ltiPlatformListSchema.parse(body).items` */
export const ltiPlatformListSchema = z.object({ items: z.array(ltiPlatformSchema) });
