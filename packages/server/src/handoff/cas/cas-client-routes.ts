import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/app-env.js';
import { requestClient } from '../../http/client-address.js';
import { problemForError } from '../../http/problem-response.js';
import { redirectHeaders, requestIdOf, type HandoffRouteDeps } from '../handoff-context.js';
import { casPageHeaders, loggedOutHtml } from './cas-pages.js';
import { CAS_SESSION_COOKIE, casSessionCookie, withIssuedTicket, type CasSession } from './cas-session.js';
import { casFormat, casProxyRefusal } from './cas-validation-response.js';
import { singleLogout, type SingleLogoutOutcome } from './single-logout.js';

type Deps = Pick<HandoffRouteDeps, 'service'>;

const secureCookie = (deps: Deps) => deps.service.issuer.startsWith('https:');

/** The browser's CAS session, if its cookie opens. */
export async function casSessionOf(c: Context<AppEnv>, deps: Deps): Promise<CasSession | undefined> {
  return deps.service.cas.openSession(getCookie(c, CAS_SESSION_COOKIE));
}

/** Whether a service URL is registered by a CAS resource now. */
export async function isRegisteredCasService(deps: Deps, service: string): Promise<boolean> {
  return (await deps.service.cas.casResourceForService(service)) !== undefined;
}

/**
 * Sends each service of the browser's CAS session its single logout request (back channel) and logs the outcomes
 * under `event` (the services' origins only, never a ticket); the caller clears the cookie. Used by `/cas/logout` and
 * by SAML single logout (`/saml/slo`), which end the same session.
 */
export async function endCasSession(
  c: Context<AppEnv>,
  deps: Deps,
  event: string,
  extra: Record<string, unknown> = {},
): Promise<SingleLogoutOutcome[]> {
  const session = await casSessionOf(c, deps);
  const outcomes = await singleLogout(session?.services ?? [], {
    isRegistered: (s) => isRegisteredCasService(deps, s),
    now: deps.service.clock.now(),
  });
  deps.service.logger.info(event, {
    requestId: requestIdOf(c),
    ...extra,
    session: session !== undefined,
    services: outcomes.map((o) => ({
      origin: URL.canParse(o.service) ? new URL(o.service).origin : null,
      outcome: o.outcome,
      ...(o.status === undefined ? {} : { status: o.status }),
    })),
  });
  return outcomes;
}

/**
 * Adds the ticket a CAS redirect carries to the browser's CAS session (for single logout) and sets the cookie on
 * `response`; any other response is returned as it is.
 */
export async function rememberCasTicket(
  c: Context<AppEnv>,
  deps: Deps,
  entId: string,
  response: Response,
): Promise<Response> {
  const location = response.status === 303 ? response.headers.get('location') : null;
  if (!location) return response;
  const url = new URL(location);
  const ticket = url.searchParams.get('ticket');
  if (!ticket?.startsWith('ST-')) return response;
  url.searchParams.delete('ticket');
  const service = url.href;
  const session = withIssuedTicket(await casSessionOf(c, deps), entId, { service, ticket });
  const headers = new Headers(response.headers);
  headers.append('set-cookie', casSessionCookie(await deps.service.cas.sealSession(session), secureCookie(deps)));
  return new Response(response.body, { status: response.status, headers });
}

/**
 * The CAS routes stock clients call besides login and validation: `GET /cas/logout` (ends the session and sends each
 * of its services a SAML `LogoutRequest`; then back to `service` if it is registered, else a signed-out page), and
 * `/cas/proxyValidate`, `/cas/p3/proxyValidate`, `/cas/proxy` (refused: no proxy tickets).
 */
export function mountCasClientRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get('/cas/proxyValidate', (c) => casProxyRefusal(casFormat(c.req.query('format')), 'proxyValidate'));
  app.get('/cas/p3/proxyValidate', (c) => casProxyRefusal(casFormat(c.req.query('format')), 'proxyValidate'));
  app.get('/cas/proxy', (c) => casProxyRefusal(casFormat(c.req.query('format')), 'proxy'));

  app.get('/cas/logout', async (c) => {
    const requestId = requestIdOf(c);
    // Each logout may send up to 8 back-channel requests: counted against the caller, as launches are.
    try {
      await deps.service.identity.admitLaunch(requestClient(c));
    } catch (err) {
      const problem = problemForError(err, requestId, c.req.path);
      if (problem) return problem;
      throw err;
    }
    const outcomes = await endCasSession(c, deps, 'cas.logout');
    const notified = outcomes.filter((o) => o.outcome === 'notified').length;
    const clear = casSessionCookie(undefined, secureCookie(deps));
    const back = c.req.query('service') ?? c.req.query('url');
    let registered = false;
    try {
      registered = back !== undefined && back.length <= 4096 && (await isRegisteredCasService(deps, back));
    } catch {
      registered = false;
    }
    if (registered) {
      return new Response(null, { status: 303, headers: { ...redirectHeaders(back!), 'set-cookie': clear } });
    }
    return new Response(loggedOutHtml({ notified, failed: outcomes.length - notified }), {
      status: 200,
      headers: { ...casPageHeaders(), 'set-cookie': clear },
    });
  });
}
