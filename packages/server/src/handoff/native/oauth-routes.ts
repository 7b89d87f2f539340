import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { errorProblem, redirectHeaders, requestIdOf, type HandoffRouteDeps } from '../handoff-context.js';
import { handoffProblem } from '../handoff-problem.js';
import { PUPIL_CHOOSER_TEXTS, entChooserHeaders, entChooserPageHtml } from '../ent-chooser-page.js';
import { admitLaunch } from '../launch-routes.js';
import { readForm } from '../read-form.js';
import type { OAuthFailure, OAuthParams } from './oauth-errors.js';
import { openIdConfiguration } from './openid-configuration.js';

/** Token answers are never cached (RFC 6749 §5.1). */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache', 'referrer-policy': 'no-referrer' };

/** An RFC 6749 §5.2 / RFC 6750 §3.1 error body. */
function oauthError(f: Pick<OAuthFailure, 'error' | 'description'> & { status: number }): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...NO_STORE };
  if (f.error === 'invalid_token') headers['www-authenticate'] = 'Bearer error="invalid_token"';
  return new Response(JSON.stringify({ error: f.error, error_description: f.description }), {
    status: f.status,
    headers,
  });
}

function queryParams(c: Context<AppEnv>): OAuthParams {
  return c.req.queries() as OAuthParams;
}

/**
 * The page of a sign-in that named no ENT while several can sign people in: the ENT chooser, its form sending the app's
 * request back with `idp_hint` (a GET to this route, answered by a redirect to the ENT, hence the ENTs' origins in
 * `form-action`).
 */
async function entChoice(
  c: Context<AppEnv>,
  deps: HandoffRouteDeps,
  start: { ents: { id: string; name: string }[]; resourceName: string },
): Promise<Response> {
  const { idp_hint: _hint, prompt: _prompt, ...hidden } = c.req.query();
  const html = entChooserPageHtml({
    texts: PUPIL_CHOOSER_TEXTS,
    ents: start.ents,
    resourceName: start.resourceName,
    form: { method: 'get', action: '/oauth/authorize', hidden, field: 'idp_hint' },
  });
  return new Response(html, { status: 200, headers: entChooserHeaders(await deps.service.discovery.entOrigins()) });
}

/**
 * The native-app routes: `GET /.well-known/openid-configuration`, `GET /oauth/authorize` (the browser, then the ENT round trip through `/launch/callback`),
 * `POST /oauth/token` (the app, form-encoded, RFC 6749 §5 answers) and `GET /oauth/userinfo` (the app, bearer token
 * in the `Authorization` header only: a token in a URL is refused).
 */
export function mountOAuthRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  app.get(
    '/.well-known/openid-configuration',
    () =>
      new Response(JSON.stringify(openIdConfiguration(deps.service.issuer)), {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'cache-control': `public, max-age=${deps.metadataMaxAgeS}`,
          'access-control-allow-origin': '*',
        },
      }),
  );

  app.get('/oauth/authorize', async (c) => {
    const limited = await admitLaunch(c, deps);
    if (limited) return limited;
    try {
      const start = await deps.service.oauth.authorize(queryParams(c));
      if (start.ok) return new Response(null, { status: 303, headers: redirectHeaders(start.location) });
      if (start.reason === 'choose_ent') return await entChoice(c, deps, start);
      return handoffProblem({
        code: 'bad-request',
        status: 400,
        detail: start.detail,
        reason: 'invalid_client',
        requestId: requestIdOf(c),
        instance: c.req.path,
      });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });

  app.post('/oauth/token', async (c) => {
    // The same per-address budget as a launch start: a flood of guessed codes costs the store nothing past it.
    const limited = await admitLaunch(c, deps);
    if (limited) {
      const res = oauthError({ status: limited.status, error: 'temporarily_unavailable', description: 'retry later' });
      const retry = limited.headers.get('retry-after');
      if (retry) res.headers.set('retry-after', retry);
      return res;
    }
    if (Object.keys(c.req.queries()).length > 0)
      return oauthError({ status: 400, error: 'invalid_request', description: 'send the parameters in the body' });
    const form = await readForm(c, deps.maxFormBytes);
    if (!form.ok) return oauthError({ status: 400, error: 'invalid_request', description: form.detail });
    const params: OAuthParams = Object.fromEntries([...form.fields].map(([k, v]) => [k, [v]]));
    try {
      const r = await deps.service.oauth.token(params);
      if (!r.ok) return oauthError(r);
      return new Response(JSON.stringify(r.body), {
        status: 200,
        headers: { 'content-type': 'application/json', ...NO_STORE },
      });
    } catch (err) {
      deps.service.logger.error('oauth.token.internal', {
        requestId: requestIdOf(c),
        error: err instanceof Error ? err.name : 'unknown',
      });
      return oauthError({ status: 500, error: 'server_error', description: 'something went wrong; try again' });
    }
  });

  app.get('/oauth/userinfo', async (c) => {
    if (c.req.query('access_token') !== undefined)
      return oauthError({ status: 400, error: 'invalid_request', description: 'send the token in the header' });
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(auth);
    try {
      const r = await deps.service.oauth.userinfo(m?.[1]);
      if (!r.ok) return oauthError(r);
      return new Response(JSON.stringify(r.claims), {
        status: 200,
        headers: { 'content-type': 'application/json', ...NO_STORE },
      });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });
}
