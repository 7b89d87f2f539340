import { entIdSchema, uaiSchema, type Resource } from '@opengar/core';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { errorProblem, redirectHeaders, requestIdOf, type HandoffRouteDeps } from './handoff-context.js';
import { handoffProblem, refusalProblem } from './handoff-problem.js';
import { admitLaunch, formFields, redirectToEnt, verifyAndHandOff } from './launch-routes.js';
import { chooseEnt } from './cas/cas-login-choice.js';
import { casSessionOf, mountCasClientRoutes } from './cas/cas-client-routes.js';
import { casFormat, casValidationResponse } from './cas/cas-validation-response.js';

function invalidService(c: Context<AppEnv>): Response {
  return refusalProblem('invalid_service', requestIdOf(c), c.req.path);
}

/**
 * CAS 3.0 (and 2.0) for resources registered with `protocol: 'cas'`:
 * `GET /cas/login?service=…[&idENT=…][&idEtab=…]` sends the browser to its ENT for an assertion (then
 * `/launch/callback`): the ENT given, else the one of its CAS session, else the one it chooses on a page;
 * `POST /cas/login` (form `assertion`, `service`, `uai`) hands off at once; `GET /cas/serviceValidate` and
 * `/cas/p3/serviceValidate` answer CAS XML (or JSON with `format=JSON`); `/cas/logout` ends the session with single
 * logout; proxy validation is refused.
 */
export function mountCasRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  app.get('/cas/login', async (c) => {
    const limited = await admitLaunch(c, deps);
    if (limited) return limited;
    const service = c.req.query('service');
    const uai = c.req.query('idEtab');
    let entId = c.req.query('idENT');
    const errors = [];
    if (!service) errors.push({ pointer: '/service', code: 'required', message: 'the service URL is required' });
    if (entId !== undefined && !entIdSchema.safeParse(entId).success)
      errors.push({ pointer: '/idENT', code: 'invalid', message: 'not an ENT id' });
    if (uai !== undefined && !uaiSchema.safeParse(uai).success)
      errors.push({ pointer: '/idEtab', code: 'invalid', message: 'not a UAI' });
    if (errors.length > 0) {
      return handoffProblem({
        code: 'validation',
        status: 400,
        detail: 'invalid CAS login',
        requestId: requestIdOf(c),
        instance: c.req.path,
        errors,
      });
    }
    try {
      const resource = await deps.service.cas.casResourceForService(service!);
      if (!resource) return invalidService(c);
      // What stock CAS clients send: only `service`. The ENT is the one of the session, else the person chooses it.
      entId ??= (await casSessionOf(c, deps))?.entId;
      if (entId === undefined) {
        // CAS `gateway`: a client that only wants to know whether the person is signed in gets its service back, no ticket.
        if (c.req.query('gateway') === 'true')
          return new Response(null, { status: 303, headers: redirectHeaders(service!) });
        return await chooseEnt(c, deps, service!);
      }
      return await redirectToEnt(c, deps, {
        entId,
        ...(uai === undefined ? {} : { uai }),
        resourceId: resource.id,
        service: service!,
      });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });

  app.post('/cas/login', async (c) => {
    const f = await formFields(c, deps, ['assertion', 'service', 'uai'] as const);
    if (f instanceof Response) return f;
    let resource: Resource | undefined;
    try {
      resource = await deps.service.cas.casResourceForService(f.service);
    } catch (err) {
      return errorProblem(c, deps, err);
    }
    if (!resource) return invalidService(c);
    return verifyAndHandOff(c, deps, f.assertion, { uai: f.uai, resourceId: resource.id, service: f.service });
  });

  const validate = async (c: Context<AppEnv>) => {
    const service = c.req.query('service');
    const ticket = c.req.query('ticket');
    const format = casFormat(c.req.query('format'));
    if (!service || !ticket) {
      return casValidationResponse(
        { ok: false, code: 'INVALID_REQUEST', description: 'service and ticket are required' },
        format,
      );
    }
    try {
      const r = await deps.service.cas.redeemCasTicket(ticket, service);
      deps.service.logger.info('cas.validate', { requestId: requestIdOf(c), outcome: r.ok ? 'success' : r.code });
      return casValidationResponse(
        r.ok
          ? r
          : {
              ok: false,
              code: r.code,
              description:
                r.code === 'INVALID_SERVICE'
                  ? `the ticket was not issued for ${service}`
                  : 'the ticket is unknown, expired or already used',
            },
        format,
      );
    } catch (err) {
      deps.service.logger.error('cas.internal', {
        requestId: requestIdOf(c),
        error: err instanceof Error ? err.name : 'unknown',
      });
      return casValidationResponse(
        { ok: false, code: 'INTERNAL_ERROR', description: 'the ticket could not be validated; retry' },
        format,
      );
    }
  };
  app.get('/cas/serviceValidate', validate);
  app.get('/cas/p3/serviceValidate', validate);
  mountCasClientRoutes(app, deps);
}
