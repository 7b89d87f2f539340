import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import type { HandoffRouteDeps } from '../handoff-context.js';
import { DISCOVERY_COOKIE, readChoice, rememberCookie } from '../discovery/discovery-routes.js';
import { SAML_PATHS } from './saml-names.js';

/**
 * The discovery cookie (`opengar_where`, the ENT and school a browser chose) scoped to the SAML SSO endpoint too:
 * the same value, `Path=/saml/sso` instead of `/launch`, so only these two places ever receive it (not the API, not
 * the admin). Set wherever the `/launch` one is set.
 *
 * @example
 * ```ts
 * res.headers.append('set-cookie', samlRememberCookie(deps, { entId: 'ENTA', uai: '0561641E' }));
 * ```
 */
export function samlRememberCookie(deps: HandoffRouteDeps, choice: { entId: string; uai?: string }): string {
  return rememberCookie(deps, choice).replace('; Path=/launch;', `; Path=${SAML_PATHS.sso};`);
}

/**
 * The ENT this browser remembered, if the cookie is well-formed and the ENT still holds (it exists and has an
 * assertion endpoint); `undefined` otherwise, or when the request asks to choose again (`prompt=select`).
 */
export async function rememberedEnt(c: Context<AppEnv>, deps: HandoffRouteDeps): Promise<string | undefined> {
  if (c.req.query('prompt') === 'select') return undefined;
  const raw = c.req.header('cookie') ?? '';
  const m = new RegExp(`(?:^|;\\s*)${DISCOVERY_COOKIE}=([^;]*)`).exec(raw);
  const choice = readChoice(m?.[1]);
  if (!choice) return undefined;
  return (await deps.service.discovery.holds(choice.entId)) ? choice.entId : undefined;
}
