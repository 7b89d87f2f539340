import { z } from 'zod';
import { isHttpsOrLoopbackUrl } from './loopback.js';

// The schema of a declared origin lives apart from `checkGrain` (grain.ts): the médiacentre checks grains in the
// browser, and importing zod there would add it to the element's bundle.

/**
 * An origin a resource's deep links may target: `https://host[:port]` exactly as the URL parser writes it (http only
 * on loopback), with no path, query, fragment or userinfo.
 *
 * @example
 * ```ts
 * grainOriginSchema.parse('https://lecture.editeur.example');
 * ```
 */
export const grainOriginSchema = z
  .string()
  .max(255)
  .refine((v) => isCanonicalOrigin(v), {
    message: 'an origin: https://host[:port] (http only on loopback), nothing after it',
    params: { code: 'invalid_format' },
  });

function isCanonicalOrigin(value: string): boolean {
  if (!isHttpsOrLoopbackUrl(value)) return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}
