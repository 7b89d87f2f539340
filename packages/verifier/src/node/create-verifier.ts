import type { GarVerifier, VerifierOptions } from '../types/verifier-options.js';
import { createVerifierWith } from '../verify/create-verifier-with.js';
import { nodeCryptoBackend } from './node-crypto-backend.js';

/**
 * Creates a verifier of `gar_token`s (Node build: signatures checked with node:crypto on cached `KeyObject`s).
 * Same options and behaviour as the WebCrypto build; Node picks this one through the `node` export condition.
 *
 * @example
 * ```ts
 * import { createVerifier } from '@opengar/verifier';
 *
 * const verifier = createVerifier({
 *   issuer: 'https://gar.example',
 *   audience: 'ark:/67890/dico',
 *   algorithms: ['ES256'],
 *   jwksUri: 'https://gar.example/.well-known/jwks.json',
 * });
 * const claims = await verifier.verify(token);
 * ```
 */
export function createVerifier(options: VerifierOptions): GarVerifier {
  return createVerifierWith(nodeCryptoBackend, options);
}
