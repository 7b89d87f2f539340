import { schoolsOf, uaiSchema } from '@opengar/core';
import { decodeJwt, jwtVerify } from 'jose';
import type { Store } from '../store/types.js';
import { GarServiceError } from '../service/errors.js';
import type { Clock, EntUser } from '../service/types.js';
import type { EntKeySets } from './ent-key-sets.js';
import { ENT_ALGORITHMS, MAX_TOKEN_LENGTH, credentialError } from './credential-error.js';

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
 * @throws {@link GarServiceError} `unauthenticated`, `token_expired`, `forbidden` or `unavailable`.
 */
export async function verifyEntAssertion(token: string, deps: EntAssertionDeps): Promise<EntUser> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw unauthenticated('malformed assertion');
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch (e) {
    throw credentialError(e, 'the assertion');
  }
  if (typeof iss !== 'string' || iss.length > 64) throw unauthenticated('the assertion names no ENT');
  const ent = await deps.store.getEnt(iss);
  if (!ent) throw unauthenticated('unknown ENT');
  let payload;
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
  if (payload.iat! > Math.floor(deps.clock.now().getTime() / 1000) + 30) throw unauthenticated('the assertion is issued in the future');
  const sub = payload.sub!;
  if (sub.length > 64) throw unauthenticated('malformed subject');
  const uai = payload.uai;
  if (uai !== undefined && !(typeof uai === 'string' && uaiSchema.safeParse(uai).success)) throw unauthenticated('malformed uai');
  const person = await deps.store.getPerson(ent.id, sub);
  if (!person) throw new GarServiceError('forbidden', 'unknown person in this ENT');
  if (uai !== undefined) {
    const school = await deps.store.getSchool(uai);
    if (!school || school.entId !== ent.id) throw new GarServiceError('forbidden', 'the school does not belong to this ENT');
    if (!schoolsOf(person).includes(uai)) throw new GarServiceError('forbidden', 'the person is not at this school');
  }
  return { kind: 'ent-user', entId: ent.id, personId: sub, ...(uai === undefined ? {} : { uai }) };
}
