import type { GarAlgorithm } from '../types/verifier-options.js';

/** The public members of a key, and nothing else (no `d`, no `jku`-like extras). */
export interface PublicKeyMembers {
  readonly kty: 'EC' | 'RSA' | 'OKP';
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
  readonly n?: string;
  readonly e?: string;
}

/** A key from a key set, reduced to its public members, with the algorithms it may verify. */
export interface UsableKey {
  readonly kid: string;
  readonly jwk: PublicKeyMembers;
  readonly algorithms: ReadonlySet<GarAlgorithm>;
}

const b64u = /^[A-Za-z0-9_-]+$/;
const minRsaModulusBytes = 256;

function member(raw: Record<string, unknown>, name: string): string | undefined {
  const v = raw[name];
  return typeof v === 'string' && v.length > 0 && v.length <= 2048 && b64u.test(v) ? v : undefined;
}

function base64urlByteLength(s: string): number {
  return Math.floor((s.length * 3) / 4);
}

/**
 * Reads one entry of a JWKS. Keys without a `kid`, private or symmetric keys' secrets, unknown key types and
 * keys whose `use`/`key_ops` forbid verifying are left out (`undefined`), never failing the whole set.
 */
export function readPublicJwk(raw: unknown): UsableKey | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const kid = r.kid;
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 256) return undefined;
  if (r.use !== undefined && r.use !== 'sig') return undefined;
  if (r.key_ops !== undefined && !(Array.isArray(r.key_ops) && r.key_ops.includes('verify'))) return undefined;
  const declared = r.alg;
  let jwk: PublicKeyMembers | undefined;
  let alg: GarAlgorithm | undefined;
  if (r.kty === 'EC' && r.crv === 'P-256') {
    const x = member(r, 'x');
    const y = member(r, 'y');
    if (x && y) [jwk, alg] = [{ kty: 'EC', crv: 'P-256', x, y }, 'ES256'];
  } else if (r.kty === 'RSA') {
    const n = member(r, 'n');
    const e = member(r, 'e');
    if (n && e && base64urlByteLength(n) >= minRsaModulusBytes) [jwk, alg] = [{ kty: 'RSA', n, e }, 'RS256'];
  } else if (r.kty === 'OKP' && r.crv === 'Ed25519') {
    const x = member(r, 'x');
    if (x) [jwk, alg] = [{ kty: 'OKP', crv: 'Ed25519', x }, 'EdDSA'];
  }
  if (!jwk || !alg) return undefined;
  if (declared !== undefined && declared !== alg) return undefined;
  return { kid, jwk, algorithms: new Set([alg]) };
}

/** Indexes usable keys by `kid` (a `kid` may name several keys of different types). */
export function indexKeys(raw: unknown): Map<string, UsableKey[]> {
  const list = Array.isArray(raw) ? raw : [];
  const byKid = new Map<string, UsableKey[]>();
  for (const entry of list.slice(0, 100)) {
    const key = readPublicJwk(entry);
    if (!key) continue;
    const same = byKid.get(key.kid);
    if (same) same.push(key);
    else byKid.set(key.kid, [key]);
  }
  return byKid;
}

/** The key with this `kid` that may verify `alg`, if any. */
export function pickKey(index: Map<string, UsableKey[]>, kid: string, alg: GarAlgorithm): UsableKey | undefined {
  const candidates = index.get(kid);
  if (!candidates) return undefined;
  for (const key of candidates) if (key.algorithms.has(alg)) return key;
  return undefined;
}
