import { entIdSchema, uaiSchema, type Resource } from '@opengar/core';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { casFailureXml, casSuccessXml } from './cas-response.js';
import { errorProblem, requestIdOf, type HandoffRouteDeps } from './handoff-context.js';
import { handoffProblem, refusalProblem } from './handoff-problem.js';
import { admitLaunch, formFields, redirectToEnt, verifyAndHandOff } from './launch-routes.js';

const XML_HEADERS = { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-store' };

function invalidService(c: Context<AppEnv>): Response {
  return refusalProblem('invalid_service', requestIdOf(c), c.req.path);
}

/**
 * CAS 3.0 for resources registered with `protocol: 'cas'`:
 * `GET /cas/login?service=…&idENT=…&idEtab=…` sends the browser to its ENT for an assertion (then `/launch/callback`),
 * `POST /cas/login` (form `assertion`, `service`, `uai`) hands off at once, and `GET /cas/p3/serviceValidate` answers
 * CAS XML.
 */
export function mountCasRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  app.get('/cas/login', async (c) => {
    const limited = await admitLaunch(c, deps);
    if (limited) return limited;
    const service = c.req.query('service');
    const entId = c.req.query('idENT');
    const uai = c.req.query('idEtab');
    const errors = [];
    if (!service) errors.push({ pointer: '/service', code: 'required', message: 'the service URL is required' });
    if (!entIdSchema.safeParse(entId).success)
      errors.push({ pointer: '/idENT', code: 'required', message: 'the ENT id is required' });
    if (!uaiSchema.safeParse(uai).success)
      errors.push({ pointer: '/idEtab', code: 'required', message: 'the UAI is required' });
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
      return await redirectToEnt(c, deps, { entId: entId!, uai: uai!, resourceId: resource.id, service: service! });
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

  app.get('/cas/p3/serviceValidate', async (c) => {
    const service = c.req.query('service');
    const ticket = c.req.query('ticket');
    if (!service || !ticket) {
      return new Response(casFailureXml('INVALID_REQUEST', 'service and ticket are required'), {
        status: 200,
        headers: XML_HEADERS,
      });
    }
    try {
      const r = await deps.service.cas.redeemCasTicket(ticket, service);
      const xml = r.ok
        ? casSuccessXml(r.payload.user, r.payload.attributes)
        : casFailureXml(
            r.code,
            r.code === 'INVALID_SERVICE'
              ? `the ticket was not issued for ${service}`
              : 'the ticket is unknown, expired or already used',
          );
      deps.service.logger.info('cas.validate', { requestId: requestIdOf(c), outcome: r.ok ? 'success' : r.code });
      return new Response(xml, { status: 200, headers: XML_HEADERS });
    } catch (err) {
      deps.service.logger.error('cas.internal', {
        requestId: requestIdOf(c),
        error: err instanceof Error ? err.name : 'unknown',
      });
      return new Response(casFailureXml('INTERNAL_ERROR', 'the ticket could not be validated; retry'), {
        status: 500,
        headers: XML_HEADERS,
      });
    }
  });
}
