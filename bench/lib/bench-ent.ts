// The set-up the server benchmarks share: a service on a store at a fixed instant, with one ENT ("ENT") whose ES256
// key signs the benchmark's user assertions.
import { createGarService, type GarService, silentLogger, type Store } from '../../packages/server/src/index.js';

/** A service on `store` at `now`, with the ENT `ENT` registered; returns the key that signs its assertions. */
export async function serviceWithEnt(
  store: Store,
  now: Date,
  issuer: string,
): Promise<{ service: GarService; privateKey: CryptoKey }> {
  const service = createGarService({
    store,
    clock: { now: () => now },
    issuer,
    logger: silentLogger,
  });
  const { privateKey, publicKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  await service.admin.ents.create(
    { kind: 'system' },
    { id: 'ENT', name: 'ENT', jwks: { keys: [{ kty: kty!, crv, x, y, kid: 'k1' }] } },
  );
  return { service, privateKey };
}
