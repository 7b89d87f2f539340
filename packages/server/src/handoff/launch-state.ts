import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { StoreOps } from '../store/types.js';
import type { AuthorizationBinding } from './native/authorization-binding.js';
import type { SamlBinding } from './saml/issue-saml-response.js';

/** Life of a GAR-style launch state, in seconds: the round trip through the ENT's assertion endpoint. */
export const LAUNCH_STATE_LIFETIME_S = 300;
/**
 * Longest `state` parameter read (a resource id may take 1,024 characters, a CAS service URL as many).
 *
 * @example
 * ```ts
 * if (state.length > MAX_LAUNCH_STATE_LENGTH) refuse();
 * ```
 */
export const MAX_LAUNCH_STATE_LENGTH = 8192;

const TYP = 'opengar-launch-state+jwt';

/** What a launch state is bound to: the ENT, the school and the resource (and, for CAS, the service URL). */
export interface LaunchStatePayload {
  entId: string;
  /** The school; absent for a CAS login started without it (the ENT's assertion then names it). */
  uai?: string;
  resourceId: string;
  /** For a CAS login started at the service: the exact service URL the ticket must be issued for. */
  service?: string;
  /** For a native app's authorization request: what the code will be bound to. */
  oauth?: AuthorizationBinding;
  /** A deep link checked against the resource's declared origins when the launch started (absolute URL). */
  grain?: string;
  /** For a SAML AuthnRequest: the request the response answers (its ID, the checked ACS URL, the RelayState). */
  saml?: SamlBinding;
}

/**
 * A launch state whose signature, audience and lifetime verified; it is not spent yet.
 *
 * @example
 * ```ts
 * const read: ReadLaunchState | undefined = await readLaunchState(key, state, now, callbackUrl);
 * read?.payload.resourceId;
 * ```
 */
export interface ReadLaunchState {
  payload: LaunchStatePayload;
  /** The single-use nonce (`jti`). */
  nonce: string;
  /** Until when a replay must be refused, ISO 8601. */
  replayUntil: string;
}

const claimsSchema = z.object({
  ent: z.string().max(64),
  uai: z.string().max(16).optional(),
  res: z.string().max(1024),
  svc: z.string().max(4096).optional(),
  oa: z
    .object({
      cid: z.string().max(64),
      ru: z.string().max(2048),
      cc: z.string().max(64),
      st: z.string().max(1024).optional(),
      nc: z.string().max(256).optional(),
    })
    .optional(),
  grn: z.string().max(4096).optional(),
  sml: z.object({ id: z.string().max(256), acs: z.string().max(2048), rs: z.string().max(1024).optional() }).optional(),
  jti: z.string().min(16).max(64),
  exp: z.number(),
});

/**
 * The key that signs launch states, derived from the IDO secret (HMAC-SHA-256 with a label of its own), so every
 * instance sharing that secret accepts the states of the others and nothing else is signed with it.
 *
 * @example
 * ```ts
 * const key = await launchStateKey(pseudonymSecret);
 * ```
 */
export async function launchStateKey(secret: string | Uint8Array): Promise<Uint8Array> {
  const raw = typeof secret === 'string' ? new TextEncoder().encode(secret) : new Uint8Array(secret);
  const hmac = await globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(
    await globalThis.crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode('opengar/launch-state/v1')),
  );
}

/**
 * Issues the `state` of a GAR-style launch: an HS256 JWS bound to the ENT, school, resource and callback URL
 * (`aud`), with a random nonce, living {@link LAUNCH_STATE_LIFETIME_S} seconds. Nothing is written: an
 * unauthenticated `GET /launch` costs the service no row.
 *
 * @example
 * ```ts
 * const state = await issueLaunchState(key, { entId: 'ENTTEST1', uai: '0561641E', resourceId }, clock.now(), `${issuer}/launch/callback`);
 * ```
 */
export async function issueLaunchState(
  key: Uint8Array,
  payload: LaunchStatePayload,
  now: Date,
  callbackUrl: string,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    ent: payload.entId,
    ...(payload.uai === undefined ? {} : { uai: payload.uai }),
    res: payload.resourceId,
    ...(payload.service === undefined ? {} : { svc: payload.service }),
    ...(payload.oauth === undefined ? {} : { oa: oauthClaim(payload.oauth) }),
    ...(payload.grain === undefined ? {} : { grn: payload.grain }),
    ...(payload.saml === undefined ? {} : { sml: samlClaim(payload.saml) }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: TYP })
    .setAudience(callbackUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + LAUNCH_STATE_LIFETIME_S)
    .setJti(globalThis.crypto.randomUUID())
    .sign(key);
}

/**
 * Verifies a launch state (signature, `typ`, callback URL, lifetime) without spending it; `undefined` when it is
 * malformed, tampered with, for another callback, or expired.
 *
 * @example
 * ```ts
 * const read = await readLaunchState(key, state, clock.now(), `${issuer}/launch/callback`);
 * ```
 */
export async function readLaunchState(
  key: Uint8Array,
  state: string,
  now: Date,
  callbackUrl: string,
): Promise<ReadLaunchState | undefined> {
  if (state.length === 0 || state.length > MAX_LAUNCH_STATE_LENGTH) return undefined;
  let claims: unknown;
  try {
    ({ payload: claims } = await jwtVerify(state, key, {
      algorithms: ['HS256'],
      typ: TYP,
      audience: callbackUrl,
      currentDate: now,
      requiredClaims: ['exp', 'jti'],
    }));
  } catch {
    return undefined;
  }
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  return {
    payload: {
      entId: c.ent,
      ...(c.uai === undefined ? {} : { uai: c.uai }),
      resourceId: c.res,
      ...(c.svc === undefined ? {} : { service: c.svc }),
      ...(c.oa === undefined ? {} : { oauth: oauthBinding(c.oa) }),
      ...(c.grn === undefined ? {} : { grain: c.grn }),
      ...(c.sml === undefined ? {} : { saml: samlBinding(c.sml) }),
    },
    nonce: c.jti,
    replayUntil: new Date(c.exp * 1000 + 60_000).toISOString(),
  };
}

/**
 * Spends a verified launch state once (its nonce goes to the replay keys until it expires); `false` on a replay.
 * Called only for a callback carrying a valid ENT assertion, so a flood of forged callbacks writes nothing.
 *
 * @example
 * ```ts
 * if (!(await consumeLaunchState(store, read, clock.now()))) return replayProblem();
 * ```
 */
export async function consumeLaunchState(
  store: Pick<StoreOps, 'useOnce'>,
  read: ReadLaunchState,
  now: Date,
): Promise<boolean> {
  return store.useOnce('launch-state', read.nonce, read.replayUntil, now.toISOString());
}

function samlClaim(b: SamlBinding) {
  return { id: b.requestId, acs: b.acsUrl, ...(b.relayState === undefined ? {} : { rs: b.relayState }) };
}

function samlBinding(s: NonNullable<z.infer<typeof claimsSchema>['sml']>): SamlBinding {
  return { requestId: s.id, acsUrl: s.acs, ...(s.rs === undefined ? {} : { relayState: s.rs }) };
}

function oauthClaim(b: AuthorizationBinding) {
  return {
    cid: b.clientId,
    ru: b.redirectUri,
    cc: b.codeChallenge,
    ...(b.state === undefined ? {} : { st: b.state }),
    ...(b.nonce === undefined ? {} : { nc: b.nonce }),
  };
}

function oauthBinding(oa: NonNullable<z.infer<typeof claimsSchema>['oa']>): AuthorizationBinding {
  return {
    clientId: oa.cid,
    redirectUri: oa.ru,
    codeChallenge: oa.cc,
    ...(oa.st === undefined ? {} : { state: oa.st }),
    ...(oa.nc === undefined ? {} : { nonce: oa.nc }),
  };
}
