import type { Ent } from '@opengar/core';

/**
 * The origins a launch form may be posted from for an ENT: the service's own, the ENT's registered `origins`, and the
 * origin of its assertion endpoint (which posts `/launch/callback`).
 */
function entOrigins(ent: Pick<Ent, 'origins' | 'assertionEndpoint'>, ownOrigin: string): Set<string> {
  const out = new Set<string>([ownOrigin, ...ent.origins]);
  if (ent.assertionEndpoint) {
    try {
      out.add(new URL(ent.assertionEndpoint).origin);
    } catch {
      // a malformed endpoint adds nothing
    }
  }
  return out;
}

/**
 * Whether a browser posted this launch from a site the assertion's ENT did not register: a login CSRF, where a
 * foreign page posts the attacker's own assertion so the victim lands in the attacker's account at the publisher.
 *
 * `Origin` decides when a browser sent one (`null`, from a sandboxed frame or a `data:` page, is foreign); without it,
 * `Sec-Fetch-Site: cross-site` or `same-site` is foreign. A request with neither header is not a browser's (an API
 * client, a test) and passes: it cannot carry a victim's cookies or navigation.
 *
 * @example
 * ```ts
 * isForeignLaunchOrigin({ origin: 'https://evil.example' }, 'https://gar.example', ent); // true
 * ```
 */
export function isForeignLaunchOrigin(
  headers: { origin?: string | undefined; secFetchSite?: string | undefined },
  ownOrigin: string,
  ent: Pick<Ent, 'origins' | 'assertionEndpoint'>,
): boolean {
  const { origin, secFetchSite } = headers;
  if (origin !== undefined) return !entOrigins(ent, ownOrigin).has(origin);
  const site = secFetchSite?.toLowerCase();
  return site === 'cross-site' || site === 'same-site';
}
