import type { ReleasedAttributes } from '@opengar/core';
import { SignJWT } from 'jose';
import type { ActiveSigningKey } from '../signing-key-source.js';

/** Prefix of the LTI 1.3 core claims. */
export const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
/** Prefix of the LTI Deep Linking claims. */
export const LTI_DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';
/**
 * The namespaced claim that carries the GAR attributes released to the resource (exactly those of the JWT hand-off:
 * the same release function, `IDO` included), as LTI 1.3 §5.4 allows for a platform's own claims.
 */
export const GAR_ATTRIBUTES_CLAIM = 'https://opengar.org/lti/claim/gar';
/** Life of an `id_token`, in seconds. */
export const LTI_ID_TOKEN_LIFETIME_S = 60;

/** What a launch (resource link or Deep Linking request) says, decided at the médiacentre click. */
export interface LtiMessage {
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  resourceId: string;
  resourceName: string;
  clientId: string;
  deploymentId: string;
  targetLinkUri: string;
  /** The IDO: the `sub`. */
  sub: string;
  attributes: ReleasedAttributes;
  roles: string[];
  /** The class, when the launch comes from one. */
  context?: { id: string; label: string; title: string };
  /** Deep Linking: where the tool posts its answer, and the opaque `data` it must echo. */
  deepLinking?: { returnUrl: string; data: string };
}

/**
 * The claims of an LTI 1.3 `id_token` (platform → tool): OIDC's (`iss`, `aud` = `azp` = the client id, `sub` = IDO,
 * `nonce`, `iat`, `exp`), the LTI core claims, and the released GAR attributes under {@link GAR_ATTRIBUTES_CLAIM}.
 *
 * @example
 * ```ts
 * const claims = ltiIdTokenClaims(message, { issuer, nonce, now: new Date(), locale: 'fr-FR' });
 * ```
 */
export function ltiIdTokenClaims(
  m: LtiMessage,
  o: { issuer: string; nonce: string; now: Date; locale?: string },
): Record<string, unknown> {
  const iat = Math.floor(o.now.getTime() / 1000);
  return {
    iss: o.issuer,
    aud: m.clientId,
    azp: m.clientId,
    sub: m.sub,
    nonce: o.nonce,
    iat,
    nbf: iat,
    exp: iat + LTI_ID_TOKEN_LIFETIME_S,
    [`${LTI}/message_type`]: m.messageType,
    [`${LTI}/version`]: '1.3.0',
    [`${LTI}/deployment_id`]: m.deploymentId,
    [`${LTI}/target_link_uri`]: m.targetLinkUri,
    ...(m.messageType === 'LtiResourceLinkRequest'
      ? { [`${LTI}/resource_link`]: { id: m.resourceId, title: m.resourceName } }
      : {}),
    [`${LTI}/roles`]: m.roles,
    ...(m.context
      ? { [`${LTI}/context`]: { ...m.context, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseSection'] } }
      : {}),
    [`${LTI}/tool_platform`]: { guid: o.issuer, name: 'opengar', product_family_code: 'opengar' },
    [`${LTI}/launch_presentation`]: { document_target: 'window', locale: o.locale ?? 'fr-FR' },
    ...(m.deepLinking
      ? {
          [`${LTI_DL}/deep_linking_settings`]: {
            deep_link_return_url: m.deepLinking.returnUrl,
            accept_types: ['ltiResourceLink', 'link'],
            accept_presentation_document_targets: ['window'],
            accept_multiple: false,
            auto_create: true,
            data: m.deepLinking.data,
          },
        }
      : {}),
    [GAR_ATTRIBUTES_CLAIM]: { ...m.attributes },
  };
}

/**
 * Signs an `id_token` (RS256, as LTI 1.3 requires, with the `kid` of a key of the platform's JWKS).
 *
 * @example
 * ```ts
 * const idToken = await signLtiIdToken(claims, await keys.signingKey('RS256'));
 * ```
 */
export async function signLtiIdToken(claims: Record<string, unknown>, key: ActiveSigningKey): Promise<string> {
  if (key.alg !== 'RS256') throw new TypeError('LTI 1.3 id_tokens are signed with RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid }).sign(key.key);
}
