import type { Store, StoredPublisher } from '../store/types.js';
import { sha256Hex } from '../kernel/crypto.js';
import { GarServiceError } from '../kernel/errors.js';
import type { OperatorActor, PublisherActor } from '../kernel/types.js';
import { normalizeFingerprint } from './verify-ent-client.js';

/** How a publisher proves itself: its API key as a bearer token, or a verified client certificate. */
export type PublisherCredential = { apiKey: string } | { certFingerprint: string };

const MAX_SECRET_LENGTH = 512;

/**
 * Identifies a publisher by the SHA-256 of its API key, or by a registered client-certificate fingerprint.
 *
 * @example
 * ```ts
 * const p = await verifyPublisher({ apiKey: bearer }, store);
 * p.publisherId; // 'ed1'
 * ```
 * @throws {@link GarServiceError} `unauthenticated`.
 */
export async function verifyPublisher(
  credential: PublisherCredential,
  store: Pick<Store, 'findPublisherByApiKeyHash' | 'findPublisherByCertFingerprint'>,
): Promise<PublisherActor> {
  let found: StoredPublisher | undefined;
  if ('apiKey' in credential) {
    const key = credential.apiKey;
    if (key.length > 0 && key.length <= MAX_SECRET_LENGTH)
      found = await store.findPublisherByApiKeyHash(await sha256Hex(key));
  } else {
    const fp = normalizeFingerprint(credential.certFingerprint);
    if (/^[0-9a-f]{64}$/.test(fp)) found = await store.findPublisherByCertFingerprint(fp);
  }
  if (!found) throw new GarServiceError('unauthenticated', 'unknown publisher credential');
  return { kind: 'publisher', publisherId: found.id, distributorIds: found.distributorIds };
}

/**
 * Identifies an operator by the SHA-256 of their secret.
 *
 * @example
 * ```ts
 * const op = await verifyOperator(bearer, store);
 * ```
 * @throws {@link GarServiceError} `unauthenticated`.
 */
export async function verifyOperator(
  secret: string,
  store: Pick<Store, 'findOperatorBySecretHash'>,
): Promise<OperatorActor> {
  const found =
    secret.length > 0 && secret.length <= MAX_SECRET_LENGTH
      ? await store.findOperatorBySecretHash(await sha256Hex(secret))
      : undefined;
  if (!found) throw new GarServiceError('unauthenticated', 'unknown operator credential');
  return { kind: 'operator', operatorId: found.id };
}
