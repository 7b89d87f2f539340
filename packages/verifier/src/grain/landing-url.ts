import type { GarClaims } from '../types/gar-claims.js';

/**
 * Where to send a person after a verified hand-off: the page they asked for (the `GRAIN` claim) when its origin is one
 * of `origins` (the origins your resource declared, or fewer), else `fallback` (your resource's home page). The
 * service already refused any other grain before signing; checking again here keeps a mistake in a registration from
 * becoming an open redirect on your site.
 *
 * @example
 * ```ts
 * const claims = await verifier.verify(token);
 * const target = landingUrl(claims, { origins: ['https://lecture.editeur.example'], fallback: '/' });
 * // res.redirect(303, target);
 * ```
 */
export function landingUrl(
  claims: Pick<GarClaims, 'GRAIN'>,
  options: { readonly origins: readonly string[]; readonly fallback: string },
): string {
  const grain = claims.GRAIN;
  if (grain === undefined) return options.fallback;
  let url: URL;
  try {
    url = new URL(grain);
  } catch {
    return options.fallback;
  }
  if (url.href !== grain || url.username || url.password || !options.origins.includes(url.origin))
    return options.fallback;
  return grain;
}
