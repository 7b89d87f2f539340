import type { ValidationIssue } from '@opengar/core';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { problemResponse } from '../../http/problem-response.js';
import type { HandoffResult } from '../create-handoff.js';
import { errorProblem, requestIdOf, type HandoffRouteDeps } from '../handoff-context.js';
import { cspNonce, launchPageHeaders } from '../launch-page.js';
import { readForm } from '../read-form.js';
import { autoPostPageHtml } from '../launch-page.js';

/** The page posting the OIDC third-party login initiation to the tool (the `login_hint` never goes in a URL here). */
export function ltiLoginResponse(result: Extract<HandoffResult, { protocol: 'lti' }>): Response {
  // The tool answers the login initiation with a redirect to opengar's authorization endpoint, and a browser applies
  // `form-action` to the redirects of a form submission: our own origin is allowed too.
  return autoPost(result.action, { ...result.fields }, result.resource.name, [new URL(result.fields.iss).origin]);
}

function autoPost(action: string, fields: Record<string, string>, resourceName: string, also: string[] = []): Response {
  const nonce = cspNonce();
  const html = autoPostPageHtml({ action, fields, resourceName, nonce });
  const headers = launchPageHeaders(nonce, action);
  if (also.length > 0) {
    const csp = headers['content-security-policy']!;
    headers['content-security-policy'] = csp.replace(
      /form-action ([^;]+)/,
      (_, origins) => `form-action ${origins} ${also.join(' ')}`,
    );
  }
  return new Response(html, { status: 200, headers });
}

/** A 400 problem of the LTI routes, with the refusal's `reason`. */
export function ltiProblem(c: Context<AppEnv>, reason: string, detail: string, errors?: ValidationIssue[]): Response {
  return problemResponse({
    code: errors ? 'validation' : 'bad-request',
    status: 400,
    detail,
    instance: c.req.path,
    requestId: requestIdOf(c),
    extensions: { reason },
    ...(errors ? { errors } : {}),
    headers: { 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' },
  });
}

/** The parameters of a GET (query, each once) or a POST (form), or the problem to answer. */
export async function ltiParams(
  c: Context<AppEnv>,
  deps: HandoffRouteDeps,
): Promise<Record<string, string> | Response> {
  if (c.req.method === 'POST') {
    const form = await readForm(c, deps.maxFormBytes);
    if (!form.ok) {
      const errors = form.reason === 'validation' ? form.errors : undefined;
      return problemResponse({
        code: form.reason,
        status: form.status,
        detail: form.detail,
        instance: c.req.path,
        requestId: requestIdOf(c),
        ...(errors ? { errors } : {}),
      });
    }
    return Object.fromEntries(form.fields);
  }
  const url = new URL(c.req.url);
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) {
    if (k in out)
      return ltiProblem(c, 'invalid_request', `${k} is given more than once`, [
        { pointer: `/${k}`, code: 'duplicate', message: 'given more than once' },
      ]);
    out[k] = v;
  }
  return out;
}

/** `GET`/`POST /lti/authorize` (the tool's OIDC authentication request) and `GET /lti/configuration`. */
export function mountLtiRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  const authorize = async (c: Context<AppEnv>) => {
    const params = await ltiParams(c, deps);
    if (params instanceof Response) return params;
    try {
      const r = await deps.service.lti.authorize(params);
      if (!r.ok) {
        deps.service.logger.info('lti.authorize', { requestId: requestIdOf(c), outcome: 'refused', reason: r.reason });
        return ltiProblem(c, r.reason, r.detail);
      }
      const fields: Record<string, string> = {
        id_token: r.idToken,
        ...(r.state === undefined ? {} : { state: r.state }),
      };
      return autoPost(r.redirectUri, fields, r.resourceName);
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  };
  app.get('/lti/authorize', authorize);
  app.post('/lti/authorize', authorize);
  app.get(
    '/lti/configuration',
    () =>
      new Response(JSON.stringify(deps.service.lti.configuration()), {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'cache-control': `public, max-age=${deps.metadataMaxAgeS}`,
          'access-control-allow-origin': '*',
        },
      }),
  );
}
