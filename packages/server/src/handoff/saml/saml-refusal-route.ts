import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { GarServiceError } from '../../kernel/errors.js';
import { requestIdOf, type HandoffRouteDeps } from '../handoff-context.js';
import type { ReadLaunchState } from '../launch-state.js';
import type { SamlBinding } from './issue-saml-response.js';
import { samlRefusalPostResponse } from './saml-post-response.js';

/** The SP-initiated request a callback answers, and the launch state it came back with. */
export interface SamlRefusalTarget {
  resourceId: string;
  saml?: SamlBinding | undefined;
}

/**
 * When a valid SP-initiated request is refused after the person signed in at the ENT, the SP's signed SAML error
 * response (posted to its ACS) instead of opengar's problem page; `undefined` when the request was not SAML or no ACS
 * can be trusted any more (the caller answers its problem).
 */
export async function samlRefusalAnswer(
  deps: HandoffRouteDeps,
  target: SamlRefusalTarget,
  reason: string,
): Promise<Response | undefined> {
  if (!target.saml) return undefined;
  const answer = await deps.service.saml.refusalResponse({
    resourceId: target.resourceId,
    binding: target.saml,
    reason,
  });
  return answer ? samlRefusalPostResponse(answer) : undefined;
}

/**
 * The same for an ENT assertion that verified but names an account the GAR service refuses (the person unknown in
 * this ENT, a school outside it): the launch state is spent first (one answer per sign-in), then `AuthnFailed`.
 */
export async function samlAccountRefusal(
  c: Context<AppEnv>,
  deps: HandoffRouteDeps,
  target: SamlRefusalTarget,
  state: ReadLaunchState | undefined,
  err: unknown,
): Promise<Response | undefined> {
  if (!target.saml || !state || !(err instanceof GarServiceError) || err.code !== 'forbidden') return undefined;
  if (!(await deps.service.handoff.spendLaunchState(state))) return undefined;
  deps.service.logger.info('saml.account_refused', { requestId: requestIdOf(c) });
  return samlRefusalAnswer(deps, target, 'unknown_person');
}
