import { GarTokenError } from '../errors/gar-token-error.js';

/** The parts of a compact JWS, still encoded. */
export interface TokenParts {
  readonly header: string;
  readonly payload: string;
  readonly signature: string;
  /** `header.payload`, the bytes the signature covers. */
  readonly signingInput: string;
}

// The signature may be empty so that `alg: none` tokens are refused for their algorithm, not their shape.
const compact = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Checks the size and shape of a compact JWS before anything is decoded. */
export function splitToken(token: unknown, maxLength: number): TokenParts {
  if (typeof token !== 'string') throw new GarTokenError('malformed', 'the token is not a string');
  if (token.length > maxLength)
    throw new GarTokenError('malformed', `the token is longer than ${maxLength} characters`);
  if (!compact.test(token)) throw new GarTokenError('malformed', 'the token is not a compact JWS');
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  const parts: TokenParts = {
    header: token.slice(0, first),
    payload: token.slice(first + 1, second),
    signature: token.slice(second + 1),
    signingInput: token.slice(0, second),
  };
  if (parts.header.length % 4 === 1 || parts.payload.length % 4 === 1 || parts.signature.length % 4 === 1) {
    throw new GarTokenError('malformed', 'the token has an invalid base64url segment');
  }
  return parts;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a base64url JSON object segment; anything else is `malformed`. */
export function decodeJsonObject(
  segment: string,
  decode: (segment: string) => Uint8Array,
  what: 'header' | 'payload',
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(decode(segment)));
  } catch (error) {
    throw new GarTokenError('malformed', `the token's ${what} is not base64url-encoded UTF-8 JSON`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GarTokenError('malformed', `the token's ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
