import type { LtiPlatform } from '@opengar/core';
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { GarServiceError } from '../../kernel/errors.js';

/** LTI 1.3 claim names (IMS LTI Core 1.3 §5, Deep Linking 2.0 §4). */
export const LTI = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  data: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
} as const;

/**
 * Why a login initiation or a launch is refused. All are answered `400` (`bad-request`) with this `reason`, except
 * `invalid_grain` (`validation`).
 */
export type LtiToolRefusal =
  | 'unknown_platform'
  | 'unknown_client'
  | 'unknown_deployment'
  | 'bad_target'
  | 'state_invalid'
  | 'state_mismatch'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired'
  | 'nonce_mismatch'
  | 'nonce_reused'
  | 'wrong_version'
  | 'wrong_message_type'
  | 'malformed'
  | 'no_resource'
  | 'unsupported_return'
  | 'invalid_grain'
  | 'session_invalid'
  | 'session_reused';

const customSchema = z.record(z.string(), z.unknown());

/** The claims of a launch's `id_token` opengar reads; anything else is ignored. */
const idTokenSchema = z.looseObject({
  nonce: z.string().min(1).max(255),
  azp: z.string().max(255).optional(),
  [LTI.messageType]: z.string().max(64),
  [LTI.version]: z.string().max(16),
  [LTI.deploymentId]: z.string().max(255),
  [LTI.custom]: customSchema.optional(),
  [LTI.targetLinkUri]: z.string().max(2048).optional(),
  [LTI.resourceLink]: z.looseObject({ id: z.string().min(1).max(255) }).optional(),
  [LTI.deepLinkingSettings]: z
    .looseObject({
      deep_link_return_url: z.string().max(2048),
      accept_types: z.array(z.string().max(64)).max(20),
      accept_multiple: z.boolean().optional(),
      accept_presentation_document_targets: z.array(z.string().max(32)).max(10).optional(),
      data: z.string().max(2048).optional(),
    })
    .optional(),
});
/** See {@link verifyIdToken}. */
export type LtiIdToken = z.infer<typeof idTokenSchema>;

/** Algorithms a platform may sign its `id_token` with (LTI requires RS256; asymmetric only, never `none` or HMAC). */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'];

/** A verified launch: its claims and the client id it was for. */
export type VerifiedIdToken =
  | { ok: true; claims: LtiIdToken; clientId: string; exp: number }
  | { ok: false; reason: LtiToolRefusal };

/**
 * Verifies a launch's `id_token` as the LTI 1.3 security framework (§5.1.3) asks: the signature with the platform's
 * key set, `iss` = the platform, `aud` containing our client id (the one the login was for), `azp` = that client id
 * when present (required with several audiences), `exp` and `iat`, the `nonce` of the state, version `1.3.0` and a
 * registered deployment. The nonce is not spent here.
 */
export async function verifyIdToken(
  token: string,
  platform: LtiPlatform,
  keys: JWTVerifyGetKey,
  expected: { clientId: string; nonce: string; now: Date },
): Promise<VerifiedIdToken> {
  if (token.length === 0 || token.length > 32_768) return { ok: false, reason: 'malformed' };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      algorithms: ALGORITHMS,
      issuer: platform.issuer,
      audience: expected.clientId,
      currentDate: expected.now,
      clockTolerance: 5,
      maxTokenAge: '10 minutes',
      requiredClaims: ['exp', 'iat', 'nonce'],
    }));
  } catch (e) {
    // A key set that cannot be fetched is the service's trouble (503), not the token's.
    if (e instanceof GarServiceError) throw e;
    return { ok: false, reason: joseReason(e) };
  }
  // jose checks `exp`; an `iat` in the future is a token not valid yet (or a platform with a wrong clock).
  if (typeof payload.iat !== 'number' || payload.iat > expected.now.getTime() / 1000 + 5)
    return { ok: false, reason: 'expired' };
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (payload.azp !== undefined ? payload.azp !== expected.clientId : aud.length !== 1)
    return { ok: false, reason: 'wrong_audience' };
  const parsed = idTokenSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const claims = parsed.data;
  if (claims.nonce !== expected.nonce) return { ok: false, reason: 'nonce_mismatch' };
  if (claims[LTI.version] !== '1.3.0') return { ok: false, reason: 'wrong_version' };
  if (!platform.deploymentIds.includes(claims[LTI.deploymentId])) return { ok: false, reason: 'unknown_deployment' };
  return { ok: true, claims, clientId: expected.clientId, exp: payload.exp as number };
}

function joseReason(e: unknown): LtiToolRefusal {
  if (e instanceof errors.JWTExpired) return 'expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'iss') return 'wrong_issuer';
    if (e.claim === 'aud') return 'wrong_audience';
    if (e.claim === 'iat' || e.claim === 'nbf') return 'expired';
    return 'malformed';
  }
  if (
    e instanceof errors.JWSSignatureVerificationFailed ||
    e instanceof errors.JWKSNoMatchingKey ||
    e instanceof errors.JOSEAlgNotAllowed ||
    e instanceof errors.JWKSMultipleMatchingKeys
  )
    return 'bad_signature';
  return 'malformed';
}
