import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';

/** The cookie holding a browser's CAS session (the ENT it chose and the services that received a ticket). */
export const CAS_SESSION_COOKIE = 'opengar_cas';
/** How long a CAS session lasts, in seconds (a working day, as CAS servers' ticket-granting cookies do). */
export const CAS_SESSION_LIFETIME_S = 8 * 3600;
/** How many services a session remembers for single logout (the oldest is dropped past it). */
export const CAS_SESSION_MAX_SERVICES = 8;

const TYP = 'opengar-cas-session+jwt';

/** One service a ticket was issued to in this session: single logout sends it a LogoutRequest for that ticket. */
export interface CasSessionService {
  service: string;
  ticket: string;
}

/** What a CAS session cookie carries; it is encrypted and authenticated (a tampered or foreign cookie reads as none). */
export interface CasSession {
  /** The ENT the browser went through last (so `/cas/login?service=` needs no choice again). */
  entId?: string;
  services: CasSessionService[];
}

const claimsSchema = z.object({
  ent: z.string().max(64).optional(),
  svc: z.array(z.object({ s: z.string().max(4096), t: z.string().max(256) })).max(CAS_SESSION_MAX_SERVICES),
});

/**
 * The key of CAS session cookies, derived from the launch-state key with a label of its own (so it changes with the
 * IDO secret, and every instance sharing the secret reads the cookies of the others).
 *
 * @example
 * ```ts
 * const key = await casSessionKey(await deps.stateKey);
 * ```
 */
export async function casSessionKey(stateKey: Uint8Array): Promise<Uint8Array> {
  const hmac = await globalThis.crypto.subtle.importKey(
    'raw',
    new Uint8Array(stateKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(
    await globalThis.crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode('opengar/cas-session/v1')),
  );
}

/**
 * Seals a CAS session as the cookie value: a JWE (`dir`, A256GCM), so the service tickets it keeps for single logout
 * are neither readable nor forgeable by the browser.
 *
 * @example
 * ```ts
 * const value = await sealCasSession(key, { entId: 'ENTA', services: [] }, clock.now());
 * ```
 */
export async function sealCasSession(key: Uint8Array, session: CasSession, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const services = session.services.slice(-CAS_SESSION_MAX_SERVICES).map((s) => ({ s: s.service, t: s.ticket }));
  return new EncryptJWT({ ...(session.entId === undefined ? {} : { ent: session.entId }), svc: services })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: TYP })
    .setIssuedAt(iat)
    .setExpirationTime(iat + CAS_SESSION_LIFETIME_S)
    .encrypt(key);
}

/**
 * Opens a CAS session cookie; `undefined` when absent, tampered with, sealed with another key, or expired.
 *
 * @example
 * ```ts
 * const session = await openCasSession(key, getCookie(c, CAS_SESSION_COOKIE), clock.now());
 * ```
 */
export async function openCasSession(
  key: Uint8Array,
  value: string | undefined,
  now: Date,
): Promise<CasSession | undefined> {
  if (!value || value.length > 16_384) return undefined;
  try {
    const { payload } = await jwtDecrypt(value, key, {
      currentDate: now,
      typ: TYP,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      requiredClaims: ['exp'],
    });
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) return undefined;
    return {
      ...(parsed.data.ent === undefined ? {} : { entId: parsed.data.ent }),
      services: parsed.data.svc.map((s) => ({ service: s.s, ticket: s.t })),
    };
  } catch {
    return undefined;
  }
}

/**
 * The session after a ticket was issued to `service` through `entId`: the ENT remembered, the service added (an
 * earlier ticket for the same service replaced), the oldest dropped past {@link CAS_SESSION_MAX_SERVICES}.
 *
 * @example
 * ```ts
 * const next = withIssuedTicket(session, 'ENTA', { service: 'https://cas.resource.example/login/cas', ticket });
 * ```
 */
export function withIssuedTicket(
  session: CasSession | undefined,
  entId: string,
  issued: CasSessionService,
): CasSession {
  const others = (session?.services ?? []).filter((s) => s.service !== issued.service);
  return { entId, services: [...others, issued].slice(-CAS_SESSION_MAX_SERVICES) };
}

/**
 * The `Set-Cookie` value of a CAS session (or of its deletion, with `value` undefined): HttpOnly, on the whole
 * service, `Secure; SameSite=None` over https (the ENT's callback is a cross-site POST), `SameSite=Lax` over plain
 * http (a development service on loopback).
 *
 * @example
 * ```ts
 * headers.append('set-cookie', casSessionCookie(value, issuer.startsWith('https:')));
 * ```
 */
export function casSessionCookie(value: string | undefined, secure: boolean): string {
  const attributes = [
    `${CAS_SESSION_COOKIE}=${value ?? ''}`,
    'Path=/',
    'HttpOnly',
    `Max-Age=${value === undefined ? 0 : CAS_SESSION_LIFETIME_S}`,
    ...(secure ? ['Secure', 'SameSite=None'] : ['SameSite=Lax']),
  ];
  return attributes.join('; ');
}
