import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Resource } from '../model/entities.js';

function lengthPrefixed(parts: readonly string[]): Uint8Array {
  const encoded = parts.map((p) => utf8ToBytes(p));
  const out = new Uint8Array(encoded.reduce((n, b) => n + 4 + b.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const b of encoded) {
    view.setUint32(at, b.length, false);
    out.set(b, at + 4);
    at += 4 + b.length;
  }
  return out;
}

function keyBytes(secret: string | Uint8Array): Uint8Array {
  const key = typeof secret === 'string' ? utf8ToBytes(secret) : secret;
  if (key.length === 0) throw new TypeError('the pseudonym secret must not be empty');
  return key;
}

/** What a pairwise pseudonym is computed from. */
export interface PseudonymInput {
  /** The deployment's secret (`OPENGAR_PSEUDONYM_SECRET`), UTF-8 text or bytes. */
  secret: string | Uint8Array;
  /** `idENT`. */
  entId: string;
  /** `GARPersonIdentifiant`. */
  personId: string;
  /** The pseudonym scope: see {@link pseudonymScope}. */
  scope: string;
}

/**
 * The pairwise pseudonym `IDO` of a person for a scope:
 * `hex(HMAC-SHA-512(secret, lp(idENT) ‖ lp(personId) ‖ lp(scope)))`, 128 lower-case hex characters.
 *
 * @example
 * ```ts
 * pairwisePseudonym({ secret: 'opengar-test-secret', entId: 'ENTTEST1', personId: 'eleve-000123', scope: 'ark:/67890/dico' });
 * // '09fc3961…553389'
 * ```
 */
export function pairwisePseudonym(input: PseudonymInput): string {
  return bytesToHex(hmac(sha512, keyBytes(input.secret), lengthPrefixed([input.entId, input.personId, input.scope])));
}

/**
 * The pseudonym scope of a resource: its family's parent id when it belongs to a family, else its own id.
 *
 * @example
 * ```ts
 * pseudonymScope({ id: 'ark:/1/a', familyParentId: 'ark:/1/fam' }); // 'ark:/1/fam'
 * ```
 */
export function pseudonymScope(resource: Pick<Resource, 'id' | 'familyParentId'>): string {
  return resource.familyParentId ?? resource.id;
}

/**
 * The statistics-only pseudonym of a person: the same construction under a secret used for nothing else, with the
 * fixed scope `opengar:stats`, so that it matches no `IDO`.
 *
 * @example
 * ```ts
 * statisticsPseudonym('stats-secret', 'ENT1', 'eleve-1');
 * ```
 */
export function statisticsPseudonym(secret: string | Uint8Array, entId: string, personId: string): string {
  return pairwisePseudonym({ secret, entId, personId, scope: 'opengar:stats' });
}
