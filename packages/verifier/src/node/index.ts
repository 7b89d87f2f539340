/**
 * `@opengar/verifier` for Node (the `node` export condition): the same exports as the default entry, with a
 * verifier that checks signatures with node:crypto on cached `KeyObject`s.
 *
 * @packageDocumentation
 */
export { createVerifier } from './create-verifier.js';
export { GarTokenError, isGarTokenError, type GarTokenErrorCode } from '../errors/gar-token-error.js';
export { createMemoryReplayStore, type MemoryReplayStoreOptions } from '../replay/memory-replay-store.js';
export type { ReplayStore } from '../replay/replay-store.js';
export { verifyLaunch, type LaunchOptions } from '../adapters/verify-launch.js';
export {
  garLaunchMiddleware,
  type GarLaunchRequest,
  type GarLaunchResponse,
} from '../adapters/gar-launch-middleware.js';
export { garAttributeNames, type GarAttributeName, type GarClaims } from '../types/gar-claims.js';
export { landingUrl } from '../grain/landing-url.js';
export type {
  GarAlgorithm,
  GarJwks,
  GarPublicJwk,
  GarVerifier,
  VerifierOptions,
} from '../types/verifier-options.js';
