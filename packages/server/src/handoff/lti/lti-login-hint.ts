import { z } from 'zod';
import { sha256Hex } from '../../kernel/crypto.js';
import type { StoreOps } from '../../store/types.js';
import type { LtiMessage } from './lti-claims.js';

/** Life of a `login_hint`, in seconds: the round trip browser → tool's login → opengar's authorization endpoint. */
export const LTI_LOGIN_HINT_LIFETIME_S = 120;
const KIND = 'lti-login-hint';

function randomToken(): string {
  let bin = '';
  for (const b of globalThis.crypto.getRandomValues(new Uint8Array(32))) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The store keeps a hash of the hint, never the hint: a leaked table cannot be redeemed. */
const hintId = (hint: string) => sha256Hex(`${KIND}:${hint}`);

/** The OIDC login initiation parameters of a launch, for the form posted to the tool's login URL. */
export interface LtiLoginInitiation {
  iss: string;
  login_hint: string;
  lti_message_hint: string;
  target_link_uri: string;
  client_id: string;
  lti_deployment_id: string;
}

const messageSchema = z.object({
  messageType: z.enum(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']),
  resourceId: z.string(),
  resourceName: z.string(),
  clientId: z.string(),
  deploymentId: z.string(),
  targetLinkUri: z.string(),
  sub: z.string(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  roles: z.array(z.string()),
  context: z.object({ id: z.string(), label: z.string(), title: z.string() }).optional(),
  deepLinking: z.object({ returnUrl: z.string(), data: z.string() }).optional(),
});
const payloadSchema = z.object({ message: messageSchema, messageHint: z.string() });

/**
 * Issues the single-use, opaque `login_hint` (and `lti_message_hint`) of a launch, stored by hash with what the
 * `id_token` will say; returns the login initiation's parameters.
 *
 * @example
 * ```ts
 * const init = await issueLtiLoginHint(store, issuer, message, clock.now());
 * ```
 */
export async function issueLtiLoginHint(
  store: Pick<StoreOps, 'putTicket'>,
  issuer: string,
  message: LtiMessage,
  now: Date,
): Promise<LtiLoginInitiation> {
  const loginHint = randomToken();
  const messageHint = randomToken();
  await store.putTicket({
    id: await hintId(loginHint),
    kind: KIND,
    payload: { message, messageHint: await sha256Hex(messageHint) },
    expiresAt: new Date(now.getTime() + LTI_LOGIN_HINT_LIFETIME_S * 1000).toISOString(),
  });
  return {
    iss: issuer,
    login_hint: loginHint,
    lti_message_hint: messageHint,
    target_link_uri: message.targetLinkUri,
    client_id: message.clientId,
    lti_deployment_id: message.deploymentId,
  };
}

/**
 * Spends a `login_hint` once and checks its `lti_message_hint`: the message it stood for, or `undefined` (unknown,
 * used, expired, forged, or with another message hint).
 *
 * @example
 * ```ts
 * const message = await redeemLtiLoginHint(store, loginHint, messageHint, clock.now());
 * ```
 */
export async function redeemLtiLoginHint(
  store: Pick<StoreOps, 'consumeTicket'>,
  loginHint: string,
  messageHint: string | undefined,
  now: Date,
): Promise<LtiMessage | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(loginHint)) return undefined;
  const record = await store.consumeTicket(await hintId(loginHint), KIND, now.toISOString());
  const parsed = record && payloadSchema.safeParse(record.payload);
  if (!parsed?.success) return undefined;
  if (messageHint === undefined || (await sha256Hex(messageHint)) !== parsed.data.messageHint) return undefined;
  return parsed.data.message as unknown as LtiMessage;
}
