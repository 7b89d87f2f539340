import type { StoreOps } from '../../store/types.js';
import type { LtiToolRefusal } from './lti-id-token.js';
import { bindingHash, randomToken, signLtiToken } from './lti-tool-tokens.js';

/** The parameters of a third-party login initiation (LTI 1.3 security framework §5.1.1). */
export interface LtiLoginRequest {
  iss?: string;
  login_hint?: string;
  target_link_uri?: string;
  lti_message_hint?: string;
  client_id?: string;
  lti_deployment_id?: string;
}

/** A refusal, or what to do next. */
export type LtiOutcome<T> = ({ ok: true } & T) | { ok: false; reason: LtiToolRefusal };

/**
 * A third-party login initiation: the platform (by issuer), client and deployment checked, the target this tool's
 * launch URL; answers the platform's OIDC authorization request (`response_mode=form_post`, `prompt=none`) with a
 * sealed `state` bound to the browser's `binding` cookie and a fresh `nonce`. Writes nothing.
 */
export async function ltiLogin(
  req: LtiLoginRequest,
  binding: string,
  {
    store,
    key,
    launchUrl,
    now,
  }: { store: Pick<StoreOps, 'getLtiPlatformByIssuer'>; key: Uint8Array; launchUrl: string; now: Date },
): Promise<LtiOutcome<{ location: string }>> {
  if (!req.iss || !req.login_hint || !req.target_link_uri) return { ok: false, reason: 'malformed' };
  const platform = await store.getLtiPlatformByIssuer(req.iss);
  if (!platform) return { ok: false, reason: 'unknown_platform' };
  const clientId = req.client_id ?? (platform.clientIds.length === 1 ? platform.clientIds[0] : undefined);
  if (clientId === undefined || !platform.clientIds.includes(clientId)) return { ok: false, reason: 'unknown_client' };
  if (req.lti_deployment_id !== undefined && !platform.deploymentIds.includes(req.lti_deployment_id))
    return { ok: false, reason: 'unknown_deployment' };
  if (req.target_link_uri !== launchUrl && !req.target_link_uri.startsWith(`${launchUrl}?`))
    return { ok: false, reason: 'bad_target' };
  const nonce = randomToken();
  const claims = { plt: platform.id, cid: clientId, non: nonce, bnd: await bindingHash(binding) };
  const state = await signLtiToken(key, 'state', claims, launchUrl, now);
  const target = new URL(platform.authEndpoint);
  const params = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: clientId,
    redirect_uri: launchUrl,
    login_hint: req.login_hint,
    state,
    nonce,
    ...(req.lti_message_hint === undefined ? {} : { lti_message_hint: req.lti_message_hint }),
  };
  for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
  return { ok: true, location: target.href };
}
