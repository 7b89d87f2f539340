import type { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { requestClient } from '../../http/client-address.js';
import { errorProblem, requestIdOf, type HandoffRouteDeps } from '../handoff-context.js';
import { handoffProblem } from '../handoff-problem.js';
import { formFields, handoffResponse } from '../launch-routes.js';
import { deepLinkingPageHtml } from './lti-deep-linking-page.js';
import { ltiProblem } from './lti-routes.js';

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
};

/**
 * `POST /lti/deep-linking/start` (a teacher's top-level form: `assertion`, `resource`, `uai`, `group`, `until`,
 * optional `note`) and `POST /lti/deep-linking/return` (the tool's form: `JWT`).
 */
export function mountLtiDeepLinkingRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  app.post('/lti/deep-linking/start', async (c) => {
    const f = await formFields(c, deps, ['assertion', 'resource', 'uai', 'group', 'until'] as const, ['note'] as const);
    if (f instanceof Response) return f;
    const requestId = requestIdOf(c);
    try {
      const { user, spend } = await deps.service.identity.authenticateEntLaunch(f.assertion, requestClient(c));
      const headers = { origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') };
      if (await deps.service.handoff.isForeignLaunch(user.entId, headers)) {
        const detail = 'this request was posted from a site the ENT did not register';
        return handoffProblem({
          code: 'forbidden',
          status: 403,
          detail,
          reason: 'foreign_origin',
          requestId,
          instance: c.req.path,
        });
      }
      if (!(await spend())) {
        const detail = 'the assertion was already used; ask the ENT for a new one';
        return handoffProblem({
          code: 'unauthenticated',
          status: 401,
          detail,
          reason: 'assertion_reused',
          requestId,
          instance: c.req.path,
        });
      }
      const result = await deps.service.lti.startDeepLinking(user, {
        uai: f.uai,
        resourceId: f.resource,
        groupCode: f.group,
        until: f.until,
        ...(f.note ? { note: f.note } : {}),
      });
      return handoffResponse(c, result);
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });

  app.post('/lti/deep-linking/return', async (c) => {
    const f = await formFields(c, deps, ['JWT'] as const);
    if (f instanceof Response) return f;
    try {
      const r = await deps.service.lti.deepLinkingReturn(f.JWT);
      if (!r.ok) {
        deps.service.logger.info('lti.deep_linking', {
          requestId: requestIdOf(c),
          outcome: 'refused',
          reason: r.reason,
        });
        return ltiProblem(c, r.reason, `the Deep Linking response was refused (${r.reason})`);
      }
      const cls = r.pin?.classes[0]?.groupLabel ?? r.session.groupCode;
      const html = deepLinkingPageHtml({
        resourceName: r.pin?.resourceName ?? r.session.resourceId,
        classTitle: cls,
        ...(r.items[0] ? { chosen: r.items[0].title ?? r.items[0].url } : {}),
        ...(r.pin ? { until: r.pin.until } : {}),
        ...(r.backUrl ? { backUrl: r.backUrl } : {}),
      });
      return new Response(html, { status: 200, headers: PAGE_HEADERS });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });
}
