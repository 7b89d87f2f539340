import { webCryptoBackend } from './backend/webcrypto-backend.js';
import type { GarVerifier, VerifierOptions } from './types/verifier-options.js';
import { createVerifierWith } from './verify/create-verifier-with.js';

/**
 * Creates a verifier of `gar_token`s (WebCrypto build: browsers, workers, Deno, Bun, edge runtimes; on Node the
 * package's `node` export condition gives the node:crypto build with the same API). Misuse throws `TypeError` at once.
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
 * const claims = await verifier.verify(token); // GarClaims, or throws GarTokenError
 * ```
 */
export function createVerifier(options: VerifierOptions): GarVerifier {
  return createVerifierWith(webCryptoBackend, options);
}
