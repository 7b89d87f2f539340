import { entIdSchema, resourceIdSchema, safeParse, uaiSchema, type ValidationIssue } from '@opengar/core';
import type { z } from 'zod';
import type { Context, Hono } from 'hono';
import { decodeGarBase64 } from '../gar/ressources-listing.js';
import type { AppEnv } from '../http/app-env.js';
import type { HandoffRequest, HandoffResult } from './create-handoff.js';
import { errorProblem, redirectHeaders, requestIdOf, type HandoffRouteDeps } from './handoff-context.js';
import { handoffProblem, refusalProblem } from './handoff-problem.js';
import { cspNonce, launchPageHeaders, launchPageHtml, type LaunchPageInput } from './launch-page.js';
import { requestClient } from '../http/client-address.js';
import type { LaunchStatePayload, ReadLaunchState } from './launch-state.js';
import { readForm } from './read-form.js';
import { ltiLoginResponse } from './lti/lti-routes.js';
import { rememberCasTicket } from './cas/cas-client-routes.js';
import { discoverOrGo, rememberCookie } from './discovery/discovery-routes.js';
import { samlPostResponse } from './saml/saml-post-response.js';
import { samlAccountRefusal, samlRefusalAnswer } from './saml/saml-refusal-route.js';
import { samlRememberCookie } from './saml/saml-remembered.js';
import { pickerCallback } from './lti-tool/lti-tool-routes.js';
import { isPickerState } from './lti-tool/lti-tool-tokens.js';

type Fields = Map<string, string>;

function missing(c: Context<AppEnv>, names: string[]): Response {
  return handoffProblem({
    code: 'validation',
    status: 400,
    detail: `required: ${names.join(', ')}`,
    requestId: requestIdOf(c),
    instance: c.req.path,
    errors: names.map((n) => ({ pointer: `/${n}`, code: 'required', message: 'this field is required' })),
  });
}

/**
 * Checks one input against its schema, adding its issues (under `pointer`) to `issues`; returns the parsed value
 * (NFC-normalised for ids), or `undefined`.
 */
function field<S extends z.ZodType>(
  schema: S,
  value: unknown,
  pointer: string,
  issues: ValidationIssue[],
): z.output<S> | undefined {
  const r = safeParse(schema, value);
  if (r.ok) return r.value;
  for (const i of r.error.issues) issues.push({ ...i, pointer: `${pointer}${i.pointer}` });
  return undefined;
}

/** A query parameter given at most once (a second `grain` could pass one check and be used after another). */
export function singleQuery(c: Context<AppEnv>, name: string, errors: ValidationIssue[]): string | undefined {
  const values = c.req.queries(name) ?? [];
  if (values.length > 1) errors.push({ pointer: `/${name}`, code: 'duplicate', message: 'given more than once' });
  return values.length === 1 ? values[0] : undefined;
}

/** Reads the named form fields (and the optional ones present), or the problem to answer (415, 413, 400). */
export async function formFields<N extends string, O extends string = never>(
  c: Context<AppEnv>,
  deps: HandoffRouteDeps,
  names: readonly N[],
  optional: readonly O[] = [],
): Promise<(Record<N, string> & Partial<Record<O, string>>) | Response> {
  const form = await readForm(c, deps.maxFormBytes);
  if (!form.ok) {
    return handoffProblem({
      code: form.reason,
      status: form.status,
      detail: form.detail,
      requestId: requestIdOf(c),
      instance: c.req.path,
      ...(form.reason === 'validation' ? { errors: form.errors } : {}),
    });
  }
  const fields: Fields = form.fields;
  const absent = names.filter((n) => !fields.get(n));
  if (absent.length > 0) return missing(c, absent);
  const present = optional.filter((n) => fields.get(n) !== undefined);
  return Object.fromEntries([...names, ...present].map((n) => [n, fields.get(n)!])) as Record<N, string> &
    Partial<Record<O, string>>;
}

/** Answers a hand-off result: the auto-submitting page, the CAS redirect, or the refusal problem. */
export function handoffResponse(c: Context<AppEnv>, result: HandoffResult, legal?: LaunchPageInput['legal']): Response {
  // A native app's answer (a code, or `access_denied`) and a CAS ticket go to the redirect URI the request bound.
  if (!result.ok && result.location !== undefined)
    return new Response(null, { status: 303, headers: redirectHeaders(result.location) });
  if (!result.ok) return refusalProblem(result.reason, requestIdOf(c), c.req.path, result.grain);
  if (result.protocol === 'saml') return samlPostResponse(result);
  if (result.protocol === 'lti') return ltiLoginResponse(result);
  if (result.protocol !== 'jwt') return new Response(null, { status: 303, headers: redirectHeaders(result.location) });
  const nonce = cspNonce();
  const html = launchPageHtml({
    action: result.action,
    token: result.token,
    resourceName: result.resource.name,
    nonce,
    ...(legal ? { legal } : {}),
  });
  return new Response(html, { status: 200, headers: launchPageHeaders(nonce, result.action) });
}

/** What a launch started at the service (`GET /launch`, `GET /cas/login`) bound the callback to. */
export interface LaunchBinding {
  entId: string;
  state: ReadLaunchState;
}

/**
 * Verifies the assertion, refuses a launch posted from a site its ENT did not register (403, nothing written), then
 * spends the launch state (if any) and the assertion once, and hands off; credential failures become problems.
 */
export async function verifyAndHandOff(
  c: Context<AppEnv>,
  deps: HandoffRouteDeps,
  assertion: string,
  target: Omit<HandoffRequest, 'entId' | 'personId' | 'requestId' | 'uai'> & { uai?: string },
  binding?: LaunchBinding,
): Promise<Response> {
  const requestId = requestIdOf(c);
  const instance = c.req.path;
  try {
    const { user, spend } = await deps.service.identity.authenticateEntLaunch(assertion, requestClient(c));
    if (binding !== undefined && user.entId !== binding.entId) {
      return handoffProblem({
        code: 'forbidden',
        status: 403,
        detail: 'the assertion comes from another ENT than the link',
        requestId,
        instance,
      });
    }
    const headers = { origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') };
    if (await deps.service.handoff.isForeignLaunch(user.entId, headers)) {
      deps.service.logger.warn('launch.foreign_origin', {
        requestId,
        entId: user.entId,
        origin: headers.origin?.slice(0, 200) ?? null,
        secFetchSite: headers.secFetchSite?.slice(0, 20) ?? null,
      });
      return handoffProblem({
        code: 'forbidden',
        status: 403,
        detail: 'this launch was posted from a site the ENT did not register',
        reason: 'foreign_origin',
        requestId,
        instance,
      });
    }
    if (binding !== undefined && !(await deps.service.handoff.spendLaunchState(binding.state))) {
      return handoffProblem({
        code: 'bad-request',
        status: 400,
        detail: 'the launch state was already used; open the resource again',
        reason: 'state_reused',
        requestId,
        instance,
      });
    }
    const uai = target.uai ?? user.uai;
    if (uai === undefined) {
      return handoffProblem({
        code: 'validation',
        status: 400,
        detail: 'the ENT assertion names no school (uai) and the link had none',
        requestId,
        instance,
        errors: [{ pointer: '/uai', code: 'required', message: 'the school is required' }],
      });
    }
    if (!(await spend())) {
      return handoffProblem({
        code: 'unauthenticated',
        status: 401,
        detail: 'the assertion was already used; ask the ENT for a new one',
        reason: 'assertion_reused',
        requestId,
        instance,
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    const result = await deps.service.handoff.handOff({
      ...target,
      uai,
      entId: user.entId,
      personId: user.personId,
      requestId,
    });
    // A valid SP request refused after sign-in: the SP gets a signed SAML error response at its ACS, not our page.
    const samlRefusal = result.ok ? undefined : await samlRefusalAnswer(deps, target, result.reason);
    if (samlRefusal) return samlRefusal;
    const res = await rememberCasTicket(c, deps, user.entId, handoffResponse(c, result, deps.service.legalLinks));
    // The browser now knows its ENT and school: a link naming only the resource goes through them next time.
    if (result.ok) res.headers.append('set-cookie', rememberCookie(deps, { entId: user.entId, uai }));
    if (result.ok) res.headers.append('set-cookie', samlRememberCookie(deps, { entId: user.entId, uai }));
    return res;
  } catch (err) {
    try {
      const samlRefusal = await samlAccountRefusal(c, deps, target, binding?.state, err);
      if (samlRefusal) return samlRefusal;
    } catch (inner) {
      return errorProblem(c, deps, inner);
    }
    return errorProblem(c, deps, err);
  }
}

/** Counts an unauthenticated launch start against the caller's address; the 429 problem past the limit. */
export async function admitLaunch(c: Context<AppEnv>, deps: HandoffRouteDeps): Promise<Response | undefined> {
  try {
    await deps.service.identity.admitLaunch(requestClient(c));
    return undefined;
  } catch (err) {
    return errorProblem(c, deps, err);
  }
}

/** Sends the browser to the ENT's assertion endpoint with a signed, single-use state bound to what it asked for. */
export async function redirectToEnt(
  c: Context<AppEnv>,
  deps: HandoffRouteDeps,
  bound: LaunchStatePayload,
): Promise<Response> {
  const start = await deps.service.handoff.startLaunch(bound);
  if (start.ok) return new Response(null, { status: 303, headers: redirectHeaders(start.location) });
  const requestId = requestIdOf(c);
  if (start.reason === 'invalid_grain') return refusalProblem('invalid_grain', requestId, c.req.path, start.grain);
  if (start.reason === 'no_assertion_endpoint') {
    const detail = 'this ENT registered no assertion endpoint';
    return handoffProblem({ code: 'conflict', status: 409, detail, requestId, instance: c.req.path });
  }
  return handoffProblem({
    code: 'not-found',
    status: 404,
    detail: NOT_FOUND_DETAIL[start.reason],
    requestId,
    instance: c.req.path,
  });
}

/** The `detail` of each 404 of a launch start. */
const NOT_FOUND_DETAIL = {
  unknown_ent: 'no such ENT',
  unknown_school: 'no such school in this ENT',
  unknown_resource: 'no such resource',
} as const;

/**
 * `POST /launch` (form `assertion`, `resource`, `uai`), `GET /launch?idENT=&idEtab=&idRessource=` (GAR-style link,
 * base64 values) and `POST /launch/callback` (form `assertion`, `state`).
 */
export function mountLaunchRoutes(app: Hono<AppEnv>, deps: HandoffRouteDeps): void {
  app.post('/launch', async (c) => {
    const f = await formFields(c, deps, ['assertion', 'resource', 'uai'] as const, ['grain'] as const);
    if (f instanceof Response) return f;
    const issues: ValidationIssue[] = [];
    const uai = field(uaiSchema, f.uai, '/uai', issues);
    const resourceId = field(resourceIdSchema, f.resource, '/resource', issues);
    if (uai === undefined || resourceId === undefined) {
      return handoffProblem({
        code: 'validation',
        status: 400,
        detail: 'invalid form',
        requestId: requestIdOf(c),
        instance: c.req.path,
        errors: issues,
      });
    }
    return verifyAndHandOff(c, deps, f.assertion, {
      uai,
      resourceId,
      ...(f.grain === undefined ? {} : { grain: f.grain }),
    });
  });

  app.get('/launch', async (c) => {
    const limited = await admitLaunch(c, deps);
    if (limited) return limited;
    // A link naming only the resource (copied by a teacher, or a publisher's login): discovery, hint or remembered.
    if (c.req.query('idENT') === undefined && c.req.query('idEtab') === undefined) return discoverOrGo(c, deps);
    const raw = { idENT: c.req.query('idENT'), idEtab: c.req.query('idEtab'), idRessource: c.req.query('idRessource') };
    const decoded = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, v === undefined ? undefined : decodeGarBase64(v)]),
    );
    const errors: ValidationIssue[] = [];
    const grain = singleQuery(c, 'grain', errors);
    const entId = field(entIdSchema, decoded.idENT, '/idENT', errors);
    const uai = field(uaiSchema, decoded.idEtab, '/idEtab', errors);
    const resourceId = field(resourceIdSchema, decoded.idRessource, '/idRessource', errors);
    if (entId === undefined || uai === undefined || resourceId === undefined || errors.length > 0) {
      return handoffProblem({
        code: 'validation',
        status: 400,
        detail: 'invalid launch link (base64 values)',
        requestId: requestIdOf(c),
        instance: c.req.path,
        errors,
      });
    }
    try {
      return await redirectToEnt(c, deps, { entId, uai, resourceId, ...(grain === undefined ? {} : { grain }) });
    } catch (err) {
      return errorProblem(c, deps, err);
    }
  });

  app.post('/launch/callback', async (c) => {
    const f = await formFields(c, deps, ['assertion', 'state'] as const);
    if (f instanceof Response) return f;
    // The ENT round trip of the LTI Deep Linking picker comes back here too (ENTs know one callback URL).
    if (isPickerState(f.state)) return pickerCallback(c, deps, f.assertion, f.state);
    // Verified, not spent: a forged or stale callback writes nothing; the nonce is spent only with a valid assertion.
    let state: ReadLaunchState | undefined;
    try {
      state = await deps.service.handoff.readLaunchState(f.state);
    } catch (err) {
      return errorProblem(c, deps, err);
    }
    if (!state) {
      return handoffProblem({
        code: 'bad-request',
        status: 400,
        detail: 'the launch state is invalid or expired; open the resource again',
        requestId: requestIdOf(c),
        instance: c.req.path,
      });
    }
    const { entId, ...target } = state.payload;
    return verifyAndHandOff(c, deps, f.assertion, target, { entId, state });
  });
}
