import { entIdSchema, resourceIdSchema, uaiSchema, type ValidationIssue } from '@opengar/core';
import type { Context, Hono } from 'hono';
import { decodeGarBase64 } from '../../gar/ressources-listing.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorProblem, redirectHeaders, requestIdOf, type HandoffRouteDeps } from '../handoff-context.js';
import { handoffProblem, refusalProblem } from '../handoff-problem.js';
import { admitLaunch, formFields, redirectToEnt, singleQuery } from '../launch-routes.js';
import { checkGrain } from '@opengar/core';
import { discoveryPageHtml, type DiscoveryLang } from './discovery-page.js';
import { samlRememberCookie } from '../saml/saml-remembered.js';

/** The cookie that remembers, on one browser, the ENT and school chosen (not a credential: a preference). */
export const DISCOVERY_COOKIE = 'opengar_where';
const FRAMING = "base-uri 'none'; frame-ancestors 'none'";
/** 13 months, the longest a preference cookie may live without asking again. */
const REMEMBER_S = 395 * 86_400;

/** The `ENT:UAI` (or `ENT:`) a choice is written as, read back; `undefined` when malformed. */
export function readChoice(value: string | undefined): { entId: string; uai?: string } | undefined {
  if (!value || value.length > 120) return undefined;
  const [entId, uai, ...rest] = value.split(':');
  if (rest.length > 0 || !entIdSchema.safeParse(entId).success) return undefined;
  if (uai && !uaiSchema.safeParse(uai).success) return undefined;
  return { entId: entId!, ...(uai ? { uai } : {}) };
}

function cookieOf(c: Context<AppEnv>): string | undefined {
  const raw = c.req.header('cookie') ?? '';
  const m = new RegExp(`(?:^|;\\s*)${DISCOVERY_COOKIE}=([^;]*)`).exec(raw);
  return m?.[1];
}

/** The `Set-Cookie` that remembers a choice on this browser (`Secure` over https). */
export function rememberCookie(deps: HandoffRouteDeps, choice: { entId: string; uai?: string }): string {
  const secure = deps.service.issuer.startsWith('https:') ? '; Secure' : '';
  return `${DISCOVERY_COOKIE}=${choice.entId}:${choice.uai ?? ''}; Path=/launch; Max-Age=${REMEMBER_S}; HttpOnly; SameSite=Lax${secure}`;
}

const langOf = (c: Context<AppEnv>): DiscoveryLang => {
  const asked = c.req.query('lang');
  if (asked === 'fr' || asked === 'en') return asked;
  return /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'fr';
};

function invalid(c: Context<AppEnv>, errors: ValidationIssue[]): Response {
  const detail = 'invalid discovery request';
  return handoffProblem({
    code: 'validation',
    status: 400,
    detail,
    requestId: requestIdOf(c),
    instance: c.req.path,
    errors,
  });
}

type Target = { resourceId: string; name: string; grain?: string };

/** The resource and the checked grain of a discovery, or the problem to answer. */
async function target(c: Context<AppEnv>, deps: HandoffRouteDeps, resourceId: string, grain?: string) {
  const resource = await deps.service.discovery.resource(resourceId);
  if (!resource) {
    const detail = 'no such resource';
    return handoffProblem({ code: 'not-found', status: 404, detail, requestId: requestIdOf(c), instance: c.req.path });
  }
  if (grain === undefined) return { resourceId, name: resource.name } satisfies Target;
  const checked = checkGrain(grain, resource.grainOrigins);
  if (!checked.ok) return refusalProblem('invalid_grain', requestIdOf(c), c.req.path, checked.reason);
  return { resourceId, name: resource.name, grain: checked.url } satisfies Target;
}

/**
 * `GET /launch?idRessource=…[&grain=…]` without ENT or school (a link a teacher copied, or a publisher's login): with
 * `idp_hint=<idENT>`, or a choice remembered on this browser, straight to that ENT; else to the discovery page
 * (`prompt=select` asks again). The grain is checked first: a hostile one goes nowhere.
 */
export async function discoverOrGo(c: Context<AppEnv>, deps: HandoffRouteDeps): Promise<Response> {
  const errors: ValidationIssue[] = [];
  const grain = singleQuery(c, 'grain', errors);
  const hint = singleQuery(c, 'idp_hint', errors);
  const raw = singleQuery(c, 'idRessource', errors);
  const resourceId = raw === undefined ? undefined : decodeGarBase64(raw);
  if (!resourceId || !resourceIdSchema.safeParse(resourceId).success)
    errors.push({ pointer: '/idRessource', code: 'invalid', message: 'base64 of the resource id' });
  if (hint !== undefined && !entIdSchema.safeParse(hint).success)
    errors.push({ pointer: '/idp_hint', code: 'invalid', message: 'an ENT id' });
  if (errors.length > 0) return invalid(c, errors);
  try {
    const t = await target(c, deps, resourceId!, grain);
    if (t instanceof Response) return t;
    const bound = { resourceId: t.resourceId, ...(t.grain ? { grain: t.grain } : {}) };
    if (hint !== undefined) return await redirectToEnt(c, deps, { entId: hint, ...bound });
    const remembered = c.req.query('prompt') === 'select' ? undefined : readChoice(cookieOf(c));
    if (remembered && (await deps.service.discovery.holds(remembered.entId, remembered.uai)))
      return await redirectToEnt(c, deps, { ...remembered, ...bound });
    const page = new URLSearchParams({ resource: t.resourceId, ...(t.grain ? { grain: t.grain } : {}) });
    return new Response(null, { status: 303, headers: redirectHeaders(`/launch/discover?${page}`) });
  } catch (err) {
    return errorProblem(c, deps, err);
  }
}

/**
 * `GET /launch/discover?resource=…[&grain=…][&q=…][&academie=…][&ent=…][&lang=en]`: the page to choose an académie,
 * ENT and school; `POST /launch/discover` (form `resource`, `school` = `ENT:UAI` or `ENT:`, optional `grain`,
 * `remember`) remembers the choice if asked and sends the browser to that ENT as a GAR-style link does.
 */
export function mountDiscoveryRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  app.get('/launch/discover', async (c) => {
    const limited = await admitLaunch(c, deps);
    if (limited) return limited;
    const errors: ValidationIssue[] = [];
    const resourceId = singleQuery(c, 'resource', errors);
    const grain = singleQuery(c, 'grain', errors);
    const q = (singleQuery(c, 'q', errors) ?? '').slice(0, 200);
    const academie = singleQuery(c, 'academie', errors) || undefined;
    const entId = singleQuery(c, 'ent', errors) || undefined;
    if (!resourceId || !resourceIdSchema.safeParse(resourceId).success)
      errors.push({ pointer: '/resource', code: 'invalid', message: 'a resource id' });
    if (academie !== undefined && !/^[0-9A-Za-z]{1,10}$/.test(academie))
      errors.push({ pointer: '/academie', code: 'invalid', message: 'an académie code' });
    if (entId !== undefined && !entIdSchema.safeParse(entId).success)
      errors.push({ pointer: '/ent', code: 'invalid', message: 'an ENT id' });
    if (errors.length > 0) return invalid(c, errors);
    try {
      const t = await target(c, deps, resourceId!, grain);
      if (t instanceof Response) return t;
      const query = { q, ...(academie ? { academie } : {}), ...(entId ? { entId } : {}) };
      const choices = await deps.service.discovery.choices(query);
      const html = discoveryPageHtml({
        lang: langOf(c),
        resource: { id: t.resourceId, name: t.name },
        ...(t.grain ? { grain: t.grain } : {}),
        query,
        choices,
      });
      const formTargets = (await deps.service.discovery.entOrigins()).join(' ');
      return new Response(html, {
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          // same-origin, not no-referrer: with no-referrer, Chrome sends `Origin: null` on the page's own POST.
          'referrer-policy': 'same-origin',
          'x-content-type-options': 'nosniff',
          // The chosen school's form is answered by a redirect to its ENT: form-action must allow those origins.
          'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formTargets}; ${FRAMING}`,
        },
      });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });

  app.post('/launch/discover', async (c) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== new URL(deps.service.issuer).origin) {
      const detail = 'the choice was posted from another site';
      return handoffProblem({
        code: 'forbidden',
        status: 403,
        detail,
        requestId: requestIdOf(c),
        instance: c.req.path,
      });
    }
    const f = await formFields(c, deps, ['resource', 'school'] as const, ['grain', 'remember', 'lang'] as const);
    if (f instanceof Response) return f;
    const choice = readChoice(f.school);
    const errors: ValidationIssue[] = [];
    if (!choice) errors.push({ pointer: '/school', code: 'invalid', message: 'ENT:UAI or ENT:' });
    if (!resourceIdSchema.safeParse(f.resource).success)
      errors.push({ pointer: '/resource', code: 'invalid', message: 'a resource id' });
    if (errors.length > 0) return invalid(c, errors);
    try {
      const t = await target(c, deps, f.resource, f.grain);
      if (t instanceof Response) return t;
      if (!(await deps.service.discovery.holds(choice!.entId, choice!.uai))) {
        const detail = 'no such ENT, or no such school in it';
        return handoffProblem({
          code: 'not-found',
          status: 404,
          detail,
          requestId: requestIdOf(c),
          instance: c.req.path,
        });
      }
      const res = await redirectToEnt(c, deps, {
        ...choice!,
        resourceId: t.resourceId,
        ...(t.grain ? { grain: t.grain } : {}),
      });
      if (res.status === 303 && f.remember === '1') res.headers.append('set-cookie', rememberCookie(deps, choice!));
      if (res.status === 303 && f.remember === '1') res.headers.append('set-cookie', samlRememberCookie(deps, choice!));
      return res;
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });
}
