import type { ReplayStore } from '../replay/replay-store.js';
import type { GarClaims } from './gar-claims.js';

/**
 * A signing algorithm the verifier can accept: `ES256` (the service's default), `RS256` or `EdDSA` (Ed25519).
 *
 * @example
 * ```ts
 * const algorithms: GarAlgorithm[] = ['ES256'];
 * ```
 */
export type GarAlgorithm = 'ES256' | 'RS256' | 'EdDSA';

/**
 * A public JSON Web Key as found in a JWKS (only the members the verifier reads are typed).
 *
 * @example
 * ```ts
 * const jwk: GarPublicJwk = { kty: 'EC', crv: 'P-256', x: '…', y: '…', kid: '2026-09', alg: 'ES256' };
 * ```
 */
export interface GarPublicJwk {
  readonly kty: string;
  readonly kid?: string;
  readonly alg?: string;
  readonly use?: string;
  readonly key_ops?: readonly string[];
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
  readonly n?: string;
  readonly e?: string;
  readonly [member: string]: unknown;
}

/**
 * A JSON Web Key Set, as served at `/.well-known/jwks.json`.
 *
 * @example
 * ```ts
 * const jwks: GarJwks = await (await fetch('https://gar.example/.well-known/jwks.json')).json();
 * ```
 */
export interface GarJwks {
  readonly keys: readonly GarPublicJwk[];
}

/**
 * Options of {@link createVerifier}. `issuer`, `audience`, `algorithms` and one of `jwksUri` / `keys` are required;
 * everything else has a safe default.
 *
 * @example
 * ```ts
 * const options: VerifierOptions = {
 *   issuer: 'https://gar.example',
 *   audience: 'ark:/67890/dico',
 *   algorithms: ['ES256'],
 *   jwksUri: 'https://gar.example/.well-known/jwks.json',
 * };
 * ```
 */
export interface VerifierOptions {
  /** The service's issuer URL; `iss` must equal it exactly. */
  readonly issuer: string;
  /** Your resource id (`idRessource`), or several; `aud` must name one of them. */
  readonly audience: string | readonly string[];
  /** The algorithms you accept, e.g. `['ES256']`. Anything else (`none`, `HS256`…) is refused. */
  readonly algorithms: readonly GarAlgorithm[];
  /** The service's JWKS URL (`https:`, or `http:` on a loopback host only). Exclusive with `keys`. */
  readonly jwksUri?: string | URL;
  /** A fixed key set instead of `jwksUri` (e.g. pinned keys, tests). Keys without a `kid` are never used. */
  readonly keys?: GarJwks | readonly GarPublicJwk[];
  /** Allowed clock skew in seconds for `exp`, `nbf` and `iat` (0 to 60). Default 5. */
  readonly clockTolerance?: number;
  /** Where used `jti`s are remembered. Default: an in-memory store (one process only). */
  readonly replayStore?: ReplayStore;
  /** Tokens longer than this (in characters) are refused before any parsing. Default 8192. */
  readonly maxTokenLength?: number;
  /** The `fetch` used for the JWKS. Default: `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch;
  /** Abort a JWKS request after this many milliseconds. Default 5000. */
  readonly timeoutMs?: number;
  /** Minimum time between two JWKS requests (after an unknown `kid` or a failure). Default 30 000 ms. */
  readonly cooldownMs?: number;
  /** How long a fetched JWKS is trusted before it is fetched again. Default 600 000 ms (10 min). */
  readonly cacheMaxAgeMs?: number;
  /** Largest JWKS response accepted, in bytes. Default 65 536. */
  readonly maxJwksBytes?: number;
  /** Current time in milliseconds since the epoch. Default `Date.now`. */
  readonly clock?: () => number;
}

/**
 * What {@link createVerifier} returns.
 *
 * @example
 * ```ts
 * const claims = await verifier.verify(token); // throws GarTokenError when refused
 * ```
 */
export interface GarVerifier {
  /** Verifies a compact `gar_token` and consumes its `jti`. Rejects with a {@link GarTokenError} when refused. */
  verify(token: string): Promise<GarClaims>;
}
