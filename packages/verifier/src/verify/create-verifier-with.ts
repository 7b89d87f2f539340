import { fixedSignatureLength, type SignatureBackend } from '../backend/signature-backend.js';
import { GarTokenError } from '../errors/gar-token-error.js';
import type { UsableKey } from '../keys/public-jwk.js';
import type { GarClaims } from '../types/gar-claims.js';
import type { GarAlgorithm, GarVerifier, VerifierOptions } from '../types/verifier-options.js';
import { checkClaims } from './check-claims.js';
import { checkHeader, type CheckedHeader } from './check-header.js';
import { resolveOptions } from './resolve-options.js';
import { decodeJsonObject, splitToken } from './split-token.js';

/**
 * Builds a verifier on a given crypto backend. The order is: size and shape, header (alg, typ, crit, kid), key,
 * signature, then the payload (only once signed), claims, and last the single use of `jti`.
 */
export function createVerifierWith<K>(backend: SignatureBackend<K>, options: VerifierOptions): GarVerifier {
  const config = resolveOptions(options);
  const imported = new WeakMap<UsableKey, Map<GarAlgorithm, K>>();
  // A service signs every token with the same few headers: remember the verdict on the encoded header (accepted
  // ones only, bounded) rather than decode and check it each time.
  const headers = new Map<string, CheckedHeader>();
  const readHeader = (segment: string): CheckedHeader => {
    let header = headers.get(segment);
    if (header) return header;
    header = checkHeader(decodeJsonObject(segment, backend.decode, 'header'), config.algorithms);
    if (headers.size >= 32) headers.clear();
    headers.set(segment, header);
    return header;
  };

  const importKey = async (key: UsableKey, alg: GarAlgorithm): Promise<K> => {
    let perAlg = imported.get(key);
    const cached = perAlg?.get(alg);
    if (cached !== undefined) return cached;
    let value: K;
    try {
      value = await backend.importKey(key.jwk, alg);
    } catch (error) {
      throw new GarTokenError('unknown_key', 'the key for this kid could not be imported', { cause: error });
    }
    if (!perAlg) {
      perAlg = new Map();
      imported.set(key, perAlg);
    }
    perAlg.set(alg, value);
    return value;
  };

  return {
    async verify(token: string): Promise<GarClaims> {
      const parts = splitToken(token, config.maxTokenLength);
      const { alg, kid } = readHeader(parts.header);
      const key = config.keySet.peek(kid, alg) ?? (await config.keySet.resolve(kid, alg));
      const cryptoKey = imported.get(key)?.get(alg) ?? (await importKey(key, alg));
      const signature = backend.decode(parts.signature);
      const length = fixedSignatureLength[alg];
      let valid = false;
      if (length === undefined || signature.byteLength === length) {
        try {
          const result = backend.verify(alg, cryptoKey, parts.signingInput, signature);
          valid = typeof result === 'boolean' ? result : await result;
        } catch (error) {
          throw new GarTokenError('bad_signature', 'the signature could not be checked', { cause: error });
        }
      }
      if (!valid) throw new GarTokenError('bad_signature', 'the signature does not match');
      const payload = decodeJsonObject(parts.payload, backend.decode, 'payload');
      const claims = checkClaims(payload, config, config.clock() / 1000);
      const first = await config.replayStore.consume(claims.jti, claims.exp + config.clockTolerance);
      if (!first) throw new GarTokenError('replayed', 'this token has already been used');
      return claims;
    },
  };
}
