import { problemResponse } from '../../http/problem-response.js';
import { requestClient } from '../../http/client-address.js';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { errorProblem, redirectHeaders, requestIdOf, type HandoffRouteDeps } from '../handoff-context.js';
import { handoffProblem } from '../handoff-problem.js';
import { cspNonce } from '../launch-page.js';
import { admitLaunch, formFields } from '../launch-routes.js';
import { readForm } from '../read-form.js';
import type { LtiToolRefusal } from './lti-id-token.js';
import {
  deepLinkReturnPageHtml,
  entChoicePageHtml,
  ltiPageHeaders,
  pickerPageHtml,
  windowPageHtml,
  windowReturnPageHtml,
  type LtiPageLang,
} from './lti-tool-pages.js';
import { randomToken } from './lti-tool-tokens.js';
import type { LtiLoginRequest } from './lti-tool-use-cases.js';

/** The cookie binding an LTI login, and the picker after it, to one browser (a random value; tokens carry its hash). */
export const LTI_BINDING_COOKIE = 'opengar_lti_bind';
const BINDING = /^[A-Za-z0-9_-]{43}$/;
const LOGIN_FIELDS = [
  'iss',
  'login_hint',
  'target_link_uri',
  'lti_message_hint',
  'client_id',
  'lti_deployment_id',
] as const;

const DETAIL: Record<LtiToolRefusal, string> = {
  unknown_platform: 'no LTI platform is registered with this issuer',
  unknown_client: 'this client id is not registered for the platform',
  unknown_deployment: 'this deployment is not registered for the platform',
  bad_target: 'the target link is not this tool’s launch URL',
  state_invalid: 'the state is invalid or expired; launch the tool again',
  state_mismatch: 'this browser did not start this launch (cookie missing or different)',
  bad_signature: 'the id_token signature does not verify with the platform’s keys',
  wrong_issuer: 'the id_token comes from another issuer',
  wrong_audience: 'the id_token is for another client (aud or azp)',
  expired: 'the id_token has expired or is not valid yet',
  nonce_mismatch: 'the id_token nonce is not the one of this launch',
  nonce_reused: 'this launch was already used',
  wrong_version: 'only LTI 1.3.0 is supported',
  wrong_message_type: 'only LtiResourceLinkRequest and LtiDeepLinkingRequest are supported',
  malformed: 'malformed LTI request',
  no_resource: 'the link names no resource this person may place or open',
  unsupported_return: 'the platform does not accept ltiResourceLink items at an https return URL',
  invalid_grain: 'the page (grain) is not inside the resource’s declared origins',
  session_invalid: 'the picker session is invalid or expired; start again from the course',
  session_reused: 'this choice was already sent',
};

/** The problem of a refused LTI step: `400` (`validation` for a grain), with the reason as an extension. */
export function ltiRefusal(c: Context<AppEnv>, reason: LtiToolRefusal): Response {
  return problemResponse({
    code: reason === 'invalid_grain' ? 'validation' : 'bad-request',
    status: 400,
    detail: DETAIL[reason],
    instance: c.req.path,
    requestId: requestIdOf(c),
    extensions: { reason },
    headers: { 'referrer-policy': 'no-referrer' },
  });
}

function bindingOf(c: Context<AppEnv>): string | undefined {
  const m = new RegExp(`(?:^|;\\s*)${LTI_BINDING_COOKIE}=([^;]*)`).exec(c.req.header('cookie') ?? '');
  return m && BINDING.test(m[1]!) ? m[1] : undefined;
}

/**
 * `SameSite=None`: the launch and the ENT's callback are cross-site form posts that must carry it. `Partitioned`
 * (CHIPS): in Moodle's frame, a browser that blocks third-party cookies still keeps it for the frame's own requests.
 */
function bindingCookie(value: string): string {
  return `${LTI_BINDING_COOKIE}=${value}; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=None; Partitioned`;
}

const langOf = (c: Context<AppEnv>, asked?: string): LtiPageLang => {
  if (asked === 'fr' || asked === 'en') return asked;
  return /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'fr';
};

const html = (body: string, headers: Record<string, string>, status = 200) => new Response(body, { status, headers });

async function frameOrigin(deps: HandoffRouteDeps, platformId: string): Promise<string | undefined> {
  const p = await deps.service.ltiTool.platformOrigin(platformId);
  return p;
}

/**
 * The picker's side of `POST /launch/callback`: the ENT's assertion for a picker state. The same guards as a launch
 * (the assertion's ENT is the state's, the post comes from the ENT's registered origin, state and assertion spent
 * once), then the picker page for the school the assertion names (else the first one the platform serves).
 */
export async function pickerCallback(c: Context<AppEnv>, deps: HandoffRouteDeps, assertion: string, state: string) {
  const requestId = requestIdOf(c);
  const instance = c.req.path;
  try {
    const read = await deps.service.ltiTool.readPickerState(state);
    if (!read) return ltiRefusal(c, 'state_invalid');
    const { user, spend } = await deps.service.identity.authenticateEntLaunch(assertion, requestClient(c));
    if (user.entId !== read.ent) {
      const detail = 'the assertion comes from another ENT than the one chosen';
      return handoffProblem({ code: 'forbidden', status: 403, detail, requestId, instance });
    }
    const headers = { origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') };
    if (await deps.service.handoff.isForeignLaunch(user.entId, headers)) {
      const detail = 'this callback was posted from a site the ENT did not register';
      return handoffProblem({ code: 'forbidden', status: 403, detail, reason: 'foreign_origin', requestId, instance });
    }
    if (!(await deps.service.ltiTool.spendPickerState(read))) {
      const detail = 'the state was already used; start again from the course';
      return handoffProblem({ code: 'bad-request', status: 400, detail, reason: 'state_reused', requestId, instance });
    }
    if (!(await spend())) {
      const detail = 'the assertion was already used; ask the ENT for a new one';
      return handoffProblem({
        code: 'unauthenticated',
        status: 401,
        detail,
        reason: 'assertion_reused',
        requestId,
        instance,
      });
    }
    const p = await deps.service.ltiTool.picker(user, user.uai, read);
    if (!p.ok) {
      const detail =
        p.reason === 'pupil' ? 'pupils cannot place resources in a course' : 'this platform does not serve this school';
      return handoffProblem({ code: 'forbidden', status: 403, detail, requestId, instance });
    }
    const body = pickerPageHtml({ lang: langOf(c), schoolName: p.schoolName, items: p.items, session: p.session });
    const frame = await frameOrigin(deps, read.dl.plt);
    return html(body, ltiPageHeaders({ formAction: ["'self'"], ...(frame ? { frameAncestor: frame } : {}) }));
  } catch (err) {
    return errorProblem(c, deps, err);
  }
}

/**
 * `GET`/`POST /lti/tool/login` (third-party login initiation), `POST /lti/tool/launch` (the platform's `id_token`),
 * `POST /lti/tool/picker/ent` (the ENT chosen for a Deep Linking request) and `POST /lti/tool/picker` (the teacher's
 * choice → the Deep Linking response posted to the platform).
 */
export function mountLtiToolRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  const login = async (c: Context<AppEnv>, fields: Map<string, string> | undefined) => {
    const req: LtiLoginRequest = {};
    for (const name of LOGIN_FIELDS) {
      const values = fields ? (fields.has(name) ? [fields.get(name)!] : []) : (c.req.queries(name) ?? []);
      if (values.length > 1 || (values[0] !== undefined && values[0].length > 2048)) return ltiRefusal(c, 'malformed');
      if (values[0] !== undefined) req[name] = values[0];
    }
    const limited = await admitLaunch(c, deps);
    if (limited) return limited;
    try {
      const binding = bindingOf(c) ?? randomToken();
      const r = await deps.service.ltiTool.login(req, binding);
      if (!r.ok) return ltiRefusal(c, r.reason);
      const res = new Response(null, { status: 302, headers: redirectHeaders(r.location) });
      res.headers.append('set-cookie', bindingCookie(binding));
      return res;
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  };
  app.get('/lti/tool/login', (c) => login(c, undefined));
  app.post('/lti/tool/login', async (c) => {
    const form = await readForm(c, deps.maxFormBytes);
    if (!form.ok) return ltiRefusal(c, 'malformed');
    return login(c, form.fields);
  });

  app.post('/lti/tool/launch', async (c) => {
    const f = await formFields(c, deps, ['id_token', 'state'] as const);
    if (f instanceof Response) return f;
    try {
      // In the platform's frame (Moodle's content selection), the ENT's sign-in goes to a new window.
      const framed = c.req.header('sec-fetch-dest') === 'iframe';
      const r = await deps.service.ltiTool.launch({ idToken: f.id_token, state: f.state }, bindingOf(c), framed);
      if (!r.ok) return ltiRefusal(c, r.reason);
      const next = r.next;
      if (next.kind === 'resource')
        return new Response(null, {
          status: 303,
          headers: redirectHeaders(new URL(next.location, deps.service.issuer).href),
        });
      if (next.kind === 'picker') return new Response(null, { status: 303, headers: redirectHeaders(next.location) });
      if (next.kind === 'window') {
        const nonce = cspNonce();
        const body = windowPageHtml({ lang: langOf(c), windows: next.windows, returnUrl: next.returnUrl, nonce });
        const frame = await frameOrigin(deps, next.platformId);
        const formAction = [new URL(next.returnUrl).origin];
        return html(body, ltiPageHeaders({ formAction, nonce, ...(frame ? { frameAncestor: frame } : {}) }));
      }
      const body = entChoicePageHtml({ lang: langOf(c), request: next.request, ents: next.ents });
      const frame = await frameOrigin(deps, next.platformId);
      return html(body, {
        ...ltiPageHeaders({ formAction: ["'self'", ...next.formTargets], ...(frame ? { frameAncestor: frame } : {}) }),
      });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });

  app.get('/lti/tool/picker/window', async (c) => {
    const t = c.req.queries('t') ?? [];
    if (t.length !== 1) return ltiRefusal(c, 'malformed');
    try {
      // This window's own first-party cookie binds the picker to it (the frame's may be partitioned away).
      const binding = bindingOf(c) ?? randomToken();
      const r = await deps.service.ltiTool.openWindow(t[0]!, binding);
      if (!r.ok) return ltiRefusal(c, r.reason);
      const res = new Response(null, { status: 303, headers: redirectHeaders(r.location) });
      res.headers.append('set-cookie', bindingCookie(binding));
      return res;
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });

  app.post('/lti/tool/picker/ent', async (c) => {
    if (!sameOrigin(c, deps)) return forbidden(c);
    const f = await formFields(c, deps, ['request', 'ent'] as const);
    if (f instanceof Response) return f;
    try {
      const r = await deps.service.ltiTool.chooseEnt(f.request, f.ent, bindingOf(c));
      if (!r.ok) return ltiRefusal(c, r.reason);
      return new Response(null, { status: 303, headers: redirectHeaders(r.location) });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });

  app.post('/lti/tool/picker', async (c) => {
    if (!sameOrigin(c, deps)) return forbidden(c);
    const f = await formFields(c, deps, ['session', 'resource'] as const, ['grain', 'title', 'lang'] as const);
    if (f instanceof Response) return f;
    try {
      const choice = {
        resourceId: f.resource,
        ...(f.grain ? { grain: f.grain } : {}),
        ...(f.title ? { title: f.title } : {}),
      };
      const r = await deps.service.ltiTool.deepLink(f.session, choice, bindingOf(c));
      if (!r.ok) return ltiRefusal(c, r.reason);
      const nonce = cspNonce();
      if (r.popup) {
        const body = windowReturnPageHtml({ lang: langOf(c, f.lang), jwt: r.jwt, title: r.title, nonce });
        return html(body, ltiPageHeaders({ formAction: ["'none'"], nonce }));
      }
      const body = deepLinkReturnPageHtml({
        lang: langOf(c, f.lang),
        returnUrl: r.returnUrl,
        jwt: r.jwt,
        title: r.title,
        nonce,
      });
      const frame = await frameOrigin(deps, r.platformId);
      return html(
        body,
        ltiPageHeaders({
          formAction: [new URL(r.returnUrl).origin],
          nonce,
          ...(frame ? { frameAncestor: frame } : {}),
        }),
      );
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });
}

/** A form of the tool's own pages comes from its own origin (an absent `Origin` is an older browser's, let through). */
function sameOrigin(c: Context<AppEnv>, deps: HandoffRouteDeps): boolean {
  const origin = c.req.header('origin');
  return origin === undefined || origin === new URL(deps.service.issuer).origin;
}

function forbidden(c: Context<AppEnv>): Response {
  const detail = 'the form was posted from another site';
  return handoffProblem({ code: 'forbidden', status: 403, detail, requestId: requestIdOf(c), instance: c.req.path });
}
