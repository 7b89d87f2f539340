import type { ReleasedAttributes, SigningAlgorithm } from '@opengar/core';
import { z } from 'zod';
import { sha256Hex } from '../../kernel/crypto.js';
import type { NativeAppStore } from '../../store/types-native-apps.js';
import type { AuthorizationBinding } from './authorization-binding.js';
import { randomCode } from './pkce.js';

/** Life of an authorization code, in seconds (RFC 6749 §4.1.2 recommends at most 10 minutes; a native app needs 1). */
export const AUTHORIZATION_CODE_LIFETIME_S = 60;

/** What an authorization code stands for: the binding to check at the token endpoint and the claims to release. */
export interface AuthorizationCodePayload {
  resourceId: string;
  uai: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  signingAlg: SigningAlgorithm;
  /** Exactly what the hand-off token would carry: `releaseAttributes`' answer (with `IDO`). */
  attributes: ReleasedAttributes;
}

/** Parses a stored payload (the store holds JSON it does not read). */
export const authorizationCodePayloadSchema: z.ZodType<AuthorizationCodePayload> = z.object({
  resourceId: z.string(),
  uai: z.string(),
  redirectUri: z.string(),
  codeChallenge: z.string(),
  nonce: z.string().optional(),
  signingAlg: z.enum(['ES256', 'RS256', 'EdDSA']),
  attributes: z.looseObject({ IDO: z.string() }) as unknown as z.ZodType<ReleasedAttributes>,
});

/** The store keeps a hash of the code, never the code: a leaked table redeems nothing. */
export const authorizationCodeId = (code: string): Promise<string> => sha256Hex(`oauth-authorization-code:${code}`);

/** An authorization code is 43 base64url characters. */
export const isAuthorizationCode = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

/**
 * Issues a single-use authorization code for an app, stored by hash with what it stands for, living
 * {@link AUTHORIZATION_CODE_LIFETIME_S} seconds.
 *
 * @example
 * ```ts
 * const code = await issueAuthorizationCode(store, binding, payload, clock.now());
 * ```
 */
export async function issueAuthorizationCode(
  store: Pick<NativeAppStore, 'putAuthorizationCode'>,
  binding: AuthorizationBinding,
  payload: Omit<AuthorizationCodePayload, 'redirectUri' | 'codeChallenge' | 'nonce'>,
  now: Date,
): Promise<string> {
  const code = randomCode();
  const expiresAt = new Date(now.getTime() + AUTHORIZATION_CODE_LIFETIME_S * 1000).toISOString();
  const full: AuthorizationCodePayload = {
    ...payload,
    redirectUri: binding.redirectUri,
    codeChallenge: binding.codeChallenge,
    ...(binding.nonce === undefined ? {} : { nonce: binding.nonce }),
  };
  await store.putAuthorizationCode({
    id: await authorizationCodeId(code),
    clientId: binding.clientId,
    payload: full,
    expiresAt,
    keepUntil: expiresAt,
    status: 'issued',
  });
  return code;
}
