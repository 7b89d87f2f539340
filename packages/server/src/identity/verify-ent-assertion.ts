import { schoolsOf, uaiSchema } from '@opengar/core';
import { decodeJwt, type JWTPayload, jwtVerify } from 'jose';
import type { Store } from '../store/types.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Clock, EntUser } from '../kernel/types.js';
import type { EntKeySets } from './ent-key-sets.js';
import { ENT_ALGORITHMS, MAX_TOKEN_LENGTH, checkTokenDepth, claimId, credentialError } from './credential-error.js';

/** What {@link verifyEntAssertion} needs. */
export interface EntAssertionDeps {
  store: Pick<Store, 'getEnt' | 'getSchool' | 'getPerson'>;
  clock: Clock;
  /** The service's issuer URL: the assertion's required audience. */
  issuer: string;
  keySets: EntKeySets;
}

/** Longest lifetime of an ENT user assertion, in seconds. */
export const MAX_ASSERTION_LIFETIME_S = 300;

function unauthenticated(message: string): GarServiceError {
  return new GarServiceError('unauthenticated', message);
}

/**
 * Verifies an ENT user assertion (`typ: gar-ent+jwt`, signed by the ENT named in `iss` with an asymmetric key, `aud`
 * the service's issuer, lifetime ≤ 5 min, 30 s clock tolerance) and checks that the person exists in that ENT and,
 * when `uai` is given, that the school belongs to the ENT and the person is there.
 *
 * @example
 * ```ts
 * const user = await verifyEntAssertion(token, { store, clock, issuer, keySets });
 * user.personId; // 'eleve-000123'
 * ```
 * @throws {@link GarServiceError} `unauthenticated`, `token-expired`, `forbidden` or `unavailable`.
 */
export async function verifyEntAssertion(token: string, deps: EntAssertionDeps): Promise<EntUser> {
  return (await verifyEntAssertionOnce(token, deps)).user;
}

/**
 * A verified ENT user assertion, and what spending it once needs.
 *
 * @example
 * ```ts
 * const { user, jti, replayUntil }: VerifiedEntAssertion = await verifyEntAssertionOnce(token, deps);
 * ```
 */
export interface VerifiedEntAssertion {
  user: EntUser;
  /** The assertion's `jti`. */
  jti: string;
  /** Until when a replay must be refused (its `exp` plus the clock tolerance), ISO 8601. */
  replayUntil: string;
}

/**
 * Like {@link verifyEntAssertion}, also returning the `jti` and how long it must be remembered, for a caller that
 * spends the assertion once (a launch).
 *
 * @example
 * ```ts
 * const { user, jti, replayUntil } = await verifyEntAssertionOnce(token, deps);
 * if (!(await store.useOnce('ent-user-assertion', `${user.entId}:${jti}`, replayUntil, now))) throw new GarServiceError('unauthenticated', 'assertion replayed');
 * ```
 */
export async function verifyEntAssertionOnce(token: string, deps: EntAssertionDeps): Promise<VerifiedEntAssertion> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw unauthenticated('malformed assertion');
  checkTokenDepth(token, 'the assertion');
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch (e) {
    throw credentialError(e, 'the assertion');
  }
  if (typeof iss !== 'string' || iss.length > 64) throw unauthenticated('the assertion names no ENT');
  const ent = await deps.store.getEnt(claimId(iss, 'iss'));
  if (!ent) throw unauthenticated('unknown ENT');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, deps.keySets.resolverFor(ent), {
      algorithms: ENT_ALGORITHMS,
      issuer: ent.id,
      audience: deps.issuer,
      typ: 'gar-ent+jwt',
      clockTolerance: 30,
      currentDate: deps.clock.now(),
      requiredClaims: ['sub', 'iat', 'exp', 'jti'],
    }));
  } catch (e) {
    throw credentialError(e, 'the assertion');
  }
  if (payload.exp! - payload.iat! > MAX_ASSERTION_LIFETIME_S) throw unauthenticated('the assertion lives too long');
  if (payload.iat! > Math.floor(deps.clock.now().getTime() / 1000) + 30)
    throw unauthenticated('the assertion is issued in the future');
  if (payload.sub!.length > 64) throw unauthenticated('malformed subject');
  // Checked like every id the service reads: a NUL must not reach the store, and NFD names the NFC person.
  const sub = claimId(payload.sub!, 'sub');
  const uai = payload.uai;
  if (uai !== undefined && !(typeof uai === 'string' && uaiSchema.safeParse(uai).success))
    throw unauthenticated('malformed uai');
  const person = await deps.store.getPerson(ent.id, sub);
  if (!person) throw new GarServiceError('forbidden', 'unknown person in this ENT');
  if (uai !== undefined) {
    const school = await deps.store.getSchool(uai);
    if (!school || school.entId !== ent.id)
      throw new GarServiceError('forbidden', 'the school does not belong to this ENT');
    if (!schoolsOf(person).includes(uai)) throw new GarServiceError('forbidden', 'the person is not at this school');
  }
  const jti = payload.jti!;
  if (jti.length > 128) throw unauthenticated('malformed jti');
  return {
    user: { kind: 'ent-user', entId: ent.id, personId: sub, ...(uai === undefined ? {} : { uai }) },
    jti,
    replayUntil: new Date((payload.exp! + 30) * 1000).toISOString(),
  };
}
