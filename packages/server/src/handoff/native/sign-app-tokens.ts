import type { ReleasedAttributes } from '@opengar/core';
import { SignJWT } from 'jose';
import type { ActiveSigningKey } from '../signing-key-source.js';

/** Life of the access token and ID token given to a native app, in seconds. */
export const APP_TOKEN_LIFETIME_S = 300;

/** The header `typ` of an access token (RFC 9068). */
export const ACCESS_TOKEN_TYP = 'at+jwt';

/** What {@link signAppTokens} signs. */
export interface AppTokenInput {
  issuer: string;
  clientId: string;
  resourceId: string;
  /** Exactly what the hand-off token would carry (`IDO` and the declared attributes). */
  attributes: ReleasedAttributes;
  nonce?: string;
  key: ActiveSigningKey;
  now: Date;
  /** The access token's `jti`, recorded with the code it came from (revocation on a code's reuse). */
  jti: string;
}

/**
 * Signs the two tokens of a redeemed code with the service's keys (published at `/.well-known/jwks.json`): an access
 * token (`typ: at+jwt`, `aud` = the resource id, `client_id`, for the app's back end and `userinfo`) and an ID token
 * (`aud` = the client id, `nonce` when the app sent one). Both carry `sub` = `IDO` and the released attributes as
 * top-level claims, exactly as the hand-off token does, and nothing else about the person.
 *
 * @example
 * ```ts
 * const { accessToken, idToken } = await signAppTokens({ issuer, clientId, resourceId, attributes, key, now, jti });
 * ```
 */
export async function signAppTokens(input: AppTokenInput): Promise<{ accessToken: string; idToken: string }> {
  const iat = Math.floor(input.now.getTime() / 1000);
  const common = { ...input.attributes, iss: input.issuer, sub: input.attributes.IDO, iat, nbf: iat };
  const exp = iat + APP_TOKEN_LIFETIME_S;
  const header = { alg: input.key.alg, kid: input.key.kid };
  const accessToken = await new SignJWT({
    ...common,
    aud: input.resourceId,
    client_id: input.clientId,
    exp,
    jti: input.jti,
  })
    .setProtectedHeader({ ...header, typ: ACCESS_TOKEN_TYP })
    .sign(input.key.key);
  const idToken = await new SignJWT({
    ...common,
    aud: input.clientId,
    azp: input.clientId,
    exp,
    jti: globalThis.crypto.randomUUID(),
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
  })
    .setProtectedHeader({ ...header, typ: 'JWT' })
    .sign(input.key.key);
  return { accessToken, idToken };
}
