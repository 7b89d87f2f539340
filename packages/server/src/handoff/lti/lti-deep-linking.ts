import { checkGrain, type LtiTool } from '@opengar/core';
import { decodeJwt, errors as joseErrors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import { sha256Hex } from '../../kernel/crypto.js';
import type { StoreOps } from '../../store/types.js';
import { LTI, LTI_DL } from './lti-claims.js';

/** Life of a Deep Linking session (the teacher picks a page in the tool), in seconds. */
export const LTI_DEEP_LINKING_LIFETIME_S = 900;
/** Longest Deep Linking response read, in characters. */
export const MAX_DEEP_LINKING_RESPONSE = 32 * 1024;
const KIND = 'lti-deep-linking';

/** What a teacher's Deep Linking request is for: who, where, which resource, and the pin to make. */
export interface DeepLinkingSession {
  entId: string;
  personId: string;
  uai: string;
  resourceId: string;
  clientId: string;
  deploymentId: string;
  groupCode: string;
  until: string;
  note?: string;
}

const sessionSchema = z.object({
  entId: z.string(),
  personId: z.string(),
  uai: z.string(),
  resourceId: z.string(),
  clientId: z.string(),
  deploymentId: z.string(),
  groupCode: z.string(),
  until: z.string(),
  note: z.string().optional(),
});

function randomToken(): string {
  let bin = '';
  for (const b of globalThis.crypto.getRandomValues(new Uint8Array(32))) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Opens a Deep Linking session: the opaque `data` the tool must echo, stored by hash with what it stands for.
 *
 * @example
 * ```ts
 * const data = await openDeepLinkingSession(store, session, clock.now());
 * ```
 */
export async function openDeepLinkingSession(
  store: Pick<StoreOps, 'putTicket'>,
  session: DeepLinkingSession,
  now: Date,
): Promise<string> {
  const data = randomToken();
  await store.putTicket({
    id: await sha256Hex(`${KIND}:${data}`),
    kind: KIND,
    payload: { ...session },
    expiresAt: new Date(now.getTime() + LTI_DEEP_LINKING_LIFETIME_S * 1000).toISOString(),
  });
  return data;
}

/** Why a Deep Linking response was refused (a 400 problem's `reason`). */
export type DeepLinkingRefusal =
  | 'malformed'
  | 'invalid_data'
  | 'unknown_client'
  | 'bad_signature'
  | 'unknown_key'
  | 'expired'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'jwks_unavailable'
  | 'wrong_message'
  | 'wrong_deployment'
  | 'replayed'
  | 'outside_origins';

/** A verified response: the session and the chosen pages (inside the grain origins), with their titles. */
export type DeepLinkingOutcome =
  | { ok: true; session: DeepLinkingSession; items: { url: string; title?: string }[] }
  | { ok: false; reason: DeepLinkingRefusal };

/** The key resolver of a tool's keys (inline, or its JWKS URL fetched with limits and cached). */
export type ToolKeys = (resourceId: string, tool: LtiTool) => JWTVerifyGetKey;

function refusalOf(err: unknown): DeepLinkingRefusal {
  if (err instanceof joseErrors.JWTExpired) return 'expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed)
    return err.claim === 'aud' ? 'wrong_audience' : err.claim === 'iss' ? 'wrong_issuer' : 'malformed';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'unknown_key';
  // The key set could not be fetched (a GarServiceError `unavailable`, a timeout): not the response's fault.
  if (err instanceof joseErrors.JWKSTimeout || !(err instanceof joseErrors.JOSEError)) return 'jwks_unavailable';
  return 'malformed';
}

const itemSchema = z.object({
  type: z.string(),
  url: z.string().max(4096).optional(),
  title: z.string().max(255).optional(),
});

/**
 * Verifies a tool's `LtiDeepLinkingResponse` (posted as `JWT` to the return URL): its `data` names an open session
 * (spent now: a response works once), then the tool's key (its JWKS), RS256, `iss` = its client id, `aud` = opengar,
 * `exp`, a fresh `nonce`, the message type, version and deployment id; keeps the `ltiResourceLink` and `link` items
 * whose URL lies inside the resource's grain origins.
 *
 * @example
 * ```ts
 * const r = await verifyDeepLinkingResponse({ store, issuer, now, toolKeys }, jwt);
 * if (r.ok) r.items[0]?.url;
 * ```
 */
export async function verifyDeepLinkingResponse(
  deps: {
    store: Pick<StoreOps, 'consumeTicket' | 'useOnce' | 'getResource'>;
    issuer: string;
    now: Date;
    toolKeys: ToolKeys;
  },
  jwt: string,
): Promise<DeepLinkingOutcome> {
  if (jwt.length === 0 || jwt.length > MAX_DEEP_LINKING_RESPONSE) return { ok: false, reason: 'malformed' };
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(jwt);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const data = unverified[`${LTI_DL}/data`];
  if (typeof data !== 'string' || data.length > 200) return { ok: false, reason: 'invalid_data' };
  const record = await deps.store.consumeTicket(await sha256Hex(`${KIND}:${data}`), KIND, deps.now.toISOString());
  const parsed = record && sessionSchema.safeParse(record.payload);
  if (!parsed?.success) return { ok: false, reason: 'invalid_data' };
  const session = parsed.data as DeepLinkingSession;
  const resource = await deps.store.getResource(session.resourceId);
  const tool = resource?.protocol === 'lti' ? resource.lti : undefined;
  if (!resource || !tool || tool.clientId !== session.clientId) return { ok: false, reason: 'unknown_client' };
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(jwt, deps.toolKeys(resource.id, tool), {
      algorithms: ['RS256'],
      issuer: tool.clientId,
      audience: deps.issuer,
      currentDate: deps.now,
      requiredClaims: ['exp', 'nonce'],
    }));
  } catch (err) {
    return { ok: false, reason: refusalOf(err) };
  }
  if (claims[`${LTI}/message_type`] !== 'LtiDeepLinkingResponse' || claims[`${LTI}/version`] !== '1.3.0')
    return { ok: false, reason: 'wrong_message' };
  if (claims[`${LTI}/deployment_id`] !== session.deploymentId) return { ok: false, reason: 'wrong_deployment' };
  const nonce = String(claims.nonce).slice(0, 256);
  const until = new Date(((claims.exp ?? 0) + 60) * 1000).toISOString();
  if (!(await deps.store.useOnce('lti-dl-nonce', `${tool.clientId}:${nonce}`, until, deps.now.toISOString())))
    return { ok: false, reason: 'replayed' };
  const raw = claims[`${LTI_DL}/content_items`];
  const given = Array.isArray(raw) ? raw.slice(0, 50) : [];
  const items: { url: string; title?: string }[] = [];
  for (const entry of given) {
    const item = itemSchema.safeParse(entry);
    if (!item.success || !['ltiResourceLink', 'link'].includes(item.data.type) || !item.data.url) continue;
    const checked = checkGrain(item.data.url, resource.grainOrigins);
    if (checked.ok) items.push({ url: checked.url, ...(item.data.title ? { title: item.data.title } : {}) });
  }
  if (given.length > 0 && items.length === 0) return { ok: false, reason: 'outside_origins' };
  return { ok: true, session, items };
}
