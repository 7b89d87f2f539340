import { GarTokenError } from '../errors/gar-token-error.js';
import type { GarJwks, GarPublicJwk } from '../types/verifier-options.js';
import type { KeySet } from './key-set.js';
import { indexKeys, pickKey } from './public-jwk.js';

/** A fixed key set given in the options (`keys`). */
export function createLocalKeySet(keys: GarJwks | readonly GarPublicJwk[]): KeySet {
  const index = indexKeys(Array.isArray(keys) ? keys : (keys as GarJwks).keys);
  if (index.size === 0) throw new TypeError('createVerifier: `keys` holds no usable public key with a `kid`');
  return {
    peek: (kid, alg) => pickKey(index, kid, alg),
    resolve(kid, alg) {
      const key = pickKey(index, kid, alg);
      return key
        ? Promise.resolve(key)
        : Promise.reject(new GarTokenError('unknown_key', "no key for the token's kid and alg"));
    },
  };
}
