import { GarTokenError } from '../errors/gar-token-error.js';
import type { GarClaims } from '../types/gar-claims.js';

/** The settings the claims are checked against. */
export interface ClaimRules {
  readonly issuer: string;
  readonly audiences: ReadonlySet<string>;
  readonly clockTolerance: number;
}

/** The longest lifetime (`exp - iat`) a GAR token may have, in seconds. */
export const maxLifetimeSeconds = 120;

const hex = /^[0-9a-f]+$/;
const stringClaims = ['PRO', 'NOM', 'PRE', 'CIV', 'P_MEL'] as const;
const arrayClaims = ['DIV', 'GRO', 'P_MS4', 'E_MS4'] as const;

const malformed = (claim: string, what: string): GarTokenError =>
  new GarTokenError('malformed', `the token's ${claim} claim ${what}`);

function numericDate(payload: Record<string, unknown>, claim: string): number {
  const v = payload[claim];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw malformed(claim, 'is missing or not a number');
  return v;
}

// What the service signs as GRAIN: an absolute http(s) URL, written canonically, no user, fragment, backslash or control.
function isGrainUrl(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 4096 || /[\u0000-\u0020\u007f-\u009f\\#]/.test(v)) return false;
  try {
    const url = new URL(v);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.href === v;
  } catch {
    return false;
  }
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/**
 * Checks the registered claims and the form of the GAR attributes; returns only the known claims (the arrays are
 * the freshly parsed ones, shared with nobody).
 */
export function checkClaims(payload: Record<string, unknown>, rules: ClaimRules, nowSeconds: number): GarClaims {
  const { iss, aud, sub, jti } = payload;
  if (typeof iss !== 'string') throw malformed('iss', 'is missing');
  if (iss !== rules.issuer) throw new GarTokenError('wrong_issuer', "the token's iss is not the expected issuer");
  const named =
    typeof aud === 'string'
      ? rules.audiences.has(aud)
      : isStringArray(aud)
        ? aud.some((a) => rules.audiences.has(a))
        : undefined;
  if (named === undefined) throw malformed('aud', 'is missing');
  if (!named) throw new GarTokenError('wrong_audience', "the token's aud does not name this resource");
  const iat = numericDate(payload, 'iat');
  const nbf = numericDate(payload, 'nbf');
  const exp = numericDate(payload, 'exp');
  if (exp - iat > maxLifetimeSeconds) throw malformed('exp', `is more than ${maxLifetimeSeconds} s after iat`);
  const tolerance = rules.clockTolerance;
  if (nbf > nowSeconds + tolerance) throw new GarTokenError('not_yet_valid', 'the token is not valid yet (nbf)');
  if (iat > nowSeconds + tolerance)
    throw new GarTokenError('not_yet_valid', 'the token was issued in the future (iat)');
  if (exp <= nowSeconds - tolerance) throw new GarTokenError('expired', 'the token has expired');
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) throw malformed('jti', 'is missing or too long');
  if (typeof sub !== 'string' || sub.length !== 128 || !hex.test(sub))
    throw malformed('sub', 'is not a 128-hex-digit pseudonym');
  if (payload.IDO !== sub) throw malformed('IDO', 'is missing or differs from sub');

  const claims: Record<string, unknown> = { iss, aud, sub, IDO: sub, iat, nbf, exp, jti };
  if (payload.UAI !== undefined) {
    if (!isStringArray(payload.UAI) || payload.UAI.length !== 1)
      throw malformed('UAI', 'is not an array of one string');
    claims.UAI = payload.UAI;
  }
  for (const name of stringClaims) {
    const v = payload[name];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw malformed(name, 'is not a string');
    claims[name] = v;
  }
  for (const name of arrayClaims) {
    const v = payload[name];
    if (v === undefined) continue;
    if (!isStringArray(v)) throw malformed(name, 'is not an array of strings');
    claims[name] = v;
  }
  if (payload.GRAIN !== undefined) {
    if (!isGrainUrl(payload.GRAIN)) throw malformed('GRAIN', 'is not an http(s) URL without user, fragment or control');
    claims.GRAIN = payload.GRAIN;
  }
  return claims as unknown as GarClaims;
}
