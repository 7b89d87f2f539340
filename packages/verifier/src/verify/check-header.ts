import { GarTokenError } from '../errors/gar-token-error.js';
import type { GarAlgorithm } from '../types/verifier-options.js';

/** What the verifier needs from a checked header. */
export interface CheckedHeader {
  readonly alg: GarAlgorithm;
  readonly kid: string;
}

/**
 * Checks the protected header. Only `alg` and `kid` are used; `jku`, `x5u`, `jwk` and `x5c` are never read, so a
 * token cannot point the verifier at keys of its choosing. Values from the header are never echoed in messages.
 */
export function checkHeader(header: Record<string, unknown>, algorithms: ReadonlySet<string>): CheckedHeader {
  const { alg, typ, kid } = header;
  if (typeof alg !== 'string' || !algorithms.has(alg)) {
    throw new GarTokenError('unsupported_algorithm', "the token's alg is not one of the accepted algorithms");
  }
  if (typeof typ !== 'string' || !isGarType(typ)) {
    throw new GarTokenError('wrong_type', "the token's typ is not gar+jwt");
  }
  if ('crit' in header) throw new GarTokenError('malformed', 'the token has a crit header, which is not supported');
  if (typeof kid !== 'string' || kid.length === 0) throw new GarTokenError('malformed', 'the token has no kid');
  return { alg: alg as GarAlgorithm, kid };
}

function isGarType(typ: string): boolean {
  const t = typ.toLowerCase();
  return t === 'gar+jwt' || t === 'application/gar+jwt';
}
