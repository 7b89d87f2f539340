/**
 * Token-signing keys (browser-safe: WebCrypto and `jose`): generation, encryption at rest under the key-encryption
 * key, JWKS publication, rotation with overlap.
 */
export { KEY_ROTATION_LEASE, createKeyManager, isSigning } from './create-key-manager.js';
export type {
  ActiveSigningKey,
  JwsSigner,
  JwsSignerFactory,
  KeyManager,
  KeyManagerOptions,
  KeyStore,
  RotateOptions,
} from './create-key-manager.js';
export { KEY_ALGORITHMS, generateSigningKey } from './generate-signing-key.js';
export type { KeyTimes } from './generate-signing-key.js';
export { generateKeyEncryptionKey, importKeyEncryptionKey } from './key-encryption-key.js';
export type { KeyEncryptionKey } from './key-encryption-key.js';
export { KeyError } from './key-error.js';
export type { KeyErrorCode } from './key-error.js';
