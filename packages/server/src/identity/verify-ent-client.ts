import { decodeJwt, type JWTPayload, jwtVerify } from 'jose';
import type { Store } from '../store/types.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Clock, EntClient } from '../kernel/types.js';
import type { EntKeySets } from './ent-key-sets.js';
import { ENT_ALGORITHMS, MAX_TOKEN_LENGTH, checkTokenDepth, claimId, credentialError } from './credential-error.js';

/** How an ENT back end proves itself: a client-assertion JWT for the route's URL, or a verified client certificate. */
export type EntClientCredential =
  | { assertion: string; url: string }
  /** SHA-256 of the DER certificate, hex (colons and case ignored), as verified by the TLS listener. */
  | { certFingerprint: string };

/** What {@link verifyEntClient} needs. */
export interface EntClientDeps {
  store: Pick<Store, 'getEnt' | 'listEnts' | 'useOnce'>;
  clock: Clock;
  keySets: EntKeySets;
}

/** Longest lifetime of a client assertion, in seconds. */
export const MAX_CLIENT_ASSERTION_LIFETIME_S = 60;

/**
 * Normalises a certificate fingerprint to lower-case hex without separators.
 *
 * @example
 * ```ts
 * normalizeFingerprint('AB:CD:…'); // 'abcd…'
 * ```
 */
export function normalizeFingerprint(value: string): string {
  return value.replace(/:/g, '').toLowerCase();
}

/**
 * Verifies an ENT's server-to-server credential. A client assertion must have `iss` = `sub` = idENT, `aud` = the
 * route's URL, a lifetime ≤ 60 s and a `jti` used once; a certificate fingerprint must be registered for one ENT.
 *
 * @example
 * ```ts
 * const ent = await verifyEntClient({ assertion, url: 'https://gar.example/ressources/ENT1/0561641E/p1' }, deps);
 * ent.entId; // 'ENT1'
 * ```
 * @throws {@link GarServiceError} `unauthenticated`, `token-expired` or `unavailable`.
 */
export async function verifyEntClient(credential: EntClientCredential, deps: EntClientDeps): Promise<EntClient> {
  if ('certFingerprint' in credential) {
    const fp = normalizeFingerprint(credential.certFingerprint);
    if (!/^[0-9a-f]{64}$/.test(fp)) throw new GarServiceError('unauthenticated', 'malformed certificate fingerprint');
    const ent = (await deps.store.listEnts()).find((e) => e.clientCertFingerprints.includes(fp));
    if (!ent) throw new GarServiceError('unauthenticated', 'unknown client certificate');
    return { kind: 'ent-client', entId: ent.id };
  }
  const token = credential.assertion;
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH)
    throw new GarServiceError('unauthenticated', 'malformed client assertion');
  checkTokenDepth(token, 'the client assertion');
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch (e) {
    throw credentialError(e, 'the client assertion');
  }
  const ent = typeof iss === 'string' && iss.length <= 64 ? await deps.store.getEnt(claimId(iss, 'iss')) : undefined;
  if (!ent) throw new GarServiceError('unauthenticated', 'unknown ENT');
  const now = deps.clock.now();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, deps.keySets.resolverFor(ent), {
      algorithms: ENT_ALGORITHMS,
      issuer: ent.id,
      subject: ent.id,
      audience: credential.url,
      clockTolerance: 30,
      currentDate: now,
      requiredClaims: ['iat', 'exp', 'jti'],
    }));
  } catch (e) {
    throw credentialError(e, 'the client assertion');
  }
  const exp = payload.exp!;
  const nowS = Math.floor(now.getTime() / 1000);
  if (
    exp - payload.iat! > MAX_CLIENT_ASSERTION_LIFETIME_S ||
    exp - nowS > MAX_CLIENT_ASSERTION_LIFETIME_S + 30 ||
    payload.iat! > nowS + 30
  ) {
    throw new GarServiceError('unauthenticated', 'the client assertion lives too long');
  }
  const expiresAt = new Date((exp + 30) * 1000).toISOString();
  if (!(await deps.store.useOnce('ent-client-assertion', `${ent.id}:${payload.jti!}`, expiresAt, now.toISOString()))) {
    throw new GarServiceError('unauthenticated', 'the client assertion was already used');
  }
  return { kind: 'ent-client', entId: ent.id };
}
