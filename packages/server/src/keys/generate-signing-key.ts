import type { SigningAlgorithm } from '@opengar/core';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SigningKeyRecord } from '../store/types.js';
import { KeyError } from './key-error.js';
import type { KeyEncryptionKey } from './key-encryption-key.js';

/** The algorithms the service signs with. */
export const KEY_ALGORITHMS: readonly SigningAlgorithm[] = ['ES256', 'RS256', 'EdDSA'];

/** The context a private key is sealed under: its record's kid and algorithm, so rows cannot be swapped. */
export function sealContext(kid: string, alg: string): string {
  return `opengar-signing-key|${kid}|${alg}`;
}

/** When a new key starts and stops signing and leaves the JWKS. */
export interface KeyTimes {
  createdAt: string;
  activatesAt: string;
}

/**
 * Generates a key pair, names it by its JWK thumbprint, and returns the record to store: the public JWK in clear,
 * the private JWK sealed under the key-encryption key.
 *
 * @example
 * ```ts
 * const record = await generateSigningKey('ES256', kek, { createdAt: now, activatesAt: now });
 * await store.putSigningKey(record);
 * ```
 */
export async function generateSigningKey(
  alg: SigningAlgorithm,
  kek: KeyEncryptionKey,
  times: KeyTimes,
): Promise<SigningKeyRecord> {
  if (!KEY_ALGORITHMS.includes(alg))
    throw new KeyError('unsupported-algorithm', `unsupported signing algorithm ${String(alg)}`);
  const { publicKey, privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  });
  const publicJwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg };
  return {
    kid,
    alg,
    publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
    encryptedPrivateJwk: await kek.seal(JSON.stringify(privateJwk), sealContext(kid, alg)),
    createdAt: times.createdAt,
    activatesAt: times.activatesAt,
  };
}
